import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'
import { seedWorkspace } from '#services/inbox_seed'
import { appRoleName } from '#database/isolation'
import { searchRoleName } from '#database/search_role'

/**
 * Search under row-level security (migration 0037): inbox_search_hits reads the GIN indexes as a
 * role without a tenant policy, so it must put the tenant and workspace back itself and fail
 * closed; the list must find the same conversations as walking every one of them would.
 */

const RARE = 'zebrafinch'
/** Conversations in the searched workspace: more than the search walks before asking the index. */
const CONVERSATIONS = 160

/** A workspace seeded with conversations (the operator's connection), and a member's session. */
async function seeded(
  client: ApiClient,
  tenant: Awaited<ReturnType<typeof makeTenant>>,
  ws: string
) {
  const session = await mintSession(client, tenant.secretKey, { workspace: ws, user: 'agent' })
  await withTenant(
    { tenantId: tenant.tenant.id },
    (trx) =>
      seedWorkspace(
        trx,
        tenant.tenant.id,
        { externalId: ws, conversations: CONVERSATIONS, messages: CONVERSATIONS * 3 },
        () => {}
      ),
    'operator'
  )
  return session
}

/** Puts `word` into one message of each of these conversations (the operator's connection). */
async function mention(tenantId: string, conversationIds: string[], word: string) {
  await withTenant(
    { tenantId },
    (trx) =>
      trx.rawQuery(
        `update messages set body = body || ' ' || ? where tenant_id = ? and id in (
           select distinct on (conversation_id) id from messages
            where tenant_id = ? and conversation_id = any(?::uuid[]) order by conversation_id, id)`,
        [word, tenantId, tenantId, conversationIds] as never[]
      ),
    'operator'
  )
}

/** What the search must answer, by brute force as the operator: newest first, `limit` of them. */
async function expected(
  workspaceId: string,
  tenantId: string,
  words: string,
  limit: number
): Promise<string[]> {
  const { rows } = await withTenant(
    { tenantId },
    (trx) =>
      trx.rawQuery(
        `select c.id from conversations c
          where c.tenant_id = ? and c.workspace_id = ?
            and (exists (select 1 from messages m where m.tenant_id = c.tenant_id
                          and m.conversation_id = c.id and m.search @@ plainto_tsquery('simple', ?))
                 or exists (select 1 from contacts k where k.tenant_id = c.tenant_id
                          and k.id = c.contact_id and k.search @@ plainto_tsquery('simple', ?)))
          order by c.last_message_at desc, c.id desc limit ?`,
        [tenantId, workspaceId, words, words, limit] as never[]
      ),
    'operator'
  )
  return rows.map((r: { id: string }) => r.id)
}

/** Every page of a search through the API, followed by cursor. */
async function searchAll(client: ApiClient, token: string, qs: Record<string, string | number>) {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const response = await visit(client, 'conversations.index')
      .qs({ ...qs, ...(cursor ? { cursor } : {}) })
      .bearerToken(token)
    response.assertStatus(200)
    ids.push(...response.body().data.map((c: { id: string }) => c.id))
    cursor = response.body().nextCursor
  } while (cursor)
  return ids
}

/** The oldest conversations of a workspace: beyond the newest ones a search walks first. */
async function oldest(tenantId: string, workspaceId: string, n: number) {
  const { rows } = await withTenant(
    { tenantId },
    (trx) =>
      trx.rawQuery(
        `select id from conversations where tenant_id = ? and workspace_id = ?
          order by last_message_at, id limit ?`,
        [tenantId, workspaceId, n] as never[]
      ),
    'operator'
  )
  return rows.map((r: { id: string }) => r.id as string)
}

