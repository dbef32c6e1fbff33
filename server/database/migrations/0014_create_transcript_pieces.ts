import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * One row per transcribed piece of a recording, written with the piece's segments when the
 * provider answers: a retried job (a worker killed mid-transcription) finds it and never sends
 * that piece again.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('transcript_pieces', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('recording_id').notNullable()
      table.integer('piece').notNullable()
      /** Where the piece starts in the recording, in seconds (a re-cut elsewhere discards it). */
      table.decimal('offset_seconds', 10, 3).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'recording_id', 'piece'])
      table
        .foreign(['tenant_id', 'recording_id'])
        .references(['tenant_id', 'id'])
        .inTable('recordings')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('transcript_pieces', 'workspace'))
  }

  async down() {
    this.schema.dropTable('transcript_pieces')
  }
}
