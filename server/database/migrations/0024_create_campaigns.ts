import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * Campaigns and their recipients. A recipient row is one contact at one step of one campaign
 * (unique, so planning twice or a worker dying mid-batch never doubles anyone); it points at the
 * inbox message it became, and the message points back at the campaign, so receipts and replies
 * that reach the inbox also move the campaign's numbers.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('campaigns', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('name', 120).notNullable()
      table.string('kind', 16).notNullable()
      table.string('channel', 16).notNullable()
      table.jsonb('audience').notNullable()
      table.jsonb('steps').notNullable()
      table.jsonb('schedule').nullable()
      table.jsonb('limits').notNullable().defaultTo('{}')
      table.string('status', 16).notNullable().defaultTo('draft')
      // Why it is paused (`manual`, `number_disconnected`, `failure_rate`…) and in words.
      table.string('paused_reason', 40).nullable()
      table.string('error', 500).nullable()
      // The schedule resolved to an instant (the workspace's or the schedule's time zone).
      table.timestamp('send_at', { useTz: true }).nullable()
      table.timestamp('launched_at', { useTz: true }).nullable()
      table.timestamp('planned_at', { useTz: true }).nullable()
      table.timestamp('completed_at', { useTz: true }).nullable()
      table.integer('audience_count').nullable()
      // Step index → the variant chosen after an A/B test share (absent until decided).
      table.jsonb('winners').notNullable().defaultTo('{}')
      table.uuid('created_by_member_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['tenant_id', 'workspace_id', 'created_at', 'id'])
      table.index(['tenant_id', 'workspace_id', 'status'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.check(`kind in ('broadcast', 'drip')`)
      table.check(`channel in ('whatsapp', 'web')`)
      table.check(
        `status in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed')`
      )
    })
    this.schema.raw(isolate('campaigns', 'workspace'))

    this.schema.createTable('campaign_recipients', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('campaign_id').notNullable()
      table.uuid('contact_id').notNullable()
      table.smallint('step').notNullable().defaultTo(0)
      table.smallint('variant').nullable()
      table.string('status', 16).notNullable().defaultTo('queued')
      // For failed, skipped and exited: a code (`optedOut`, `quietHours`, `frequencyCap`, …).
      table.string('reason', 40).nullable()
      table.string('detail', 500).nullable()
      table.uuid('whatsapp_number_id').nullable()
      table.uuid('conversation_id').nullable()
      table.uuid('message_id').nullable()
      // When it may go: the step's delay, quiet hours and retries move it.
      table.timestamp('due_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.smallint('attempts').notNullable().defaultTo(0)
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('replied_at', { useTz: true }).nullable()
      table.string('classification', 20).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'campaign_id', 'contact_id', 'step'])
      table.index(['tenant_id', 'campaign_id', 'status', 'due_at'])
      table.index(['tenant_id', 'campaign_id', 'id'])
      table.index(['tenant_id', 'contact_id', 'sent_at'])
      table
        .foreign(['tenant_id', 'campaign_id'])
        .references(['tenant_id', 'id'])
        .inTable('campaigns')
        .onDelete('CASCADE')
      table
        .foreign(['tenant_id', 'contact_id'])
        .references(['tenant_id', 'id'])
        .inTable('contacts')
        .onDelete('CASCADE')
      table.check(
        `status in ('queued', 'sent', 'delivered', 'read', 'replied', 'failed', 'skipped', 'exited')`
      )
    })
    this.schema.raw(isolate('campaign_recipients', 'workspace'))
    this.schema.raw(
      `CREATE INDEX campaign_recipients_message ON campaign_recipients (tenant_id, message_id)
         WHERE message_id IS NOT NULL`
    )

    this.schema.alterTable('messages', (table) => {
      table.uuid('campaign_id').nullable()
    })
  }

  async down() {
    this.schema.alterTable('messages', (table) => {
      table.dropColumn('campaign_id')
    })
    this.schema.dropTable('campaign_recipients')
    this.schema.dropTable('campaigns')
  }
}
