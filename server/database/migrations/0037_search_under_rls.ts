import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRoleName, currentTenant, currentWorkspace } from '#database/isolation'
import { searchRoleName, searchRoleSql } from '#database/search_role'

/**
 * Inbox search at index speed under row-level security (issue 17).
 *
 * Under RLS PostgreSQL evaluates the policy before any condition that is not leakproof, and the
 * full-text match behind `@@` (ts_match_vq) is not, so the GIN indexes on messages.search and
 * contacts.search were never used: a search walked the workspace's conversations, and a word
 * no contact had walked all of them (1.3 s for a common word, 0.9 s for a rare one, EXPLAIN
 * ANALYZE at 1,000,000 messages as the app role).
 *
 * inbox_search_hits(words, cap) runs as its own role (SECURITY DEFINER), which policies let read
 * the search columns of messages and contacts without a tenant predicate, so the planner may use
 * the GIN indexes; the function puts the predicate back itself, from the same per-transaction
 * settings the policies read: no tenant or workspace set → NULL → no row. Its arguments only
 * narrow (the words, how many hits at most): no argument names a tenant, workspace or row. It
 * answers ids only (conversations whose messages match, contacts that match), each list marked
 * complete when it holds every hit; the list query then reads those conversations as the app
 * role, under RLS as before. When a list is cut at `cap` the word is common, and the caller walks
 * the newest conversations instead, which finds a page quickly when most match.
 *
 * Chosen over marking ts_match_vq LEAKPROOF (needs a superuser, which managed PostgreSQL does not
 * grant; a catalog change that pg_dump and pg_upgrade do not carry; and at 1M messages the rare
 * word still took 0.4 s, the planner hashing all 100,000 conversations) and over a search engine
 * fed from the outbox (a second store to run, and results that lag the inbox). Figures and the
 * operator's side: docs/operations.md, "Performance".
 *
 * The role may read but never write; only the operator (a member, to hand the function over) and
 * the function itself act as it. The function's plans are made per call (force_custom_plan), so
 * the planner knows how common the words are: a GIN scan for a rare word, a scan that stops at
 * `cap` hits for a common one.
 */
export default class extends BaseSchema {
  async up() {
    const role = searchRoleName()
    const app = appRoleName()
    this.schema.raw(searchRoleSql())
    this.schema.raw(`
      GRANT USAGE ON SCHEMA public TO "${role}";
      GRANT SELECT (tenant_id, workspace_id, conversation_id, search) ON messages TO "${role}";
      GRANT SELECT (tenant_id, workspace_id, id, search) ON contacts TO "${role}";
      CREATE POLICY messages_search ON messages FOR SELECT TO "${role}" USING (true);
      CREATE POLICY contacts_search ON contacts FOR SELECT TO "${role}" USING (true);

      CREATE FUNCTION inbox_search_hits(words text, cap integer)
        RETURNS TABLE (conversation_ids uuid[], conversations_complete boolean,
                       contact_ids uuid[], contacts_complete boolean)
        LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        SET plan_cache_mode = force_custom_plan
      AS $fn$
      DECLARE
        query tsquery := plainto_tsquery('simple', words);
        most integer := least(greatest(cap, 1), 10000);
        hits uuid[];
      BEGIN
        SELECT array_agg(m.conversation_id) INTO hits FROM (
          SELECT conversation_id FROM public.messages
           WHERE tenant_id = ${currentTenant} AND workspace_id = ${currentWorkspace}
             AND search @@ query
           LIMIT most + 1) m;
        conversations_complete := coalesce(cardinality(hits), 0) <= most;
        SELECT coalesce(array_agg(DISTINCT h), '{}') INTO conversation_ids
          FROM unnest(CASE WHEN conversations_complete THEN hits END) h;
        SELECT array_agg(c.id) INTO hits FROM (
          SELECT id FROM public.contacts
           WHERE tenant_id = ${currentTenant} AND workspace_id = ${currentWorkspace}
             AND search @@ query
           LIMIT most + 1) c;
        contacts_complete := coalesce(cardinality(hits), 0) <= most;
        contact_ids := CASE WHEN contacts_complete THEN coalesce(hits, '{}') ELSE '{}' END;
        RETURN NEXT;
      END
      $fn$;

      GRANT CREATE ON SCHEMA public TO "${role}";
      ALTER FUNCTION inbox_search_hits(text, integer) OWNER TO "${role}";
      REVOKE CREATE ON SCHEMA public FROM "${role}";
      REVOKE ALL ON FUNCTION inbox_search_hits(text, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION inbox_search_hits(text, integer) TO "${app}";
    `)
  }

  async down() {
    const role = searchRoleName()
    this.schema.raw(`
      DROP FUNCTION inbox_search_hits(text, integer);
      DROP POLICY messages_search ON messages;
      DROP POLICY contacts_search ON contacts;
      REVOKE SELECT (tenant_id, workspace_id, conversation_id, search) ON messages FROM "${role}";
      REVOKE SELECT (tenant_id, workspace_id, id, search) ON contacts FROM "${role}";
      REVOKE USAGE ON SCHEMA public FROM "${role}";
    `)
  }
}
