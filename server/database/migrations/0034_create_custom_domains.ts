import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRoleName, isolate } from '#database/isolation'

/**
 * Custom domains (the console's "widgets.reseller.com"): a hostname belongs to one tenant across
 * the platform (the unique index spans tenants, so a second claim is a conflict even though RLS
 * hides the first), proven by a TXT record `_parley.<host>` holding `token`. `status` moves
 * pending → verified | failed, with the reason in words in `error`; `checked_at` is the last look.
 *
 * Tenant settings that a console session or secret key now manages through the API need the
 * application role to create keys and to add and remove origins (before, only operator commands
 * did, as the owner role).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('custom_domains', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('hostname', 253).notNullable()
      table.string('token', 64).notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.string('error', 300).nullable()
      table.timestamp('checked_at', { useTz: true }).nullable()
      table.timestamp('verified_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['hostname'])
      table.check(`status in ('pending', 'verified', 'failed')`)
    })
    this.schema.raw(isolate('custom_domains', 'tenant'))
    // The periodic re-check looks for the least recently checked first.
    this.schema.raw(
      'CREATE INDEX custom_domains_checked ON custom_domains (checked_at NULLS FIRST)'
    )

    this.schema.raw(`
      GRANT INSERT ON api_keys TO "${appRoleName()}";
      GRANT INSERT, DELETE ON tenant_origins TO "${appRoleName()}";
    `)
  }

  async down() {
    this.schema.raw(`
      REVOKE INSERT ON api_keys FROM "${appRoleName()}";
      REVOKE INSERT, DELETE ON tenant_origins FROM "${appRoleName()}";
    `)
    this.schema.dropTable('custom_domains')
  }
}