/** inbox_search_hits called as the application role, with these settings (unset when absent). */
function hitsAs(settings: { tenant?: string; workspace?: string }, words: string, cap = 2000) {
  return db.connection('app').transaction(async (trx) => {
    await trx.rawQuery(
      `select set_config('parley.tenant_id', ?, true), set_config('parley.workspace_id', ?, true)`,
      [settings.tenant ?? '', settings.workspace ?? '']
    )
    const { rows } = await trx.rawQuery('select * from inbox_search_hits(?, ?)', [words, cap])
    return rows[0] as {
      conversation_ids: string[]
      conversations_complete: boolean
      contact_ids: string[]
      contacts_complete: boolean
    }
  })
}

test.group('Search under row-level security', () => {
  test('a rare word is found through the index, page by page, in its own workspace only', async ({
    client,
    assert,
  }) => {
    const one = await makeTenant('One')
    const two = await makeTenant('Two')
    const session = await seeded(client, one, 'acme')
    const sibling = await seeded(client, one, 'sibling')
    const stranger = await seeded(client, two, 'acme')
    const targets = await oldest(one.tenant.id, session.workspaceId, 3)
    await mention(one.tenant.id, targets, RARE)
    await mention(one.tenant.id, await oldest(one.tenant.id, sibling.workspaceId, 2), RARE)
    await mention(two.tenant.id, await oldest(two.tenant.id, stranger.workspaceId, 2), RARE)

    const want = await expected(session.workspaceId, one.tenant.id, RARE, 10)
    assert.sameMembers(want, targets)
    assert.deepEqual(await searchAll(client, session.token, { q: RARE, limit: 1 }), want)
    assert.deepEqual(await searchAll(client, session.token, { q: RARE }), want)
    // The other tenant, with a workspace of the same external id, finds only its own.
    const theirs = await searchAll(client, stranger.token, { q: RARE })
    assert.lengthOf(theirs, 2)
    assert.notIncludeMembers(theirs, want)
  }).timeout(120_000)

  test('common words, contacts and filters find what walking every conversation finds', async ({
    client,
    assert,
  }) => {
    const one = await makeTenant('One')
    const session = await seeded(client, one, 'acme')
    const tenantId = one.tenant.id
    const old = await oldest(tenantId, session.workspaceId, 1)
    const contact = await withTenant(
      { tenantId },
      async (trx) => {
        const row = await trx
          .from('conversations')
          .where({ tenant_id: tenantId, id: old[0] })
          .select('contact_id')
          .firstOrFail()
        await trx
          .from('contacts')
          .where({ tenant_id: tenantId, id: row.contact_id })
          .update({ name: 'Quillon Hartwig' })
        return row.contact_id as string
      },
      'operator'
    )
    assert.isString(contact)
    for (const [words, limit] of [
      ['the', 20],
      ['order', 7],
      ['quillon', 5],
      ['hartwig quillon', 5],
      ['nothing-matches-this', 5],
    ] as const) {
      const want = await expected(session.workspaceId, tenantId, words, 200)
      assert.deepEqual(
        await searchAll(client, session.token, { q: words, limit }),
        want,
        `q=${words}`
      )
    }
    // Found by its contact's name alone (a contact may be in more than one conversation).
    assert.include(await searchAll(client, session.token, { q: 'quillon' }), old[0])
    // A filter narrows what the search walks first; the answer is still every match.
    const matches = await expected(session.workspaceId, tenantId, 'order', 200)
    const closed = await withTenant(
      { tenantId },
      (trx) =>
        trx
          .from('conversations')
          .where('tenant_id', tenantId)
          .whereIn('id', matches)
          .where('status', 'closed')
          .select('id'),
      'operator'
    )
    const closedIds = new Set(closed.map((r: { id: string }) => r.id))
    assert.deepEqual(
      await searchAll(client, session.token, { q: 'order', status: 'closed', limit: 3 }),
      matches.filter((id) => closedIds.has(id))
    )
  }).timeout(120_000)

  test('the search function answers nothing without the tenant and the workspace set', async ({
    client,
    assert,
  }) => {
    const one = await makeTenant('One')
    const session = await seeded(client, one, 'acme')
    await mention(one.tenant.id, await oldest(one.tenant.id, session.workspaceId, 2), RARE)
    const scoped = await hitsAs({ tenant: one.tenant.id, workspace: session.workspaceId }, RARE)
    assert.lengthOf(scoped.conversation_ids, 2)

    const none = { conversation_ids: [], conversations_complete: true }
    for (const settings of [{}, { tenant: one.tenant.id }, { workspace: session.workspaceId }]) {
      const hits = await hitsAs(settings, RARE)
      assert.deepInclude(hits, none, JSON.stringify(settings))
      assert.deepEqual(hits.contact_ids, [])
    }
    // Outside any transaction the settings are unset too.
    const bare = await db
      .connection('app')
      .rawQuery('select * from inbox_search_hits(?, ?)', [RARE, 2000])
    assert.deepEqual(bare.rows[0].conversation_ids, [])
  }).timeout(120_000)

  test('no argument reaches another tenant, and the function role can do nothing else', async ({
    client,
    assert,
  }) => {
    const one = await makeTenant('One')
    const two = await makeTenant('Two')
    const mine = await seeded(client, one, 'acme')
    const theirs = await seeded(client, two, 'acme')
    await mention(two.tenant.id, await oldest(two.tenant.id, theirs.workspaceId, 2), RARE)
    const scope = { tenant: one.tenant.id, workspace: mine.workspaceId }
    // The words are only words (plainto_tsquery): operators, quotes and SQL find nothing of theirs.
    for (const words of [
      RARE,
      `${RARE} | the`,
      `!${RARE}`,
      `'${RARE}' or true --`,
      `${two.tenant.id} ${RARE}`,
    ]) {
      const hits = await hitsAs(scope, words)
      assert.isFalse(await visibleTo(two.tenant.id, hits.conversation_ids), words)
      assert.isFalse(await visibleTo(two.tenant.id, hits.contact_ids, 'contacts'), words)
    }
    // The cap only bounds: it never widens the scope, and a common word says it was cut.
    const cut = await hitsAs(scope, 'the', 5)
    assert.isFalse(cut.conversations_complete)
    assert.deepEqual(cut.conversation_ids, [])
    for (const cap of [-1, 0, 1_000_000]) {
      const hits = await hitsAs(scope, RARE, cap)
      assert.deepEqual(hits.conversation_ids, [])
    }

    const role = searchRoleName()
    const { rows } = await db.connection('operator').rawQuery(
      `select r.rolcanlogin, r.rolsuper, r.rolbypassrls,
              pg_has_role(?, r.oid, 'MEMBER') as app_is_member,
              has_column_privilege(r.oid, 'messages', 'body', 'SELECT') as reads_bodies,
              has_table_privilege(r.oid, 'messages', 'INSERT, UPDATE, DELETE') as writes,
              has_table_privilege(r.oid, 'conversations', 'SELECT') as reads_conversations,
              has_function_privilege('public', 'inbox_search_hits(text, integer)', 'EXECUTE') as public_executes,
              (select proowner = r.oid and prosecdef from pg_proc where proname = 'inbox_search_hits') as owns
         from pg_roles r where r.rolname = ?`,
      [appRoleName(), role]
    )
    assert.deepEqual(rows[0], {
      rolcanlogin: false,
      rolsuper: false,
      rolbypassrls: false,
      app_is_member: false,
      reads_bodies: false,
      writes: false,
      reads_conversations: false,
      public_executes: false,
      owns: true,
    })
    await assert.rejects(() => db.connection('app').rawQuery(`set role "${role}"`))
  }).timeout(120_000)
})

/** Whether any of these ids is a row of `tenantId`'s (the operator looks). */
async function visibleTo(tenantId: string, ids: string[], table = 'conversations') {
  if (!ids.length) return false
  const { rows } = await withTenant(
    { tenantId },
    (trx) =>
      trx.rawQuery(
        `select count(*)::int as n from ${table} where tenant_id = ? and id = any(?::uuid[])`,
        [tenantId, ids] as never[]
      ),
    'operator'
  )
  return rows[0].n > 0
}
