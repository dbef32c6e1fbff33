import { test } from '@japa/runner'
import { makeTenant, mintSession, eventsAfter, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'

async function setup(client: any) {
  const tenant = await makeTenant()
  const ana = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'ana',
    role: 'agent',
  })
  const bruno = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'bruno',
    role: 'agent',
  })
  const created = await visit(client, 'conversations.store')
    .bearerToken(ana.token)
    .json({ channel: 'web', contact: { email: 'eva@x.test' }, body: 'first' })
  created.assertStatus(201)
  return { tenant, ana, bruno, conversation: created.body() }
}

test.group('Inbox messages', () => {
  test('sending appends to the thread, newest first, as text and rendered-as-text bodies', async ({
    client,
    assert,
  }) => {
    const { ana, conversation } = await setup(client)
    const url = `/v1/conversations/${conversation.id}/messages`
    const xss = '<img src=x onerror=alert(1)>'
    ;(await client.post(url).bearerToken(ana.token).json({ body: xss })).assertStatus(201)
    ;(
      await client.post(url).bearerToken(ana.token).json({ body: 'internal only', type: 'note' })
    ).assertStatus(201)
    const thread = await client.get(url).bearerToken(ana.token)
    assert.deepEqual(
      thread.body().data.map((m: any) => [m.body, m.type, m.direction]),
      [
        ['internal only', 'note', 'internal'],
        [xss, 'text', 'outbound'],
        ['first', 'text', 'outbound'],
      ]
    )
  })

  test('a retried send with the same idempotency key never doubles, sequentially or racing', async ({
    client,
    assert,
  }) => {
    const { ana, conversation } = await setup(client)
    const url = `/v1/conversations/${conversation.id}/messages`
    const first = await client
      .post(url)
      .bearerToken(ana.token)
      .json({ body: 'once', idempotencyKey: 'k-1' })
    first.assertStatus(201)
    const retry = await client
      .post(url)
      .bearerToken(ana.token)
      .json({ body: 'once', idempotencyKey: 'k-1' })
    retry.assertStatus(200)
    assert.equal(retry.body().id, first.body().id)
    const viaHeader = await client
      .post(url)
      .bearerToken(ana.token)
      .header('idempotency-key', 'k-1')
      .json({ body: 'once' })
    assert.equal(viaHeader.body().id, first.body().id)

    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        client.post(url).bearerToken(ana.token).json({ body: 'race', idempotencyKey: 'k-2' })
      )
    )
    assert.equal(new Set(racing.map((r) => r.body().id)).size, 1)
    assert.sameMembers(racing.map((r) => r.status()).sort(), [200, 200, 200, 200, 201])
    const thread = await client.get(url).bearerToken(ana.token)
    assert.equal(thread.body().data.filter((m: any) => m.body === 'race').length, 1)
    ;(
      await client
        .post(url)
        .bearerToken(ana.token)
        .json({ body: 'x', idempotencyKey: 'k'.repeat(101) })
    ).assertStatus(422)
  })

  test('unread: teammates’ replies and notes are not unread, a note that mentions me is; in internal conversations other members’ messages are', async ({
    client,
    assert,
  }) => {
    const { ana, bruno, conversation } = await setup(client)
    const unreadFor = async (token: string, id = conversation.id) =>
      (await visit(client, 'conversations.show', { id }).bearerToken(token)).body().unread
    const send = (id: string, json: object) =>
      visit(client, 'conversations.messages.store', { id }).bearerToken(ana.token).json(json)

    ;(await send(conversation.id, { body: 'second' })).assertStatus(201)
    ;(await send(conversation.id, { body: 'just between us', type: 'note' })).assertStatus(201)
    assert.equal(await unreadFor(ana.token), 0, 'own messages are read')
    assert.equal(await unreadFor(bruno.token), 0, 'a teammate’s replies and notes are not unread')
    const mention = await send(conversation.id, {
      body: 'Bruno, can you look?',
      type: 'note',
      mentions: [bruno.userId],
    })
    mention.assertStatus(201)
    assert.equal(await unreadFor(bruno.token), 1, 'a note that mentions me is unread')

    // Between members (an internal conversation), the others' messages are what I have to read.
    const internal = await visit(client, 'conversations.store')
      .bearerToken(ana.token)
      .json({ channel: 'internal', body: 'standup at 10?' })
    internal.assertStatus(201)
    const second = await send(internal.body().id, { body: 'and bring coffee' })
    assert.equal(await unreadFor(bruno.token, internal.body().id), 2)
    assert.equal(await unreadFor(ana.token, internal.body().id), 0)
    const read = (upTo: string) =>
      visit(client, 'conversations.read', { id: internal.body().id })
        .bearerToken(bruno.token)
        .json({ upTo })
    ;(await read(second.body().id)).assertStatus(204)
    assert.equal(await unreadFor(bruno.token, internal.body().id), 0)
    ;(await read(internal.body().lastMessage.id)).assertStatus(204)
    assert.equal(
      await unreadFor(bruno.token, internal.body().id),
      0,
      'reading an older message does not unread newer ones'
    )
    const summary = await visit(client, 'inbox.summary.show').bearerToken(bruno.token)
    assert.equal(summary.body().byStatus.open, 2)
    ;(await read('0192f000-0000-7000-8000-000000000000')).assertStatus(422)

    const unreadOnly = await visit(client, 'conversations.index')
      .qs({ unread: 'true' })
      .bearerToken(bruno.token)
    assert.deepEqual(
      unreadOnly.body().data.map((c: any) => c.id),
      [conversation.id],
      'only the conversation with the mention is unread'
    )
  })

  test('typing and read receipts are published on the conversation channel', async ({
    client,
    assert,
  }) => {
    const { ana, bruno, conversation } = await setup(client)
    const url = `/v1/conversations/${conversation.id}`
    ;(await client.post(`${url}/typing`).bearerToken(bruno.token)).assertStatus(204)
    ;(
      await client
        .post(`${url}/read`)
        .bearerToken(bruno.token)
        .json({ upTo: conversation.lastMessage.id })
    ).assertStatus(204)
    const { events } = await eventsAfter(
      channelNames.conversation(ana.tenantId, ana.workspaceId, conversation.id),
      undefined,
      10
    )
    assert.deepEqual(
      events.map((e) => e.type),
      ['message.created', 'typing', 'read']
    )
    assert.equal((events[1].data as any).memberId, bruno.userId)
  })
})

