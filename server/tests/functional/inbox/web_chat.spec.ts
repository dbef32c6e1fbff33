import { test } from '@japa/runner'
import { makeTenant, mintSession, ORIGIN, eventsAfter, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'

type Client = any

/** A tenant whose workspace `acme` has an agent (Ana) and, unless told otherwise, web chat on. */
async function setup(client: Client, { enabled = true } = {}) {
  const tenant = await makeTenant()
  const ana = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'ana',
    role: 'agent',
  })
  if (enabled) {
    const patched = await visit(client, 'workspaces.update', { id: ana.workspaceId })
      .bearerToken(tenant.secretKey)
      .json({ webChat: { enabled: true } })
    patched.assertStatus(200)
  }
  return { tenant, ana }
}

const arrive = (
  client: Client,
  key: string,
  body: Record<string, unknown> = { workspace: 'acme' }
) => visit(client, 'chat.visitors.store').qs({ key }).header('origin', ORIGIN).json(body)

async function visitor(client: Client, key: string, body?: Record<string, unknown>) {
  const response = await arrive(client, key, body)
  response.assertStatus(201)
  return response.body() as {
    token: string
    visitorToken: string
    contactId: string
    workspaceId: string
  }
}

/** A visitor's request: its token, from the host page's origin. */
const as = (request: any, token: string) => request.bearerToken(token).header('origin', ORIGIN)

