import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/** Who changed what: keys, tenants, session policy, member roles. Append-only for the app role. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_events', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.uuid('workspace_id').nullable()
      table.string('action', 64).notNullable()
      table.string('actor_type', 16).notNullable()
      table.string('actor_id', 128).nullable()
      table.string('target_type', 32).nullable()
      table.string('target_id', 128).nullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.string('request_id', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['tenant_id', 'created_at'])
      table.check(`actor_type in ('operator', 'secret_key', 'session', 'system')`)
    })
    this.schema.raw(isolate('audit_events', 'tenant', ['SELECT', 'INSERT']))
  }

  async down() {
    this.schema.dropTable('audit_events')
  }
}
