import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `contacts.channels`: the channels a contact has a conversation in, kept by triggers on
 * conversations. Segment rules on the channel and the web campaign's reach read it, so a preview
 * is one pass over contacts: an EXISTS into conversations per contact cost 1.5–2 s at 100,000
 * contacts under RLS (a probe per contact, twice; the partial index on web conversations or a
 * hash join still took 125–400 ms). Plus an index for the preview's sample, newest first.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE contacts ADD COLUMN channels text[] NOT NULL DEFAULT '{}';

      -- New conversations add their channel: a union with the row as it is when updated, so two
      -- transactions adding different channels to one contact keep both. Per statement, so a bulk
      -- insert (seeds, imports) updates each contact once.
      CREATE FUNCTION contacts_add_channels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE contacts c
           SET channels = ARRAY(SELECT DISTINCT x FROM unnest(c.channels || n.channels) x ORDER BY x)
          FROM (SELECT tenant_id, contact_id, array_agg(DISTINCT channel::text) AS channels
                  FROM inserted WHERE contact_id IS NOT NULL
                 GROUP BY tenant_id, contact_id) n
         WHERE c.tenant_id = n.tenant_id AND c.id = n.contact_id AND NOT c.channels @> n.channels;
        RETURN NULL;
      END $$;
      CREATE TRIGGER conversations_add_channels AFTER INSERT ON conversations
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION contacts_add_channels();

      -- A conversation that moves to another contact or channel, or goes: the contacts it left
      -- (and joined) are counted again from their conversations (rare: none of the app's paths
      -- does it today but deleting a contact or workspace). Per row on update, and only when the
      -- contact or channel changed, so the updates every new message makes cost nothing.
      CREATE FUNCTION contact_channels(tenant uuid, contact uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
        SELECT ARRAY(SELECT DISTINCT cv.channel::text FROM conversations cv
                      WHERE cv.tenant_id = tenant AND cv.contact_id = contact ORDER BY 1)
      $$;
      CREATE FUNCTION contacts_recount_moved_channels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE contacts c SET channels = contact_channels(c.tenant_id, c.id)
         WHERE c.tenant_id = NEW.tenant_id AND c.id IN (OLD.contact_id, NEW.contact_id);
        RETURN NULL;
      END $$;
      CREATE TRIGGER conversations_recount_channels_moved AFTER UPDATE OF contact_id, channel ON conversations
        FOR EACH ROW WHEN (OLD.contact_id IS DISTINCT FROM NEW.contact_id OR OLD.channel IS DISTINCT FROM NEW.channel)
        EXECUTE FUNCTION contacts_recount_moved_channels();
      CREATE FUNCTION contacts_recount_removed_channels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE contacts c SET channels = contact_channels(c.tenant_id, c.id)
          FROM (SELECT DISTINCT tenant_id, contact_id FROM removed WHERE contact_id IS NOT NULL) r
         WHERE c.tenant_id = r.tenant_id AND c.id = r.contact_id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER conversations_recount_channels_removed AFTER DELETE ON conversations
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION contacts_recount_removed_channels();

      UPDATE contacts c SET channels = s.channels
        FROM (SELECT tenant_id, contact_id, array_agg(DISTINCT channel::text ORDER BY channel::text) AS channels
                FROM conversations WHERE contact_id IS NOT NULL GROUP BY tenant_id, contact_id) s
       WHERE c.tenant_id = s.tenant_id AND c.id = s.contact_id;

      CREATE INDEX contacts_newest ON contacts (tenant_id, workspace_id, created_at, id);
    `)
  }

  async down() {
    this.schema.raw(`
      DROP INDEX contacts_newest;
      DROP TRIGGER conversations_recount_channels_removed ON conversations;
      DROP TRIGGER conversations_recount_channels_moved ON conversations;
      DROP TRIGGER conversations_add_channels ON conversations;
      DROP FUNCTION contacts_recount_removed_channels();
      DROP FUNCTION contacts_recount_moved_channels();
      DROP FUNCTION contact_channels(uuid, uuid);
      DROP FUNCTION contacts_add_channels();
      ALTER TABLE contacts DROP COLUMN channels;
    `)
  }
}
