import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { eventsAfter, makeTenant, mintSession, png, relayed, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'

/** Ana and Bruno, agents of one workspace, and a web conversation Ana started with Dora. */
async function setup(client: any) {
  const tenant = await makeTenant()
  const ana = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'ana' })
  const bruno = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'bruno' })
  const started = await visit(client, 'conversations.store')
    .bearerToken(ana.token)
    .json({ channel: 'web', contact: { email: 'dora@x.test', name: 'Dora' }, body: 'Hello Dora' })
  started.assertStatus(201)
  return { tenant, ana, bruno, conversation: started.body() }
}

/**
 * A message from the contact, as a channel stores it (the web chat and WhatsApp do the same
 * through appendMessage): written as the operator, the conversation moved forward.
 */
async function fromContact(
  conversation: { id: string; contactId: string },
  body: string,
  metadata: Record<string, unknown> = {}
) {
  const operator = db.connection('operator')
  const [stored] = await operator.from('conversations').where('id', conversation.id).select('*')
  const id = uuidv7()
  await operator.table('messages').insert({
    tenant_id: stored.tenant_id,
    workspace_id: stored.workspace_id,
    id,
    conversation_id: conversation.id,
    direction: 'inbound',
    type: 'text',
    author_contact_id: conversation.contactId,
    body,
    status: 'delivered',
    metadata: JSON.stringify(metadata),
  })
  await operator
    .from('conversations')
    .where('id', conversation.id)
    .update({ last_message_id: id, last_message_at: new Date() })
  return id
}

const send = (client: any, token: string, id: string, body: Record<string, unknown>) =>
  visit(client, 'conversations.messages.store', { id }).bearerToken(token).json(body)

/** The conversation as Ana's list shows it. */
async function row(client: any, token: string, id: string) {
  const list = await visit(client, 'conversations.index').bearerToken(token)
  list.assertStatus(200)
  return list.body().data.find((c: any) => c.id === id)
}

