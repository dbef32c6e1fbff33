import { test } from '@japa/runner'
import { makeTenant, mintSession, eventsAfter, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'

test.group('Inbox bulk actions', () => {
  test('assigns, resolves and tags many conversations at once, and touches no one else', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    const colleague = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'b' })
    const neighbour = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'a' })
    const start = async (token: string, email: string) =>
      (
        await visit(client, 'conversations.store')
          .bearerToken(token)
          .json({ channel: 'web', contact: { email }, body: 'hi' })
      ).body().id
    const ids = [
      await start(agent.token, '1@x.test'),
      await start(agent.token, '2@x.test'),
      await start(agent.token, '3@x.test'),
    ]
    const theirs = await start(neighbour.token, '4@x.test')

    const assigned = await visit(client, 'conversations.bulk')
      .bearerToken(agent.token)
      .json({ ids: [...ids, theirs], assigneeId: colleague.userId, addTags: ['vip'] })
    assigned.assertStatus(200)
    assert.deepEqual(assigned.body(), { updated: 3, notFound: [theirs] })
    const mine = await visit(client, 'conversations.index')
      .qs({ assignee: colleague.userId, tag: 'vip' })
      .bearerToken(agent.token)
    assert.lengthOf(mine.body().data, 3)
    const untouched = await visit(client, 'conversations.show', { id: theirs }).bearerToken(
      neighbour.token
    )
    assert.isNull(untouched.body().assigneeId)
    assert.deepEqual(untouched.body().tags, [])

    const resolved = await visit(client, 'conversations.bulk')
      .bearerToken(agent.token)
      .json({ ids, status: 'resolved', removeTags: ['vip'] })
    assert.equal(resolved.body().updated, 3)
    const after = await visit(client, 'conversations.index')
      .qs({ status: 'resolved' })
      .bearerToken(agent.token)
    assert.deepEqual(
      after.body().data.map((c: any) => c.tags),
      [[], [], []]
    )
    const { events } = await eventsAfter(
      channelNames.inbox(agent.tenantId, agent.workspaceId),
      undefined,
      50
    )
    assert.equal(events.filter((e) => e.type === 'conversation.updated').length, 6)
  })

  test('refuses empty, oversized, viewer and malformed bulk requests', async ({ client }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    const viewer = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'v',
      role: 'viewer',
    })
    const id = '0192f000-0000-7000-8000-000000000001'
    const many = Array.from(
      { length: 501 },
      (_, i) => `0192f000-0000-7000-8000-${String(i).padStart(12, '0')}`
    )
    for (const body of [
      { ids: [] },
      { ids: many, status: 'resolved' },
      { ids: [id] },
      { ids: ['x'], status: 'open' },
      { ids: [id], status: 'snoozed' },
      { ids: [id], addTags: ['a'], removeTags: ['b'] },
      { ids: [id], assigneeId: viewer.userId },
      // A blank status arrives as null (the body parser): it was dropped and the tags applied.
      { ids: [id], status: '', addTags: ['a'] },
      { ids: [id], status: null, addTags: ['a'] },
    ]) {
      ;(await visit(client, 'conversations.bulk').bearerToken(agent.token).json(body)).assertStatus(
        422
      )
    }
    ;(
      await visit(client, 'conversations.bulk')
        .bearerToken(viewer.token)
        .json({ ids: [id], status: 'open' })
    ).assertStatus(403)
  })
})
