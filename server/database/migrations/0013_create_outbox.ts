import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRoleName, isolate } from '#database/isolation'

/**
 * The transactional outbox: every domain event is written in the same transaction as the change
 * it describes, and a relay hands it to listeners (realtime, webhooks, queues) once Redis answers.
 * The application role may only add events of its own tenant; the relay reads and deletes them
 * as the operator (docs/architecture.md, "Write path").
 *
 * Webhook deliveries remember the event they came from, so relaying an event twice (after a crash
 * between Redis and the delete) records each delivery once. Members remember the widgets of their
 * latest session, so a narrower one can narrow the streams of the earlier ones.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('outbox', (table) => {
      table.bigIncrements('id', { primaryKey: false })
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').nullable()
      table.string('name', 64).notNullable()
      table.jsonb('payload').notNullable()
      /** Listeners that already succeeded for this event (skipped when it is relayed again). */
      table.specificType('done', 'text[]').notNullable().defaultTo('{}')
      table.integer('attempts').notNullable().defaultTo(0)
      table.string('last_error', 500).nullable()
      /** Set after repeated failures that are not Redis being away (a bug): kept, not retried. */
      table.timestamp('dead_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['id'])
    })
    this.schema.raw(isolate('outbox', 'tenant', ['INSERT']))
    this.schema.raw(`GRANT USAGE ON SEQUENCE outbox_id_seq TO "${appRoleName()}"`)

    this.schema.alterTable('webhook_deliveries', (table) => {
      table.uuid('event_id').nullable()
      table.unique(['tenant_id', 'webhook_id', 'event_id'])
    })

    // The widgets of a member's latest session: fewer than before narrows its open streams.
    this.schema.alterTable('members', (table) => {
      table.specificType('widgets', 'text[]').nullable()
    })
  }

  async down() {
    this.schema.alterTable('members', (table) => table.dropColumn('widgets'))
    this.schema.alterTable('webhook_deliveries', (table) => {
      table.dropUnique(['tenant_id', 'webhook_id', 'event_id'])
      table.dropColumn('event_id')
    })
    this.schema.dropTable('outbox')
  }
}
