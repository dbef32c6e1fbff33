import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * Recordings and their transcripts: audio uploaded in chunks (each kept until assembled) or at
 * once, transcribed in pieces, stitched into timestamped segments; usage metered in minutes;
 * a tenant's own provider key, sealed.
 */
export default class extends BaseSchema {
  async up() {
    const workspaceRef = (table: any) =>
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')

    this.schema.createTable('recordings', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('created_by_member_id').nullable()
      table.string('title', 200).notNullable()
      table.string('mime_type', 100).notNullable()
      table.string('language', 16).nullable()
      table.string('status', 16).notNullable().defaultTo('uploading')
      table.decimal('progress', 5, 4).notNullable().defaultTo(0)
      table.decimal('duration_seconds', 10, 3).nullable()
      table.bigInteger('size_bytes').nullable()
      table.string('error_code', 40).nullable()
      table.string('error', 500).nullable()
      table.string('storage_key', 500).nullable()
      table.integer('pieces_total').nullable()
      table.integer('pieces_done').notNullable().defaultTo(0)
      table.string('model', 80).nullable()
      table.text('summary').nullable()
      table.jsonb('action_items').notNullable().defaultTo('[]')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      workspaceRef(table)
      table.check(`status in ('uploading', 'queued', 'transcribing', 'ready', 'failed')`)
      table.index(['tenant_id', 'workspace_id', 'id'])
    })
    this.schema.raw(isolate('recordings', 'workspace'))

    this.schema.createTable('recording_chunks', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('recording_id').notNullable()
      table.integer('n').notNullable()
      table.integer('size_bytes').notNullable()
      table.string('sha256', 64).notNullable()
      table.string('storage_key', 500).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'recording_id', 'n'])
      table
        .foreign(['tenant_id', 'recording_id'])
        .references(['tenant_id', 'id'])
        .inTable('recordings')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('recording_chunks', 'workspace'))

    this.schema.createTable('transcript_segments', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('recording_id').notNullable()
      table.uuid('id').notNullable()
      table.integer('piece').notNullable()
      table.integer('position').notNullable()
      table.decimal('start_seconds', 10, 3).notNullable()
      table.decimal('end_seconds', 10, 3).notNullable()
      table.string('speaker', 40).nullable()
      table.text('text').notNullable()
      table.boolean('edited').notNullable().defaultTo(false)
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'recording_id'])
        .references(['tenant_id', 'id'])
        .inTable('recordings')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'recording_id', 'start_seconds'])
    })
    this.schema.raw(isolate('transcript_segments', 'workspace'))

    this.schema.createTable('usage_events', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('kind', 40).notNullable()
      table.decimal('quantity', 12, 3).notNullable()
      table.uuid('recording_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      workspaceRef(table)
      table.unique(['tenant_id', 'kind', 'recording_id'])
      table.index(['tenant_id', 'workspace_id', 'kind', 'created_at'])
    })
    this.schema.raw(isolate('usage_events', 'workspace', ['SELECT', 'INSERT']))

    this.schema.alterTable('workspaces', (table) => {
      /** Minutes of transcription a month; null: the tenant's default. */
      table.integer('transcription_minutes_quota').nullable()
    })
    this.schema.alterTable('tenants', (table) => {
      table.integer('transcription_minutes_quota').notNullable().defaultTo(60)
    })

    this.schema.createTable('provider_credentials', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.string('provider', 20).notNullable()
      /** AES-256-GCM under APP_KEY (Adonis encryption): { apiKey, baseUrl?, transcriptionModel? } */
      table.text('sealed').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'provider'])
    })
    this.schema.raw(isolate('provider_credentials', 'tenant'))
  }

  async down() {
    this.schema.dropTable('provider_credentials')
    this.schema.alterTable('tenants', (table) => table.dropColumn('transcription_minutes_quota'))
    this.schema.alterTable('workspaces', (table) => table.dropColumn('transcription_minutes_quota'))
    for (const table of ['usage_events', 'transcript_segments', 'recording_chunks', 'recordings']) {
      this.schema.dropTable(table)
    }
  }
}
