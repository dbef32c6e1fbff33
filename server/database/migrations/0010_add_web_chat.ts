import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Web chat: a workspace opts in to anonymous visitors; a contact may be one of the host's own
 * signed-in users (`external_id`, the host's user id) or an anonymous visitor who holds a
 * long-lived visitor token (only its SHA-256 is kept).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('workspaces', (table) => {
      table.boolean('web_chat_enabled').notNullable().defaultTo(false)
    })
    this.schema.alterTable('contacts', (table) => {
      table.string('external_id', 128).nullable()
      table.string('visitor_token_hash', 64).nullable()
    })
    this.schema.raw(`
      CREATE UNIQUE INDEX contacts_external_id_unique ON contacts (tenant_id, workspace_id, external_id)
        WHERE external_id IS NOT NULL;
      CREATE INDEX conversations_contact ON conversations (tenant_id, contact_id, last_message_at);
    `)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS conversations_contact')
    this.schema.alterTable('contacts', (table) => {
      table.dropColumn('visitor_token_hash')
      table.dropColumn('external_id')
    })
    this.schema.alterTable('workspaces', (table) => {
      table.dropColumn('web_chat_enabled')
    })
  }
}
