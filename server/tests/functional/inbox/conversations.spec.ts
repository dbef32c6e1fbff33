import { test } from '@japa/runner'
import { makeTenant, mintSession, eventsAfter, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'

async function workspace(client: any, role: 'owner' | 'agent' | 'viewer' = 'agent') {
  const tenant = await makeTenant()
  const session = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'agent-1',
    role,
  })
  return { tenant, session }
}

async function start(client: any, token: string, body: Record<string, unknown> = {}) {
  const response = await visit(client, 'conversations.store')
    .bearerToken(token)
    .json({
      channel: 'web',
      contact: { phone: '+55 11 98765-4321', name: 'Carla' },
      body: 'Hello!',
      ...body,
    })
  response.assertStatus(201)
  return response.body()
}

test.group('Inbox conversations', () => {
  test('starting a conversation creates the contact (phone in E.164), the first message and events', async ({
    client,
    assert,
  }) => {
    const { session } = await workspace(client)
    const conversation = await start(client, session.token)
    assert.equal(conversation.status, 'open')
    assert.equal(conversation.contact.phone, '+5511987654321')
    assert.equal(conversation.lastMessage.body, 'Hello!')
    assert.equal(conversation.unread, 0)

    const again = await start(client, session.token, { contact: { phone: '+5511987654321' } })
    assert.equal(again.contact.id, conversation.contact.id, 'the same phone is the same contact')

    const inbox = await eventsAfter(
      channelNames.inbox(session.tenantId, session.workspaceId),
      undefined,
      10
    )
    assert.deepEqual(
      inbox.events.map((e) => e.type),
      ['conversation.created', 'conversation.created']
    )
    const thread = await eventsAfter(
      channelNames.conversation(session.tenantId, session.workspaceId, conversation.id),
      undefined,
      10
    )
    assert.deepEqual(
      thread.events.map((e) => e.type),
      ['message.created']
    )
  })

  test('refuses bad input with a detail per field', async ({ client, assert }) => {
    const { session } = await workspace(client)
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'web', contact: { phone: '12345' }, body: 'x' }, 'contact.phone'],
      [{ channel: 'sms', contact: { phone: '+5511987654321' }, body: 'x' }, 'channel'],
      [{ channel: 'web', contact: { phone: '+5511987654321' }, body: '' }, 'body'],
      [{ channel: 'web', contact: { phone: '+5511987654321' }, body: 'x'.repeat(10_001) }, 'body'],
      [{ channel: 'web', contact: {}, body: 'x' }, 'contact'],
      [
        { channel: 'web', contact: { id: '0192f000-0000-7000-8000-000000000000' }, body: 'x' },
        'contact.id',
      ],
      [{ channel: 'web', contact: { phone: '+5511987654321' }, body: 'x', secret: 1 }, 'secret'],
    ]
    for (const [body, field] of cases) {
      const response = await visit(client, 'conversations.store')
        .bearerToken(session.token)
        .json(body)
      response.assertStatus(422)
      assert.include(
        response.body().error.details.map((d: any) => d.field),
        field,
        JSON.stringify(body)
      )
    }
  })

  test('lists newest first with keyset pages, filters and full-text search', async ({
    client,
    assert,
  }) => {
    const { session } = await workspace(client)
    const first = await start(client, session.token, {
      body: 'the invoice is late',
      contact: { email: 'dora@x.test', name: 'Dora' },
    })
    const second = await start(client, session.token, {
      body: 'hello there',
      contact: { phone: '+14155550100' },
    })
    const third = await start(client, session.token, {
      body: 'another one',
      contact: { phone: '+14155550101' },
    })
    await visit(client, 'conversations.update', { id: second.id })
      .bearerToken(session.token)
      .json({ status: 'resolved', tags: ['vip'] })

    const page1 = await visit(client, 'conversations.index')
      .qs({ limit: 2 })
      .bearerToken(session.token)
    assert.deepEqual(
      page1.body().data.map((c: any) => c.id),
      [third.id, second.id]
    )
    const page2 = await visit(client, 'conversations.index')
      .qs({ limit: 2, cursor: page1.body().nextCursor })
      .bearerToken(session.token)
    assert.deepEqual(
      page2.body().data.map((c: any) => c.id),
      [first.id]
    )
    assert.isNull(page2.body().nextCursor)

    const ids = async (qs: Record<string, string>) =>
      (await visit(client, 'conversations.index').qs(qs).bearerToken(session.token))
        .body()
        .data.map((c: any) => c.id)
    assert.deepEqual(await ids({ status: 'resolved' }), [second.id])
    assert.deepEqual(await ids({ tag: 'vip' }), [second.id])
    assert.deepEqual(await ids({ q: 'invoice' }), [first.id])
    assert.deepEqual(await ids({ q: 'dora' }), [first.id])
    assert.deepEqual(await ids({ assignee: 'none', status: 'open' }), [third.id, first.id])
    assert.deepEqual(await ids({ assignee: 'me' }), [])
    for (const qs of [
      { status: 'done' },
      { assignee: 'bob' },
      { cursor: 'x' },
      { limit: '500' },
      { sort: 'name' },
    ]) {
      ;(await visit(client, 'conversations.index').qs(qs).bearerToken(session.token)).assertStatus(
        422
      )
    }
  })

  test('PATCH changes status, priority, assignee, tags and snooze, and announces it', async ({
    client,
    assert,
  }) => {
    const { tenant, session } = await workspace(client)
    const colleague = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'agent-2',
      role: 'agent',
    })
    const viewer = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'viewer-1',
      role: 'viewer',
    })
    const conversation = await start(client, session.token)
    const url = `/v1/conversations/${conversation.id}`
    const patched = await client
      .patch(url)
      .bearerToken(session.token)
      .json({ priority: 'urgent', assigneeId: colleague.userId, tags: ['billing'] })
    patched.assertStatus(200)
    assert.include(patched.body(), { priority: 'urgent', assigneeId: colleague.userId })
    const wake = new Date(Date.now() + 3_600_000).toISOString()
    const snoozed = await client.patch(url).bearerToken(session.token).json({ snoozedUntil: wake })
    assert.equal(snoozed.body().status, 'snoozed')
    assert.equal(new Date(snoozed.body().snoozedUntil).getTime(), new Date(wake).getTime())
    const reopened = await client.patch(url).bearerToken(session.token).json({ status: 'open' })
    assert.isNull(reopened.body().snoozedUntil)

    for (const body of [
      { status: 'snoozed' },
      { snoozedUntil: '2001-01-01T00:00:00Z' },
      { assigneeId: viewer.userId },
      { assigneeId: '0192f000-0000-7000-8000-000000000000' },
      { priority: 'whenever' },
      // Blank reaches the validator as null (the body parser): it was 200, unchanged.
      { status: ' ' },
      { status: null },
      { priority: '' },
      { priority: null },
    ]) {
      const refused = await client.patch(url).bearerToken(session.token).json(body)
      assert.equal(refused.status(), 422, JSON.stringify(body))
    }
    // A day that does not exist was read as another (Feb 30 as March 2, year 0000 as 1900).
    for (const snoozedUntil of ['2099-02-30T09:00:00Z', '2099-04-31', '0000-01-01T00:00:00Z']) {
      const refused = await client.patch(url).bearerToken(session.token).json({ snoozedUntil })
      refused.assertStatus(422)
      assert.deepEqual(
        refused.body().error.details.map((d: any) => d.field),
        ['snoozedUntil'],
        snoozedUntil
      )
    }
    const leap = await client
      .patch(url)
      .bearerToken(session.token)
      .json({ snoozedUntil: '2028-02-29T09:00:00+01:00' })
    leap.assertStatus(200)
    assert.equal(leap.body().snoozedUntil, '2028-02-29T08:00:00.000Z')
    const woken = await client
      .patch(url)
      .bearerToken(session.token)
      .json({ status: 'open', snoozedUntil: null })
    woken.assertStatus(200)
    assert.isNull(woken.body().snoozedUntil)
    const inbox = await eventsAfter(
      channelNames.inbox(session.tenantId, session.workspaceId),
      undefined,
      20
    )
    assert.includeMembers(
      inbox.events.map((e) => e.type),
      ['conversation.updated']
    )
  })

  test('viewers read but cannot write; sessions without the inbox widget cannot even read', async ({
    client,
  }) => {
    const { tenant, session } = await workspace(client)
    const conversation = await start(client, session.token)
    const viewer = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'v',
      role: 'viewer',
    })
    ;(
      await visit(client, 'conversations.show', { id: conversation.id }).bearerToken(viewer.token)
    ).assertStatus(200)
    ;(
      await visit(client, 'conversations.update', { id: conversation.id })
        .bearerToken(viewer.token)
        .json({ status: 'resolved' })
    ).assertStatus(403)
    ;(
      await visit(client, 'conversations.messages.store', { id: conversation.id })
        .bearerToken(viewer.token)
        .json({ body: 'hi' })
    ).assertStatus(403)
    ;(
      await visit(client, 'conversations.store')
        .bearerToken(viewer.token)
        .json({ channel: 'internal', body: 'x' })
    ).assertStatus(403)
    const recorderOnly = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'r',
      widgets: ['recorder'],
    })
    ;(await visit(client, 'conversations.index').bearerToken(recorderOnly.token)).assertStatus(403)
  })

  test("another tenant's or workspace's conversations answer 404 on every route", async ({
    client,
  }) => {
    const { tenant, session } = await workspace(client)
    const conversation = await start(client, session.token)
    const other = await makeTenant()
    const stranger = await mintSession(client, other.secretKey, {
      workspace: 'acme',
      user: 'agent-1',
    })
    const neighbour = await mintSession(client, tenant.secretKey, {
      workspace: 'other-ws',
      user: 'agent-1',
    })
    for (const intruder of [stranger, neighbour]) {
      const id = conversation.id
      const message = conversation.lastMessage.id
      ;(await visit(client, 'conversations.show', { id }).bearerToken(intruder.token)).assertStatus(
        404
      )
      ;(
        await visit(client, 'conversations.update', { id })
          .bearerToken(intruder.token)
          .json({ status: 'closed' })
      ).assertStatus(404)
      ;(
        await visit(client, 'conversations.messages.index', { id }).bearerToken(intruder.token)
      ).assertStatus(404)
      ;(
        await visit(client, 'conversations.messages.store', { id })
          .bearerToken(intruder.token)
          .json({ body: 'x' })
      ).assertStatus(404)
      ;(
        await visit(client, 'conversations.read', { id })
          .bearerToken(intruder.token)
          .json({ upTo: message })
      ).assertStatus(404)
      ;(
        await visit(client, 'conversations.typing', { id }).bearerToken(intruder.token)
      ).assertStatus(404)
      ;(
        await visit(client, 'contacts.show', { id: conversation.contact.id }).bearerToken(
          intruder.token
        )
      ).assertStatus(404)
      const list = await visit(client, 'conversations.index').bearerToken(intruder.token)
      list.assertBody({ data: [], nextCursor: null })
    }
  })
})
