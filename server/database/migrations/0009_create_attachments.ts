import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * Files sent with messages. Uploaded first (message_id null), then attached by the send that
 * names them; the bytes live on the drive disk under `storage_key`, the type is the one read from
 * the content, never the one the client claimed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('attachments', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('message_id').nullable()
      table.uuid('uploader_member_id').nullable()
      table.uuid('uploader_contact_id').nullable()
      table.string('name', 255).notNullable()
      table.string('mime_type', 100).notNullable()
      table.string('kind', 16).notNullable()
      table.bigInteger('size_bytes').notNullable()
      table.string('storage_key', 500).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
      table
        .foreign(['tenant_id', 'message_id'])
        .references(['tenant_id', 'id'])
        .inTable('messages')
        .onDelete('CASCADE')
      table.check(`kind in ('image', 'audio', 'video', 'file')`)
      table.index(['tenant_id', 'message_id'])
    })
    this.schema.raw(isolate('attachments', 'workspace'))
  }

  async down() {
    this.schema.dropTable('attachments')
  }
}
