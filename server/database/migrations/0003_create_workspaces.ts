import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/** Workspaces (the reseller's customer accounts) and their members, created on first session. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('workspaces', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('external_id', 128).notNullable()
      table.string('name', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'external_id'])
    })
    this.schema.raw(isolate('workspaces', 'tenant'))

    this.schema.createTable('members', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('external_id', 128).notNullable()
      table.string('name', 200).nullable()
      table.string('email', 254).nullable()
      table.string('role', 16).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'workspace_id', 'external_id'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.check(`role in ('owner', 'admin', 'agent', 'viewer')`)
    })
    this.schema.raw(isolate('members', 'workspace'))
  }

  async down() {
    this.schema.dropTable('members')
    this.schema.dropTable('workspaces')
  }
}
