import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'
import { seedWorkspace } from '#services/inbox_seed'
import { appRoleName } from '#database/isolation'

/**
 * The conversation list's `q` goes through the search function (services/inbox/search.ts,
 * migration 0037) when a word is rare: the list asks the GIN indexes, scoped to the request's
 * workspace, instead of walking every conversation with `@@` under RLS.
 */

/** More than the search walks before asking the index (search.ts WINDOW). */
const CONVERSATIONS = 150

async function seeded(client: ApiClient, tenantId: string, secretKey: string, ws: string) {
  const session = await mintSession(client, secretKey, { workspace: ws, user: 'agent' })
  await withTenant(
    { tenantId },
    (trx) =>
      seedWorkspace(
        trx,
        tenantId,
        { externalId: ws, conversations: CONVERSATIONS, messages: CONVERSATIONS * 2 },
        () => {}
      ),
    'operator'
  )
  return session
}

/** Puts `word` into the first message of the `n` oldest conversations of a workspace. */
async function mentionInOldest(tenantId: string, workspaceId: string, n: number, word: string) {
  const { rows } = await withTenant(
    { tenantId },
    async (trx) => {
      const found = await trx.rawQuery(
        `select id from conversations where tenant_id = ? and workspace_id = ?
          order by last_message_at, id limit ?`,
        [tenantId, workspaceId, n]
      )
      const ids = found.rows.map((r: { id: string }) => r.id)
      await trx.rawQuery(
        `update messages set body = body || ' ' || ? where tenant_id = ? and id in (
           select distinct on (conversation_id) id from messages
            where tenant_id = ? and conversation_id = any(?::uuid[]) order by conversation_id, id)`,
        [word, tenantId, tenantId, ids] as never[]
      )
      return found
    },
    'operator'
  )
  // Newest first, as the list orders them.
  return rows.map((r: { id: string }) => r.id as string).reverse()
}

const listed = async (client: ApiClient, token: string, q: string) => {
  const response = await visit(client, 'conversations.index')
    .qs({ q, limit: 50 })
    .bearerToken(token)
  return response
}

/** Takes the application role's right to call the search function away while `run` runs. */
async function withoutSearchFunction<T>(run: () => Promise<T>) {
  const grant = `on function inbox_search_hits(text, integer) to "${appRoleName()}"`
  await db.connection('operator').rawQuery(`revoke execute ${grant.replace(' to ', ' from ')}`)
  try {
    return await run()
  } finally {
    await db.connection('operator').rawQuery(`grant execute ${grant}`)
  }
}

test.group('Conversation list search', () => {
  test('a rare word is found through the index, in this workspace only', async ({
    client,
    assert,
  }) => {
    const one = await makeTenant('One')
    const mine = await seeded(client, one.tenant.id, one.secretKey, 'acme')
    const sibling = await seeded(client, one.tenant.id, one.secretKey, 'sibling')
    const targets = await mentionInOldest(one.tenant.id, mine.workspaceId, 2, 'wombatine')
    await mentionInOldest(one.tenant.id, sibling.workspaceId, 3, 'siblingonly')

    const rare = await listed(client, mine.token, 'wombatine')
    rare.assertStatus(200)
    assert.deepEqual(
      rare.body().data.map((c: { id: string }) => c.id),
      targets
    )
    // A word only the sibling workspace has: nothing, though the index holds it.
    const theirs = await listed(client, mine.token, 'siblingonly')
    theirs.assertStatus(200)
    assert.deepEqual(theirs.body().data, [])
    const sibling3 = await listed(client, sibling.token, 'siblingonly')
    assert.lengthOf(sibling3.body().data, 3)

    // The rare word needs the function (the walk over the newest conversations cannot find it);
    // a common word does not (the newest conversations hold a page of it).
    await withoutSearchFunction(async () => {
      const refused = await listed(client, mine.token, 'wombatine')
      assert.equal(refused.status(), 500)
      const common = await listed(client, mine.token, 'the')
      common.assertStatus(200)
      assert.lengthOf(common.body().data, 50)
    })
    assert.deepEqual(
      (await listed(client, mine.token, 'wombatine')).body().data.map((c: { id: string }) => c.id),
      targets
    )
  }).timeout(120_000)
})
