import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import InboxSeed from '#commands/inbox_seed'
import { SEED_COMMON_WORD, seedMember } from '#services/inbox_seed'
import { withTenant } from '#services/tenant_context'
import { makeTenant, mintSession, visit } from '#tests/helpers'

async function seed(args: string[]) {
  const command = await ace.create(InboxSeed, args)
  await command.exec()
  return command
}

/** Conversations and messages per workspace of the tenant, as the operator sees them. */
async function counts(tenantId: string) {
  const result = await withTenant(
    { tenantId },
    (trx) =>
      trx.rawQuery(
        `select w.external_id,
                (select count(*) from conversations c where c.tenant_id = w.tenant_id and c.workspace_id = w.id)::int as conversations,
                (select count(*) from messages m where m.tenant_id = w.tenant_id and m.workspace_id = w.id)::int as messages
           from workspaces w where w.tenant_id = ? order by w.external_id`,
        [tenantId]
      ),
    'operator'
  )
  return result.rows
}

test.group('inbox:seed', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('fills a workspace and its noise, consistent, visible to its tenant only; refuses a second run', async ({
    assert,
    client,
  }) => {
    const { tenant, secretKey } = await makeTenant('Seeded')
    const other = await makeTenant('Other')
    const args = [tenant.id, '--workspace', 'big-co', '--conversations', '200']
    const first = await seed([
      ...args,
      '--messages',
      '2000',
      '--noise-workspaces',
      '2',
      '--noise-conversations',
      '20',
    ])
    first.assertSucceeded()
    assert.deepEqual(await counts(tenant.id), [
      { external_id: 'big-co', conversations: 200, messages: 2000 },
      { external_id: 'big-co-noise-1', conversations: 20, messages: 200 },
      { external_id: 'big-co-noise-2', conversations: 20, messages: 200 },
    ])

    // Every conversation points at its newest message (the thread's first, newest-first).
    const stale = await withTenant(
      { tenantId: tenant.id },
      (trx) =>
        trx.rawQuery(
          `select count(*)::int as n from conversations c
             left join lateral (select id, created_at from messages m
                                 where m.tenant_id = c.tenant_id and m.conversation_id = c.id
                                 order by id desc limit 1) newest on true
            where c.tenant_id = ?
              and (c.last_message_id is distinct from newest.id or c.last_message_at <> newest.created_at)`,
          [tenant.id]
        ),
      'operator'
    )
    assert.equal(stale.rows[0].n, 0)

    // A seeded agent reads it through the API: newest first, and the thread ends where the list says.
    const agent = await mintSession(client, secretKey, {
      workspace: 'big-co',
      user: seedMember(1),
      role: 'agent',
    })
    const list = await visit(client, 'conversations.index')
      .qs({ limit: 50 })
      .bearerToken(agent.token)
    list.assertStatus(200)
    const page = list.body().data as { id: string; lastMessageAt: string; assigneeId: string }[]
    assert.lengthOf(page, 50)
    assert.isNotNull(list.body().nextCursor)
    const times = page.map((c) => c.lastMessageAt)
    assert.deepEqual(times, [...times].sort().reverse())
    const thread = await visit(client, 'conversations.messages.index', { id: page[0].id })
      .qs({ limit: 50 })
      .bearerToken(agent.token)
    thread.assertStatus(200)
    assert.equal(thread.body().data[0].createdAt, page[0].lastMessageAt)
    const found = await visit(client, 'conversations.index')
      .qs({ q: SEED_COMMON_WORD })
      .bearerToken(agent.token)
    assert.isAbove(found.body().data.length, 0)
    const mine = await visit(client, 'conversations.index')
      .qs({ assignee: 'me' })
      .bearerToken(agent.token)
    assert.isAbove(mine.body().data.length, 0)
    const ids = new Set(mine.body().data.map((c: { assigneeId: string }) => c.assigneeId))
    assert.equal(ids.size, 1)

    // The same workspace name in another tenant is another, empty, workspace.
    const stranger = await mintSession(client, other.secretKey, { workspace: 'big-co' })
    const none = await visit(client, 'conversations.index').bearerToken(stranger.token)
    none.assertStatus(200)
    assert.deepEqual(none.body().data, [])

    // Again without --append: refused, nothing written. With it: added.
    const again = await seed([...args, '--messages', '2000'])
    again.assertFailed()
    assert.match(again.logger.getLogs().at(-1)!.message, /already has 200 conversations/)
    const appended = await seed([
      ...args.slice(0, 3),
      '--conversations',
      '10',
      '--messages',
      '30',
      '--noise-workspaces',
      '0',
      '--append',
    ])
    appended.assertSucceeded()
    assert.deepEqual((await counts(tenant.id))[0], {
      external_id: 'big-co',
      conversations: 210,
      messages: 2030,
    })
  }).timeout(60_000)

  test('refuses an unknown tenant and fewer messages than conversations', async () => {
    ;(await seed(['00000000-0000-7000-8000-000000000000', '--workspace', 'w'])).assertFailed()
    const { tenant } = await makeTenant('Small')
    ;(
      await seed([tenant.id, '--workspace', 'w', '--conversations', '10', '--messages', '5'])
    ).assertFailed()
  })
})
