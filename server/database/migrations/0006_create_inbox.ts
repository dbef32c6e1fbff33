import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * The inbox: contacts (people outside the workspace), conversations with them (or between
 * members), their messages with edit history, and how far each member has read.
 * Everything is workspace-scoped; keys and foreign keys lead with tenant_id.
 */
export default class extends BaseSchema {
  async up() {
    const workspaceRef = (table: any) =>
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')

    this.schema.createTable('contacts', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('name', 200).nullable()
      table.string('phone', 20).nullable()
      table.string('email', 254).nullable()
      table.string('avatar_url', 2048).nullable()
      table.jsonb('attributes').notNullable().defaultTo('{}')
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      table.boolean('blocked').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      workspaceRef(table)
      table.index(['tenant_id', 'workspace_id', 'id'])
    })
    this.schema.raw(`
      CREATE UNIQUE INDEX contacts_phone_unique ON contacts (tenant_id, workspace_id, phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX contacts_email_unique ON contacts (tenant_id, workspace_id, lower(email)) WHERE email IS NOT NULL;
      ALTER TABLE contacts ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
      ) STORED;
      CREATE INDEX contacts_search ON contacts USING gin (search);
    `)
    this.schema.raw(isolate('contacts', 'workspace'))

    this.schema.createTable('conversations', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('contact_id').nullable()
      table.string('channel', 16).notNullable()
      table.string('status', 16).notNullable().defaultTo('open')
      table.string('priority', 16).notNullable().defaultTo('normal')
      table.uuid('assignee_id').nullable()
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      table.string('subject', 300).nullable()
      table.timestamp('snoozed_until', { useTz: true }).nullable()
      table.timestamp('last_message_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.uuid('last_message_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      workspaceRef(table)
      table
        .foreign(['tenant_id', 'contact_id'])
        .references(['tenant_id', 'id'])
        .inTable('contacts')
        .onDelete('SET NULL')
      table
        .foreign(['tenant_id', 'assignee_id'])
        .references(['tenant_id', 'id'])
        .inTable('members')
        .onDelete('SET NULL')
      table.check(`channel in ('web', 'whatsapp', 'internal')`)
      table.check(`status in ('open', 'pending', 'snoozed', 'resolved', 'closed')`)
      table.check(`priority in ('low', 'normal', 'high', 'urgent')`)
      table.index(['tenant_id', 'workspace_id', 'last_message_at', 'id'])
      table.index(['tenant_id', 'workspace_id', 'status', 'last_message_at'])
    })
    this.schema.raw(isolate('conversations', 'workspace'))

    this.schema.createTable('messages', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('conversation_id').notNullable()
      table.string('direction', 16).notNullable()
      table.string('type', 16).notNullable().defaultTo('text')
      table.uuid('author_member_id').nullable()
      table.uuid('author_contact_id').nullable()
      table.text('body').notNullable()
      table.string('status', 16).notNullable().defaultTo('sent')
      table.string('failure_reason', 500).nullable()
      table.string('idempotency_key', 100).nullable()
      table.timestamp('edited_at', { useTz: true }).nullable()
      table.timestamp('deleted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      workspaceRef(table)
      table
        .foreign(['tenant_id', 'conversation_id'])
        .references(['tenant_id', 'id'])
        .inTable('conversations')
        .onDelete('CASCADE')
      table.unique(['tenant_id', 'conversation_id', 'idempotency_key'])
      table.check(`direction in ('inbound', 'outbound', 'internal')`)
      table.check(`type in ('text', 'note')`)
      table.check(`status in ('pending', 'sent', 'delivered', 'read', 'failed')`)
      table.index(['tenant_id', 'conversation_id', 'id'])
    })
    this.schema.raw(`
      ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
      CREATE INDEX messages_search ON messages USING gin (search);
    `)
    this.schema.raw(isolate('messages', 'workspace'))

    this.schema.createTable('message_revisions', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.uuid('message_id').notNullable()
      table.text('body').notNullable()
      table.uuid('editor_member_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table
        .foreign(['tenant_id', 'message_id'])
        .references(['tenant_id', 'id'])
        .inTable('messages')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('message_revisions', 'workspace', ['SELECT', 'INSERT']))

    this.schema.createTable('conversation_reads', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('conversation_id').notNullable()
      table.uuid('member_id').notNullable()
      table.uuid('last_read_message_id').notNullable()
      table.timestamp('read_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'conversation_id', 'member_id'])
      table
        .foreign(['tenant_id', 'conversation_id'])
        .references(['tenant_id', 'id'])
        .inTable('conversations')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('conversation_reads', 'workspace'))
  }

  async down() {
    for (const table of [
      'conversation_reads',
      'message_revisions',
      'messages',
      'conversations',
      'contacts',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
