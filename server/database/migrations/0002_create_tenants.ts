import { BaseSchema } from '@adonisjs/lucid/schema'
import { currentTenant, isolate, appRoleName } from '#database/isolation'

/** Tenants (resellers), the origins their publishable keys are good for, and their API keys. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tenants', (table) => {
      table.uuid('id').primary()
      table.string('name', 120).notNullable()
      table.string('status', 16).notNullable().defaultTo('active')
      table.string('logo_url', 2048).nullable()
      table.string('locale', 16).notNullable().defaultTo('en')
      table.jsonb('session_policy').notNullable().defaultTo('{}')
      table.timestamp('suspended_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check(`status in ('active', 'suspended')`)
    })
    // A tenant sees only its own row; the application may read and update it, never create or delete.
    this.schema.raw(`
      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenants_isolation ON tenants TO PUBLIC USING (id = ${currentTenant}) WITH CHECK (id = ${currentTenant});
      CREATE POLICY tenants_operator ON tenants TO CURRENT_USER USING (${currentTenant} IS NULL OR id = ${currentTenant}) WITH CHECK (${currentTenant} IS NULL OR id = ${currentTenant});
      GRANT SELECT, UPDATE ON tenants TO "${appRoleName()}";
    `)

    this.schema.createTable('tenant_origins', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('origin', 2048).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'origin'])
    })
    this.schema.raw(isolate('tenant_origins', 'tenant', ['SELECT']))

    this.schema.createTable('api_keys', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('type', 16).notNullable()
      table.string('label', 120).nullable()
      // First characters of the key's random part: finds the row; the hash then proves the key.
      table.string('lookup', 16).notNullable()
      table.string('secret_hash', 64).notNullable()
      // Publishable keys are public and shown again; secret keys are never stored in the clear.
      table.string('token', 128).nullable()
      table.string('last_four', 4).notNullable()
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'lookup'])
      table.check(`type in ('secret', 'publishable')`)
      table.check(`type = 'publishable' or token is null`)
    })
    this.schema.raw(isolate('api_keys', 'tenant', ['SELECT', 'UPDATE']))
  }

  async down() {
    this.schema.dropTable('api_keys')
    this.schema.dropTable('tenant_origins')
    this.schema.dropTable('tenants')
  }
}
