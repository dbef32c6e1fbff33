import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRoleName, isolate } from '#database/isolation'

/**
 * Suspension history (issue 16): one row per suspension of a tenant, closed by its resumption.
 * `tenants.status` stays the switch every middleware reads; this table says why and by whom.
 *
 * Tenant-isolated (RLS via isolate()) so a suspended tenant's console users can read why in their
 * own request transaction. They may read only what the admin meant them to: the application role
 * is granted SELECT on the category, the shared `reason` and the times, not on the admin's
 * internal `note` nor on who suspended or resumed. Writes happen on the operator connection
 * (platform admin routes and ace commands), so the application role gets no write grant.
 * At most one open suspension per tenant (the partial unique index): two admins suspending at
 * once cannot leave two open rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tenant_suspensions', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('category', 16).notNullable()
      table.string('reason', 1000).notNullable()
      table.string('note', 2000).nullable()
      table.timestamp('suspended_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.string('suspended_by_type', 20).notNullable()
      table.string('suspended_by_id', 100).nullable()
      table.timestamp('resumed_at', { useTz: true }).nullable()
      table.string('resumed_by_type', 20).nullable()
      table.string('resumed_by_id', 100).nullable()
      table.primary(['tenant_id', 'id'])
      table.check(`category in ('abuse', 'payment', 'request', 'other')`)
      table.check(`suspended_by_type in ('platform_user', 'operator')`)
      table.check(`resumed_by_type is null or resumed_by_type in ('platform_user', 'operator')`)
    })
    this.schema.raw(
      'CREATE UNIQUE INDEX tenant_suspensions_open ON tenant_suspensions (tenant_id) WHERE resumed_at IS NULL'
    )
    this.schema.raw(isolate('tenant_suspensions', 'tenant', ['SELECT']))
    this.schema.raw(`
      REVOKE SELECT ON tenant_suspensions FROM "${appRoleName()}";
      GRANT SELECT (tenant_id, id, category, reason, suspended_at, resumed_at)
        ON tenant_suspensions TO "${appRoleName()}";
    `)

    // Tenants suspended before history was kept get one open row, so "suspended" always has one.
    this.schema.raw(`
      INSERT INTO tenant_suspensions (tenant_id, id, category, reason, suspended_at, suspended_by_type)
      SELECT id, parley_uuidv7(), 'other', '', coalesce(suspended_at, now()), 'operator'
        FROM tenants WHERE status = 'suspended'
    `)
  }

  async down() {
    this.schema.dropTable('tenant_suspensions')
  }
}