test.group('Web chat', () => {
  test('a workspace takes anonymous visitors only once it opts in; a returning visitor is the same contact', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client, { enabled: false })
    const refused = await arrive(client, tenant.publishableKey)
    refused.assertStatus(404)
    assert.equal(refused.body().error.code, 'NOT_FOUND')

    const patched = await visit(client, 'workspaces.update', { id: ana.workspaceId })
      .bearerToken(tenant.secretKey)
      .json({ webChat: { enabled: true } })
    assert.isTrue(patched.body().webChat.enabled)

    const first = await visitor(client, tenant.publishableKey, {
      workspace: 'acme',
      name: 'Eva',
      email: 'eva@x.test',
    })
    assert.match(first.token, /^c1\./)
    assert.match(first.visitorToken, /^vt_[0-9a-f]{32}_/)
    const again = await visitor(client, tenant.publishableKey, {
      workspace: 'acme',
      visitorToken: first.visitorToken,
    })
    assert.equal(again.contactId, first.contactId)
    // A forged or mangled visitor token gets a brand-new visitor, never someone else.
    const forged = first.visitorToken.slice(0, -4) + 'AAAA'
    const stranger = await visitor(client, tenant.publishableKey, {
      workspace: 'acme',
      visitorToken: forged,
    })
    assert.notEqual(stranger.contactId, first.contactId)

    // The typed email is kept, unverified, and never matched against known contacts.
    const contact = await visit(client, 'contacts.show', { id: first.contactId }).bearerToken(
      ana.token
    )
    assert.equal(contact.body().email, null)
    assert.equal(contact.body().attributes.unverifiedEmail, 'eva@x.test')
  })

  test('visitor arrivals: bad key, foreign origin, unknown workspace, bad input, too many', async ({
    client,
    assert,
  }) => {
    const { tenant } = await setup(client)
    ;(
      await visit(client, 'chat.visitors.store')
        .header('origin', ORIGIN)
        .json({ workspace: 'acme' })
    ).assertStatus(401)
    ;(
      await visit(client, 'chat.visitors.store')
        .qs({ key: tenant.publishableKey })
        .header('origin', 'https://evil.test')
        .json({ workspace: 'acme' })
    ).assertStatus(403)
    ;(await arrive(client, tenant.publishableKey, { workspace: 'nope' })).assertStatus(404)
    const unknown = await arrive(client, tenant.publishableKey, { workspace: 'acme', extra: 1 })
    unknown.assertStatus(422)
    assert.equal(unknown.body().error.details[0].field, 'extra')
    const bad = await arrive(client, tenant.publishableKey, { workspace: 'acme', email: 'nope' })
    bad.assertStatus(422)
    assert.equal(bad.body().error.details[0].field, 'email')
    let last: any
    for (let i = 0; i < 41; i++) last = await arrive(client, tenant.publishableKey)
    last.assertStatus(429)
    assert.equal(last.body().error.code, 'RATE_LIMITED')
  })

  test('a visitor conversation lands in the inbox; replies reach the visitor, notes never do', async ({
    client,
    assert,
  }) => {
    const { ana, tenant } = await setup(client)
    const eva = await visitor(client, tenant.publishableKey, { workspace: 'acme', name: 'Eva' })
    const started = await as(visit(client, 'chat.conversations.store'), eva.token).json({
      body: 'Hi, my order is late',
    })
    started.assertStatus(201)
    const id = started.body().id
    assert.notProperty(started.body(), 'assigneeId')

    const inbox = await visit(client, 'conversations.index').bearerToken(ana.token)
    const listed = inbox.body().data.find((c: any) => c.id === id)
    assert.include(listed, { channel: 'web', contactId: eva.contactId })
    assert.equal(listed.contact.name, 'Eva')
    assert.equal(listed.unread, 1, 'what a contact wrote is unread')
    // One contact's conversations, for a host page about that customer.
    const evas = await visit(client, 'conversations.index')
      .qs({ contact: eva.contactId })
      .bearerToken(ana.token)
    assert.deepEqual(
      evas.body().data.map((c: any) => c.id),
      [id]
    )
    ;(
      await visit(client, 'conversations.index').qs({ contact: 'nope' }).bearerToken(ana.token)
    ).assertStatus(422)

    const thread = `/v1/conversations/${id}/messages`
    ;(await client.post(thread).bearerToken(ana.token).json({ body: 'On its way!' })).assertStatus(
      201
    )
    ;(
      await client
        .post(thread)
        .bearerToken(ana.token)
        .json({ body: 'VIP, refund if needed', type: 'note' })
    ).assertStatus(201)

    const seen = await as(visit(client, 'chat.conversations.messages.index', { id }), eva.token)
    assert.deepEqual(
      seen.body().data.map((m: any) => [m.direction, m.body]),
      [
        ['outbound', 'On its way!'],
        ['inbound', 'Hi, my order is late'],
      ]
    )
    const { events } = await eventsAfter(
      channelNames.contact(ana.tenantId, ana.workspaceId, eva.contactId),
      undefined,
      10
    )
    assert.deepEqual(
      events.map((e) => [e.type, (e.data as any).body]),
      [
        ['message.created', 'Hi, my order is late'],
        ['message.created', 'On its way!'],
      ]
    )

    const replied = await as(
      visit(client, 'chat.conversations.messages.store', { id }),
      eva.token
    ).json({
      body: 'Thanks',
      idempotencyKey: 'r1',
    })
    replied.assertStatus(201)
    assert.equal(replied.body().direction, 'inbound')
    const retried = await as(
      visit(client, 'chat.conversations.messages.store', { id }),
      eva.token
    ).json({
      body: 'Thanks',
      idempotencyKey: 'r1',
    })
    assert.equal(retried.body().id, replied.body().id)
    // For a teammate: Eva's two messages; Ana's reply and note are not theirs to read.
    const carla = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'carla' })
    const forCarla = await visit(client, 'conversations.show', { id }).bearerToken(carla.token)
    assert.equal(forCarla.body().unread, 2)
  })

  test('read receipts, typing both ways, and a resolved conversation reopened by the visitor', async ({
    client,
    assert,
  }) => {
    const { ana, tenant } = await setup(client)
    const eva = await visitor(client, tenant.publishableKey)
    const id = (
      await as(visit(client, 'chat.conversations.store'), eva.token).json({ body: 'hello' })
    ).body().id
    const reply = await visit(client, 'conversations.messages.store', { id })
      .bearerToken(ana.token)
      .json({ body: 'hi!' })
    ;(
      await as(visit(client, 'chat.conversations.read', { id }), eva.token).json({
        upTo: reply.body().id,
      })
    ).assertStatus(204)
    const thread = await visit(client, 'conversations.messages.index', { id }).bearerToken(
      ana.token
    )
    assert.equal(thread.body().data[0].status, 'read')

    ;(await visit(client, 'conversations.typing', { id }).bearerToken(ana.token)).assertStatus(204)
    ;(await as(visit(client, 'chat.conversations.typing', { id }), eva.token)).assertStatus(204)
    const member = await eventsAfter(
      channelNames.conversation(ana.tenantId, ana.workspaceId, id),
      undefined,
      20
    )
    const types = member.events.map((e) => [
      e.type,
      Object.keys(e.data as object)
        .sort()
        .join(),
    ])
    assert.deepInclude(types, ['read', 'contactId,upTo'])
    assert.deepInclude(types, ['typing', 'at,contactId'])
    const visitorFeed = await eventsAfter(
      channelNames.contact(ana.tenantId, ana.workspaceId, eva.contactId),
      undefined,
      20
    )
    assert.deepInclude(
      visitorFeed.events.map((e) => e.type),
      'typing'
    )

    ;(
      await visit(client, 'conversations.update', { id })
        .bearerToken(ana.token)
        .json({ status: 'resolved' })
    ).assertStatus(200)
    await as(visit(client, 'chat.conversations.messages.store', { id }), eva.token).json({
      body: 'one more thing',
    })
    const reopened = await visit(client, 'conversations.show', { id }).bearerToken(ana.token)
    assert.equal(reopened.body().status, 'open')
  })

  test('the host’s signed-in users chat as themselves (secret key), linked to a known contact by email', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client, { enabled: false })
    const known = await visit(client, 'contacts.store')
      .bearerToken(ana.token)
      .json({ name: 'Eva', email: 'Eva@x.test' })
    const mint = (contact: Record<string, string>) =>
      visit(client, 'chat.sessions.store')
        .bearerToken(tenant.secretKey)
        .json({ workspace: { id: 'acme' }, contact })
    const first = await mint({ id: 'user-17', email: 'eva@x.test' })
    first.assertStatus(201)
    assert.equal(first.body().contactId, known.body().id)
    const again = await mint({ id: 'user-17', name: 'Eva L.' })
    assert.equal(again.body().contactId, known.body().id)
    ;(await mint({ id: 'user-18' })).assertStatus(201)
    ;(
      await visit(client, 'chat.sessions.store')
        .bearerToken(tenant.secretKey)
        .json({ workspace: { id: 'ghost' }, contact: { id: 'x' } })
    ).assertStatus(404)
    ;(
      await visit(client, 'chat.sessions.store')
        .bearerToken(tenant.publishableKey)
        .json({ workspace: { id: 'acme' }, contact: { id: 'x' } })
    ).assertStatus(401)

    const started = await as(visit(client, 'chat.conversations.store'), first.body().token).json({
      body: 'from the app',
    })
    started.assertStatus(201)
  })

  test('visitors reach only their own conversations; tokens never cross between members and visitors', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const eva = await visitor(client, tenant.publishableKey)
    const leo = await visitor(client, tenant.publishableKey)
    const evas = (
      await as(visit(client, 'chat.conversations.store'), eva.token).json({ body: 'private' })
    ).body().id
    const internal = (
      await visit(client, 'conversations.store')
        .bearerToken(ana.token)
        .json({ channel: 'internal', body: 'staff only' })
    ).body().id

    for (const path of [
      `/v1/chat/conversations/${evas}/messages`,
      `/v1/chat/conversations/${internal}/messages`,
    ]) {
      ;(await as(client.get(path), leo.token)).assertStatus(404)
      ;(await as(client.post(path), leo.token).json({ body: 'x' })).assertStatus(404)
    }
    const leos = await as(visit(client, 'chat.conversations.index'), leo.token)
    assert.lengthOf(leos.body().data, 0)

    // Another tenant's visitor, with the same workspace name, sees nothing either.
    const other = await setup(client)
    const mallory = await visitor(client, other.tenant.publishableKey)
    ;(
      await as(visit(client, 'chat.conversations.messages.index', { id: evas }), mallory.token)
    ).assertStatus(404)

    ;(await visit(client, 'conversations.index').bearerToken(eva.token)).assertStatus(401)
    ;(await visit(client, 'chat.conversations.index').bearerToken(ana.token)).assertStatus(401)

    // Realtime: the visitor's own feed only.
    const feed = (channel: string, token: string) =>
      as(visit(client, 'events.index').qs({ stream: channel }), token)
    ;(
      await feed(channelNames.contact(ana.tenantId, ana.workspaceId, eva.contactId), eva.token)
    ).assertStatus(200)
    ;(
      await feed(channelNames.contact(ana.tenantId, ana.workspaceId, eva.contactId), leo.token)
    ).assertStatus(404)
    ;(
      await feed(channelNames.conversation(ana.tenantId, ana.workspaceId, evas), eva.token)
    ).assertStatus(404)
    ;(await feed(channelNames.inbox(ana.tenantId, ana.workspaceId), eva.token)).assertStatus(404)
    ;(
      await feed(channelNames.contact(ana.tenantId, ana.workspaceId, eva.contactId), ana.token)
    ).assertStatus(404)

    // A blocked visitor's token stops working at once.
    await visit(client, 'contacts.update', { id: eva.contactId })
      .bearerToken(ana.token)
      .json({ blocked: true })
    ;(await as(visit(client, 'chat.conversations.index'), eva.token)).assertStatus(401)
    ;(
      await arrive(client, tenant.publishableKey, {
        workspace: 'acme',
        visitorToken: eva.visitorToken,
      })
    ).assertStatus(403)
  })

  test('visitors send attachments; a new conversation needs words or a file', async ({
    client,
    assert,
  }) => {
    const { tenant } = await setup(client)
    const eva = await visitor(client, tenant.publishableKey)
    ;(await as(visit(client, 'chat.conversations.store'), eva.token).json({})).assertStatus(422)
    const uploaded = await as(visit(client, 'chat.attachments.store'), eva.token).file(
      'file',
      Buffer.from('order #123\n'),
      {
        filename: 'order.txt',
      }
    )
    uploaded.assertStatus(201)
    const started = await as(visit(client, 'chat.conversations.store'), eva.token).json({
      attachmentIds: [uploaded.body().id],
    })
    started.assertStatus(201)
    assert.equal(started.body().message.attachments[0].name, 'order.txt')
  })

  test('workspace settings: only the secret key, only its own tenant, strict input', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client, { enabled: false })
    const other = await makeTenant('Other')
    const url = `/v1/workspaces/${ana.workspaceId}`
    ;(
      await client
        .patch(url)
        .bearerToken(other.secretKey)
        .json({ webChat: { enabled: true } })
    ).assertStatus(404)
    ;(
      await client
        .patch(url)
        .bearerToken(ana.token)
        .json({ webChat: { enabled: true } })
    ).assertStatus(401)
    const bad = await client
      .patch(url)
      .bearerToken(tenant.secretKey)
      .json({ webChat: { enabled: 'yes' } })
    bad.assertStatus(422)
    assert.equal(bad.body().error.details[0].field, 'webChat.enabled')
  })
})
