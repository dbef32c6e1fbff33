import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * WhatsApp numbers a workspace connects through Baileys, their linked-device credentials and
 * signal keys (encrypted, never on disk), and the WhatsApp ids of messages so that a message
 * delivered twice is stored once and acknowledgements find their message.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('whatsapp_numbers', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('label', 100).notNullable()
      table.string('phone', 20).nullable()
      table.string('status', 16).notNullable().defaultTo('connecting')
      table.string('last_error', 500).nullable()
      /** Pacing overrides (see services/whatsapp/pacing.ts); {} means the defaults. */
      table.jsonb('pacing').notNullable().defaultTo('{}')
      table.boolean('groups_enabled').notNullable().defaultTo(false)
      /** Set when the number first opened: the warm-up schedule counts days from here. */
      table.timestamp('warmup_started_at', { useTz: true }).nullable()
      table.timestamp('connected_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.check(`status in ('connecting', 'qr', 'open', 'closed', 'logged_out')`)
    })
    this.schema.raw(isolate('whatsapp_numbers', 'workspace'))

    this.schema.createTable('whatsapp_auth', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('number_id').notNullable()
      /** `creds`, or `<signal key type>:<id>` */
      table.string('key', 300).notNullable()
      /** AES-256-GCM under APP_KEY (Adonis encryption) of the value's JSON. */
      table.text('sealed').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'number_id', 'key'])
      table
        .foreign(['tenant_id', 'number_id'])
        .references(['tenant_id', 'id'])
        .inTable('whatsapp_numbers')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('whatsapp_auth', 'workspace'))

    this.schema.alterTable('conversations', (table) => {
      table.uuid('whatsapp_number_id').nullable()
    })
    this.schema.alterTable('messages', (table) => {
      /** The provider's id of the message (WhatsApp's key.id). */
      table.string('external_id', 128).nullable()
    })
    this.schema.raw(`
      CREATE UNIQUE INDEX messages_external_id_unique ON messages (tenant_id, workspace_id, external_id)
        WHERE external_id IS NOT NULL;
      ALTER TABLE messages DROP CONSTRAINT messages_type_check;
      ALTER TABLE messages ADD CONSTRAINT messages_type_check CHECK (type in ('text', 'note', 'location', 'contact', 'reaction'));
      ALTER TABLE messages ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';
    `)
  }

  async down() {
    this.schema.raw(`
      DROP INDEX IF EXISTS messages_external_id_unique;
      ALTER TABLE messages DROP COLUMN metadata;
      ALTER TABLE messages DROP CONSTRAINT messages_type_check;
      ALTER TABLE messages ADD CONSTRAINT messages_type_check CHECK (type in ('text', 'note'));
    `)
    this.schema.alterTable('messages', (table) => table.dropColumn('external_id'))
    this.schema.alterTable('conversations', (table) => table.dropColumn('whatsapp_number_id'))
    this.schema.dropTable('whatsapp_auth')
    this.schema.dropTable('whatsapp_numbers')
  }
}
