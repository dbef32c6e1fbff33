import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Work that waits on a queue, findable without a scan: after Redis lost its data (a restart
 * without persistence), workers queue again what PostgreSQL says is still to do.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `create index webhook_deliveries_pending on webhook_deliveries (created_at) where status = 'pending'`
    )
    this.schema.raw(
      `create index messages_pending on messages (created_at) where status = 'pending'`
    )
    this.schema.raw(
      `create index conversations_snoozed on conversations (snoozed_until) where status = 'snoozed'`
    )
  }

  async down() {
    this.schema.raw('drop index webhook_deliveries_pending')
    this.schema.raw('drop index messages_pending')
    this.schema.raw('drop index conversations_snoozed')
  }
}
