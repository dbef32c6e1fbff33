import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * The usage ledger: one row per use of a metered feature, unique per (workspace, feature, source
 * id) so recording the same use again (a retried job, a replayed send) counts it once. Entitlements
 * sum it over the billing period; the meter job reports rows under an overage plan to Stripe in
 * batches (`batch_id` is the meter event's `identifier`, fixed before sending so a retry is
 * deduplicated by Stripe) and marks them reported. Existing transcription minutes move in.
 * `usage_alerts` remembers which 80 %/100 % alerts a period already raised.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('usage_records', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('feature', 40).notNullable()
      table.string('source_id', 200).notNullable()
      table.decimal('quantity', 14, 3).notNullable()
      table.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.uuid('batch_id').nullable()
      table.timestamp('reported_at', { useTz: true }).nullable()
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.unique(['tenant_id', 'workspace_id', 'feature', 'source_id'])
      table.index(['tenant_id', 'workspace_id', 'feature', 'occurred_at'])
    })
    // What the meter job looks for: small, since reported rows leave it.
    this.schema.raw(
      'CREATE INDEX usage_records_unreported ON usage_records (occurred_at) WHERE reported_at IS NULL'
    )
    this.schema.raw(isolate('usage_records', 'workspace', ['SELECT', 'INSERT', 'UPDATE']))
    this.schema.raw(`
      INSERT INTO usage_records (tenant_id, workspace_id, id, feature, source_id, quantity, occurred_at, reported_at)
      SELECT tenant_id, workspace_id, id, 'transcriptionMinutes', coalesce(recording_id::text, id::text),
             quantity, created_at, created_at
        FROM usage_events WHERE kind = 'transcription_minutes'
      ON CONFLICT DO NOTHING
    `)

    this.schema.createTable('usage_alerts', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.string('feature', 40).notNullable()
      table.timestamp('period_start', { useTz: true }).notNullable()
      table.integer('threshold').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'workspace_id', 'feature', 'period_start', 'threshold'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('usage_alerts', 'workspace', ['SELECT', 'INSERT']))
  }

  async down() {
    this.schema.dropTable('usage_alerts')
    this.schema.dropTable('usage_records')
  }
}