test.group('Inbox list rows', (group) => {
  group.setup(() => {
    // The webhook of the last test is registered on loopback (never called: no workers here).
    const before = env.get('OUTBOUND_ALLOW_PRIVATE')
    env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
    return () => env.set('OUTBOUND_ALLOW_PRIVATE', before)
  })

  test('each row carries its last message: the first 140 characters, who wrote it and what kind', async ({
    client,
    assert,
  }) => {
    const { ana, bruno, conversation } = await setup(client)
    const mine = await row(client, ana.token, conversation.id)
    assert.include(mine.lastMessage, {
      type: 'text',
      direction: 'outbound',
      body: 'Hello Dora',
      authorMemberId: ana.userId,
      authorContactId: null,
      attachmentKind: null,
      deleted: false,
    })
    assert.deepEqual(mine.lastMessage.mentions, [])
    assert.match(mine.lastMessage.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    // The contact writes at length: the row gets the beginning only.
    const long = `${'a'.repeat(130)} ${'b'.repeat(200)}`
    const inbound = await fromContact(conversation, long)
    const contacts = await row(client, ana.token, conversation.id)
    assert.include(contacts.lastMessage, {
      id: inbound,
      direction: 'inbound',
      authorContactId: conversation.contactId,
      authorMemberId: null,
      body: long.slice(0, 140),
    })
    assert.equal(contacts.unread, 1)

    // Bruno's note mentioning Ana: a note, with whom it mentions.
    ;(
      await send(client, bruno.token, conversation.id, {
        body: '@Ana this one is a VIP',
        type: 'note',
        mentions: [ana.userId],
      })
    ).assertStatus(201)
    const noted = await row(client, ana.token, conversation.id)
    assert.include(noted.lastMessage, {
      type: 'note',
      direction: 'internal',
      authorMemberId: bruno.userId,
    })
    assert.deepEqual(noted.lastMessage.mentions, [ana.userId])
    assert.equal(noted.unread, 2, 'the contact’s message and the note that mentions her')

    // A photo with no words.
    const upload = await visit(client, 'attachments.store')
      .bearerToken(ana.token)
      .file('file', png(), { filename: 'receipt.png', contentType: 'image/png' })
    upload.assertStatus(201)
    ;(
      await send(client, ana.token, conversation.id, { attachmentIds: [upload.body().id] })
    ).assertStatus(201)
    const photo = await row(client, ana.token, conversation.id)
    assert.include(photo.lastMessage, { attachmentKind: 'image', body: '' })
    assert.equal(photo.unread, 0, 'her own message marks what came before read')

    // A WhatsApp voice note (its audio could not be fetched): still a voice message.
    await fromContact(conversation, '', { voiceNote: true, mediaUnavailable: true })
    assert.equal(
      (await row(client, ana.token, conversation.id)).lastMessage.attachmentKind,
      'voice'
    )

    // Deleted: the row says so, without its words.
    const oops = await send(client, ana.token, conversation.id, { body: 'wrong customer, sorry' })
    ;(
      await visit(client, 'conversations.messages.destroy', {
        id: conversation.id,
        messageId: oops.body().id,
      }).bearerToken(ana.token)
    ).assertStatus(204)
    const deleted = await row(client, ana.token, conversation.id)
    assert.include(deleted.lastMessage, { id: oops.body().id, deleted: true, body: '' })

    // One conversation read alone, and the answer to a change, show the same row.
    const one = await visit(client, 'conversations.show', { id: conversation.id }).bearerToken(
      ana.token
    )
    assert.deepEqual(one.body().lastMessage, deleted.lastMessage)
    const patched = await visit(client, 'conversations.update', { id: conversation.id })
      .bearerToken(ana.token)
      .json({ priority: 'high', tags: ['vip'] })
    patched.assertStatus(200)
    assert.deepEqual(patched.body().lastMessage, deleted.lastMessage)
    assert.equal(patched.body().unread, deleted.unread)
    assert.equal(patched.body().contact.name, 'Dora')
  }).timeout(30_000)

  test('search, filters and pages carry the same rows', async ({ client, assert }) => {
    const { ana, conversation } = await setup(client)
    await fromContact(conversation, 'Where is my parcel?')
    const found = await visit(client, 'conversations.index')
      .bearerToken(ana.token)
      .qs({ q: 'parcel', status: 'open', limit: 1 })
    found.assertStatus(200)
    assert.equal(found.body().data[0].lastMessage.body, 'Where is my parcel?')
    const empty = await visit(client, 'conversations.index')
      .bearerToken(ana.token)
      .qs({ status: 'resolved' })
    assert.deepEqual(empty.body().data, [])
  })

  test('a sent message is announced with the last message the list reads back', async ({
    client,
    assert,
  }) => {
    // The send announces the row's last message without reading it back (lastMessageOf): it
    // must match what LAST_MESSAGE_SQL reads, character counts, mentions and attachments alike.
    const { ana, bruno, conversation } = await setup(client)
    const inbox = channelNames.inbox(ana.tenantId, ana.workspaceId)
    const upload = async (file: Buffer, filename: string, contentType: string) => {
      const stored = await visit(client, 'attachments.store')
        .bearerToken(ana.token)
        .file('file', file, { filename, contentType })
      stored.assertStatus(201)
      return stored.body().id as string
    }
    const photo = await upload(png(), 'photo.png', 'image/png')
    const notes = await upload(Buffer.from('plain words'), 'notes.txt', 'text/plain')
    const sends: [string, Record<string, unknown>][] = [
      // 150 characters, most of them outside the BMP: 140 characters, not 140 UTF-16 units.
      [ana.token, { body: `${'🦘'.repeat(120)} ${'é'.repeat(29)}` }],
      [bruno.token, { body: '@Ana look', type: 'note', mentions: [ana.userId] }],
      // Listed newest upload first: the row names the kind of the first by id (the photo).
      [ana.token, { body: 'Both files', attachmentIds: [notes, photo] }],
    ]
    for (const [token, body] of sends) {
      const { events: before } = await eventsAfter(inbox, undefined, 1000)
      ;(await send(client, token, conversation.id, body)).assertStatus(201)
      const { events } = await eventsAfter(inbox, before.at(-1)?.id, 100)
      const announced = events
        .filter((e) => e.type === 'conversation.updated')
        .map((e) => (e.data as any).lastMessage)
      assert.lengthOf(announced, 1)
      assert.deepEqual(announced[0], (await row(client, ana.token, conversation.id)).lastMessage)
    }
    assert.equal(
      (await row(client, ana.token, conversation.id)).lastMessage.attachmentKind,
      'image'
    )
  }).timeout(30_000)

  test('the inbox events carry the row’s last message; webhooks never do (it may be a note)', async ({
    client,
    assert,
  }) => {
    const { tenant, ana, bruno, conversation } = await setup(client)
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'admin',
      role: 'admin',
    })
    ;(
      await visit(client, 'webhooks.store')
        .bearerToken(admin.token)
        .json({ url: 'http://127.0.0.1:9/hook', events: ['conversation.updated'] })
    ).assertStatus(201)
    const inbox = channelNames.inbox(ana.tenantId, ana.workspaceId)
    const { events: before } = await eventsAfter(inbox, undefined, 100)
    const since = before.at(-1)!.id

    const note = await send(client, bruno.token, conversation.id, {
      body: 'Refund approved',
      type: 'note',
    })
    ;(
      await visit(client, 'conversations.update', { id: conversation.id })
        .bearerToken(ana.token)
        .json({ status: 'pending' })
    ).assertStatus(200)
    ;(
      await visit(client, 'conversations.messages.destroy', {
        id: conversation.id,
        messageId: note.body().id,
      }).bearerToken(bruno.token)
    ).assertStatus(204)

    const { events } = await eventsAfter(inbox, since, 100)
    const updates = events
      .filter((e) => e.type === 'conversation.updated')
      .map((e) => e.data as any)
    assert.deepEqual(
      updates.map((c) => [c.status, c.lastMessage.type, c.lastMessage.deleted]),
      [
        ['open', 'note', false], // the note was written
        ['pending', 'note', false], // the status changed
        ['pending', 'note', true], // the note was deleted
      ]
    )
    assert.include(updates[0].lastMessage, {
      id: note.body().id,
      body: 'Refund approved',
      direction: 'internal',
      authorMemberId: bruno.userId,
    })

    await relayed()
    const deliveries = await db
      .connection('operator')
      .from('webhook_deliveries')
      .where('tenant_id', ana.tenantId)
      .select('payload')
    assert.lengthOf(deliveries, 1, 'the status change; not the note, not its deletion')
    const payload =
      typeof deliveries[0].payload === 'string'
        ? JSON.parse(deliveries[0].payload)
        : deliveries[0].payload
    assert.equal(payload.data.status, 'pending')
    assert.notProperty(payload.data, 'lastMessage')
    assert.notInclude(JSON.stringify(payload), 'Refund approved')
  }).timeout(30_000)
})
