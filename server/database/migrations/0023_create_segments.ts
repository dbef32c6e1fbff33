import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * Campaign segments: saved rule trees of a workspace, plus what the rules read that contacts
 * lacked — when a contact opted out and when they last wrote to us. `last_inbound_at` is kept by
 * a trigger on inbound messages so every path that stores one (web chat, WhatsApp, API) keeps it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('segments', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('name', 120).notNullable()
      table.jsonb('rules').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.index(['tenant_id', 'workspace_id', 'name'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('segments', 'workspace'))

    this.schema.alterTable('contacts', (table) => {
      table.timestamp('opted_out_at', { useTz: true }).nullable()
      table.timestamp('last_inbound_at', { useTz: true }).nullable()
    })
    // Segment rules on tags (`@>`) use it; campaigns filter on tags more than on anything else.
    this.schema.raw('CREATE INDEX contacts_tags ON contacts USING gin (tags)')
    this.schema.raw(`
      -- Per statement, so a bulk insert (imports, seeds) updates each contact once; greatest() keeps
      -- the latest when a channel delivers late.
      CREATE FUNCTION contacts_touch_last_inbound() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE contacts c SET last_inbound_at = greatest(c.last_inbound_at, m.at)
          FROM (SELECT cv.tenant_id, cv.contact_id, max(n.created_at) AS at
                  FROM inserted n
                  JOIN conversations cv ON cv.tenant_id = n.tenant_id AND cv.id = n.conversation_id
                 WHERE n.direction = 'inbound' AND cv.contact_id IS NOT NULL
                 GROUP BY cv.tenant_id, cv.contact_id) m
         WHERE c.tenant_id = m.tenant_id AND c.id = m.contact_id
           AND c.last_inbound_at IS DISTINCT FROM greatest(c.last_inbound_at, m.at);
        RETURN NULL;
      END $$;
      CREATE TRIGGER messages_touch_last_inbound AFTER INSERT ON messages
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION contacts_touch_last_inbound();
      UPDATE contacts c SET last_inbound_at = m.at
        FROM (SELECT cv.tenant_id, cv.contact_id, max(m.created_at) AS at
                FROM messages m JOIN conversations cv ON cv.tenant_id = m.tenant_id AND cv.id = m.conversation_id
               WHERE m.direction = 'inbound' AND cv.contact_id IS NOT NULL
               GROUP BY cv.tenant_id, cv.contact_id) m
        WHERE c.tenant_id = m.tenant_id AND c.id = m.contact_id;
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER messages_touch_last_inbound ON messages;
      DROP FUNCTION contacts_touch_last_inbound();
    `)
    this.schema.raw('DROP INDEX contacts_tags')
    this.schema.alterTable('contacts', (table) => {
      table.dropColumn('last_inbound_at')
      table.dropColumn('opted_out_at')
    })
    this.schema.dropTable('segments')
  }
}
