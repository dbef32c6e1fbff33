import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the database keeps of a campaign by itself, whichever path changes a message: a campaign
 * message's status moves its recipient (sent, delivered, read, failed), an inbound message in the
 * conversation within 72 h of a campaign message marks that recipient replied (and ends a drip
 * that stops on reply), and a drip step that goes out creates the contact's next step, due after
 * its delay. Triggers per statement (a visitor's read mark updates many messages at once); each
 * runs as the caller, under its tenant's row-level security.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      -- Time-ordered ids for rows made in SQL, like the application's uuid v7 (PostgreSQL 18 has uuidv7()).
      CREATE FUNCTION parley_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
          FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$;

      -- The variant of a step a contact gets: by weight, from a hash of contact, campaign and step
      -- (the same on every re-plan and worker); the decided winner once there is one; null while an
      -- A/B test runs and the contact is not in its test share (it waits for the winner).
      CREATE FUNCTION campaign_variant(campaign uuid, steps jsonb, winners jsonb, step int, contact uuid)
        RETURNS smallint LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        s jsonb := steps -> step;
        variants jsonb := s -> 'variants';
        n int := coalesce(jsonb_array_length(variants), 0);
        share numeric;
        total numeric := 0;
        acc numeric := 0;
        pick numeric;
      BEGIN
        IF n = 0 THEN RETURN NULL; END IF;
        IF jsonb_exists(winners, step::text) THEN RETURN (winners ->> step::text)::smallint; END IF;
        IF n > 1 AND jsonb_typeof(s -> 'abTest') = 'object' THEN
          share := (s -> 'abTest' ->> 'testShare')::numeric;
          IF share > 1 THEN share := share / 100; END IF;
          IF mod(abs(hashtext(contact::text || ':share:' || campaign::text)::bigint), 10000) >= share * 10000 THEN
            RETURN NULL;
          END IF;
        END IF;
        FOR i IN 0 .. n - 1 LOOP
          total := total + greatest(coalesce((variants -> i ->> 'weight')::numeric, 1), 0);
        END LOOP;
        pick := mod(abs(hashtext(contact::text || ':' || campaign::text || ':' || step)::bigint), 1000000)
                / 1000000.0 * total;
        FOR i IN 0 .. n - 1 LOOP
          acc := acc + greatest(coalesce((variants -> i ->> 'weight')::numeric, 1), 0);
          IF pick < acc THEN RETURN i; END IF;
        END LOOP;
        RETURN n - 1;
      END $$;

      -- A campaign message's status, onto its recipient: the funnel only moves forward (read stays
      -- read, replied stays replied); a failure counts only before the message went out.
      CREATE FUNCTION campaign_recipients_follow_messages() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE campaign_recipients r SET
          status = CASE
            WHEN r.status NOT IN ('queued', 'failed', 'sent', 'delivered', 'read') THEN r.status
            WHEN n.status = 'failed' THEN CASE WHEN r.status = 'queued' THEN 'failed' ELSE r.status END
            WHEN array_position(ARRAY['queued', 'failed', 'sent', 'delivered', 'read'], n.status::text)
               > array_position(ARRAY['queued', 'failed', 'sent', 'delivered', 'read'], r.status::text)
              THEN n.status
            ELSE r.status END,
          reason = CASE WHEN n.status = 'failed' AND r.status = 'queued' THEN 'sendFailed' ELSE r.reason END,
          detail = CASE WHEN n.status = 'failed' AND r.status = 'queued' THEN left(n.failure_reason, 500)
                        ELSE r.detail END,
          sent_at = CASE WHEN n.status IN ('sent', 'delivered', 'read') THEN coalesce(r.sent_at, now())
                         ELSE r.sent_at END,
          delivered_at = CASE WHEN n.status IN ('delivered', 'read') THEN coalesce(r.delivered_at, now())
                              ELSE r.delivered_at END,
          read_at = CASE WHEN n.status = 'read' THEN coalesce(r.read_at, now()) ELSE r.read_at END,
          updated_at = now()
          FROM changed_new n JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
         WHERE n.campaign_id IS NOT NULL AND n.status IS DISTINCT FROM o.status
           AND r.tenant_id = n.tenant_id AND r.message_id = n.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER messages_move_campaign_recipients AFTER UPDATE ON messages
        REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
        FOR EACH STATEMENT EXECUTE FUNCTION campaign_recipients_follow_messages();

      -- An inbound message answers the latest campaign message of its conversation sent in the 72 h
      -- before it (a minute of clock skew allowed); a drip that stops on reply ends there.
      CREATE FUNCTION campaign_recipients_note_replies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH answered AS (
          SELECT DISTINCT ON (r.tenant_id, r.id) r.tenant_id, r.id, n.created_at AS at
            FROM inserted n
            CROSS JOIN LATERAL (
              SELECT c.tenant_id, c.id FROM campaign_recipients c
               WHERE c.tenant_id = n.tenant_id AND c.conversation_id = n.conversation_id
                 AND c.sent_at IS NOT NULL AND c.sent_at <= n.created_at + interval '1 minute'
                 AND c.sent_at > n.created_at - interval '72 hours'
               ORDER BY c.sent_at DESC LIMIT 1) r
           WHERE n.direction = 'inbound'
           ORDER BY r.tenant_id, r.id, n.created_at),
        marked AS (
          UPDATE campaign_recipients r
             SET status = CASE WHEN r.status IN ('sent', 'delivered', 'read') THEN 'replied' ELSE r.status END,
                 replied_at = a.at, updated_at = now()
            FROM answered a
           WHERE r.tenant_id = a.tenant_id AND r.id = a.id AND r.replied_at IS NULL
          RETURNING r.tenant_id, r.campaign_id, r.contact_id)
        UPDATE campaign_recipients q SET status = 'exited', reason = 'replied', updated_at = now()
          FROM marked m JOIN campaigns c ON c.tenant_id = m.tenant_id AND c.id = m.campaign_id
         WHERE c.kind = 'drip' AND coalesce((c.limits ->> 'stopOnReply')::boolean, false)
           AND q.tenant_id = m.tenant_id AND q.campaign_id = m.campaign_id AND q.contact_id = m.contact_id
           AND q.status = 'queued' AND q.message_id IS NULL;
        RETURN NULL;
      END $$;
      CREATE TRIGGER messages_note_campaign_replies AFTER INSERT ON messages
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION campaign_recipients_note_replies();

      -- A drip step that went out: the contact's next step, due its delay after this one was sent,
      -- through the same number and conversation (unless the contact replied and the drip stops).
      CREATE FUNCTION campaign_recipients_next_step() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO campaign_recipients (tenant_id, workspace_id, id, campaign_id, contact_id, step,
                                         variant, status, whatsapp_number_id, conversation_id, due_at)
        SELECT n.tenant_id, n.workspace_id, parley_uuidv7(), n.campaign_id, n.contact_id, n.step + 1,
               campaign_variant(c.id, c.steps, c.winners, n.step + 1, n.contact_id), 'queued',
               n.whatsapp_number_id, n.conversation_id,
               n.sent_at + make_interval(mins => coalesce((c.steps -> (n.step + 1) ->> 'delayMinutes')::int, 0))
          FROM changed_new n
          JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
          JOIN campaigns c ON c.tenant_id = n.tenant_id AND c.id = n.campaign_id
         WHERE o.sent_at IS NULL AND n.sent_at IS NOT NULL AND c.kind = 'drip'
           AND n.step + 1 < jsonb_array_length(c.steps)
           AND c.status IN ('running', 'paused', 'scheduled')
           AND NOT (coalesce((c.limits ->> 'stopOnReply')::boolean, false) AND n.replied_at IS NOT NULL)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER campaign_recipients_next_step AFTER UPDATE ON campaign_recipients
        REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
        FOR EACH STATEMENT EXECUTE FUNCTION campaign_recipients_next_step();

      -- Replies find their campaign message by conversation; a number's message in flight is found
      -- before each campaign send.
      CREATE INDEX campaign_recipients_conversation ON campaign_recipients (tenant_id, conversation_id, sent_at)
        WHERE conversation_id IS NOT NULL;
      CREATE INDEX campaign_recipients_in_flight ON campaign_recipients (tenant_id, whatsapp_number_id)
        WHERE status = 'queued' AND message_id IS NOT NULL;
    `)
  }

  async down() {
    this.schema.raw(`
      DROP INDEX campaign_recipients_in_flight;
      DROP INDEX campaign_recipients_conversation;
      DROP TRIGGER campaign_recipients_next_step ON campaign_recipients;
      DROP FUNCTION campaign_recipients_next_step();
      DROP TRIGGER messages_note_campaign_replies ON messages;
      DROP FUNCTION campaign_recipients_note_replies();
      DROP TRIGGER messages_move_campaign_recipients ON messages;
      DROP FUNCTION campaign_recipients_follow_messages();
      DROP FUNCTION campaign_variant(uuid, jsonb, jsonb, int, uuid);
      DROP FUNCTION parley_uuidv7();
    `)
  }
}