test.group('Inbox message edits and deletes', () => {
  test('authors edit and delete their messages with history kept; others may not; changes are announced', async ({
    client,
    assert,
  }) => {
    const { tenant, ana, bruno, conversation } = await setup(client)
    const owner = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'olga',
      role: 'owner',
    })
    const url = `/v1/conversations/${conversation.id}/messages/${conversation.lastMessage.id}`
    ;(await client.patch(url).bearerToken(bruno.token).json({ body: 'hijack' })).assertStatus(403)
    const edited = await client.patch(url).bearerToken(ana.token).json({ body: 'first (edited)' })
    edited.assertStatus(200)
    assert.equal(edited.body().body, 'first (edited)')
    assert.isString(edited.body().editedAt)
    const history = await client.get(`${url}/revisions`).bearerToken(owner.token)
    assert.deepEqual(
      history.body().data.map((r: any) => r.body),
      ['first']
    )
    ;(await client.get(`${url}/revisions`).bearerToken(bruno.token)).assertStatus(403)

    ;(await client.delete(url).bearerToken(bruno.token)).assertStatus(403)
    ;(await client.delete(url).bearerToken(ana.token)).assertStatus(204)
    const thread = await visit(client, 'conversations.messages.index', {
      id: conversation.id,
    }).bearerToken(ana.token)
    const deleted = thread.body().data.find((m: any) => m.id === conversation.lastMessage.id)
    assert.equal(deleted.body, '')
    assert.isString(deleted.deletedAt)
    ;(await client.patch(url).bearerToken(ana.token).json({ body: 'again' })).assertStatus(409)
    const kept = await client.get(`${url}/revisions`).bearerToken(ana.token)
    assert.deepEqual(
      kept.body().data.map((r: any) => r.body),
      ['first', 'first (edited)']
    )

    const { events } = await eventsAfter(
      channelNames.conversation(ana.tenantId, ana.workspaceId, conversation.id),
      undefined,
      10
    )
    assert.deepEqual(events.filter((e) => e.type === 'message.updated').length, 2)
  })

  test("another tenant's or workspace's messages answer 404, and bad edits 422", async ({
    client,
  }) => {
    const { tenant, ana, conversation } = await setup(client)
    const other = await makeTenant()
    const stranger = await mintSession(client, other.secretKey, { workspace: 'acme', user: 'ana' })
    const neighbour = await mintSession(client, tenant.secretKey, {
      workspace: 'elsewhere',
      user: 'ana',
    })
    const url = `/v1/conversations/${conversation.id}/messages/${conversation.lastMessage.id}`
    for (const intruder of [stranger, neighbour]) {
      ;(await client.patch(url).bearerToken(intruder.token).json({ body: 'x' })).assertStatus(404)
      ;(await client.delete(url).bearerToken(intruder.token)).assertStatus(404)
      ;(await client.get(`${url}/revisions`).bearerToken(intruder.token)).assertStatus(404)
    }
    ;(await client.patch(url).bearerToken(ana.token).json({ body: '' })).assertStatus(422)
    ;(
      await visit(client, 'conversations.messages.update', {
        id: conversation.id,
        messageId: 'nope',
      })
        .bearerToken(ana.token)
        .json({ body: 'x' })
    ).assertStatus(404)
  })
})

test.group('Inbox mentions', () => {
  test("a note mentioning a member notifies that member's channel, and only members of the workspace can be mentioned", async ({
    client,
    assert,
  }) => {
    const { tenant, ana, bruno, conversation } = await setup(client)
    const url = `/v1/conversations/${conversation.id}/messages`
    const note = await client
      .post(url)
      .bearerToken(ana.token)
      .json({ body: '@Bruno can you take this one?', type: 'note', mentions: [bruno.userId] })
    note.assertStatus(201)
    const { events } = await eventsAfter(
      channelNames.member(bruno.tenantId, bruno.workspaceId, bruno.userId),
      undefined,
      10
    )
    assert.lengthOf(events, 1)
    assert.equal(events[0].type, 'notification')
    assert.deepInclude(events[0].data as object, {
      kind: 'mention',
      conversationId: conversation.id,
      messageId: note.body().id,
      byMemberId: ana.userId,
    })

    const elsewhere = await mintSession(client, tenant.secretKey, {
      workspace: 'elsewhere',
      user: 'x',
    })
    const refused = await client
      .post(url)
      .bearerToken(ana.token)
      .json({ body: 'hi', type: 'note', mentions: [elsewhere.userId] })
    refused.assertStatus(422)
    ;(
      await client
        .post(url)
        .bearerToken(ana.token)
        .json({ body: 'hi', mentions: ['not-an-id'] })
    ).assertStatus(422)
  })
})
