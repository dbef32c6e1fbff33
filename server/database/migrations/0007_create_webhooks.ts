import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/** Outbound webhooks of a workspace and the log of every delivery attempt. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('webhooks', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('url', 2048).notNullable()
      table.specificType('events', 'text[]').notNullable()
      table.text('secret_encrypted').notNullable()
      table.string('description', 200).nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('webhooks', 'workspace'))

    this.schema.createTable('webhook_deliveries', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('webhook_id').notNullable()
      table.string('event_type', 64).notNullable()
      table.jsonb('payload').notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('response_status').nullable()
      table.string('response_body', 1000).nullable()
      table.string('error', 500).nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'webhook_id'])
        .references(['tenant_id', 'id'])
        .inTable('webhooks')
        .onDelete('CASCADE')
      table.check(`status in ('pending', 'delivered', 'failed')`)
      table.index(['tenant_id', 'webhook_id', 'id'])
    })
    this.schema.raw(isolate('webhook_deliveries', 'workspace'))
  }

  async down() {
    this.schema.dropTable('webhook_deliveries')
    this.schema.dropTable('webhooks')
  }
}
