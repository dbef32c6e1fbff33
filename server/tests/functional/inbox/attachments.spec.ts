import { test } from '@japa/runner'
import { makeTenant, mintSession, png, visit } from '#tests/helpers'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { fileUrl, purgeUnsentUploads, verifyFileLink } from '#services/attachments'

async function setup(client: any, workspace = 'acme') {
  const tenant = await makeTenant()
  const ana = await mintSession(client, tenant.secretKey, { workspace, user: 'ana', role: 'agent' })
  const created = await visit(client, 'conversations.store')
    .bearerToken(ana.token)
    .json({ channel: 'web', contact: { email: 'eva@x.test' }, body: 'hello' })
  created.assertStatus(201)
  return { tenant, ana, conversation: created.body() }
}

const upload = (client: any, token: string, bytes: Buffer, filename: string, type = 'image/png') =>
  visit(client, 'attachments.store')
    .bearerToken(token)
    .file('file', bytes, { filename, contentType: type })

/** Reads a signed file link as a browser would (absolute URL of the test server). */
const download = (url: string) => fetch(url)

test.group('Inbox attachments', () => {
  test('an image uploads, is sent with a message and reads back byte for byte through its link', async ({
    client,
    assert,
  }) => {
    const { ana, conversation } = await setup(client)
    const image = png()
    const uploaded = await upload(client, ana.token, image, '../../photos/me.png')
    uploaded.assertStatus(201)
    assert.include(uploaded.body(), {
      name: 'me.png',
      mimeType: 'image/png',
      kind: 'image',
      size: image.length,
    })

    const url = `/v1/conversations/${conversation.id}/messages`
    const sent = await client
      .post(url)
      .bearerToken(ana.token)
      .json({ body: 'see this', attachmentIds: [uploaded.body().id], idempotencyKey: 'k1' })
    sent.assertStatus(201)
    assert.deepEqual(
      sent.body().attachments.map((a: any) => a.id),
      [uploaded.body().id]
    )
    // A retry answers with the same message and its attachments.
    const retried = await client
      .post(url)
      .bearerToken(ana.token)
      .json({ body: 'see this', attachmentIds: [uploaded.body().id], idempotencyKey: 'k1' })
    retried.assertStatus(200)
    assert.equal(retried.body().attachments[0].id, uploaded.body().id)

    const thread = await client.get(url).bearerToken(ana.token)
    const link = thread.body().data[0].attachments[0].url as string
    const file = await download(link)
    assert.equal(file.status, 200)
    assert.equal(file.headers.get('content-type'), 'image/png')
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff')
    assert.match(file.headers.get('content-disposition')!, /^inline; filename\*=UTF-8''me\.png$/)
    assert.isTrue(Buffer.from(await file.arrayBuffer()).equals(image))
  })

  test('the type is read from the bytes, not from the name or the claimed type', async ({
    client,
    assert,
  }) => {
    const { ana } = await setup(client)
    // Text claiming to be a PNG is stored as text and downloaded, never shown inline.
    const html = await upload(client, ana.token, Buffer.from('<script>alert(1)</script>'), 'x.png')
    html.assertStatus(201)
    assert.include(html.body(), { mimeType: 'text/plain', kind: 'file' })
    const file = await download(html.body().url)
    assert.equal(file.headers.get('content-type'), 'text/plain')
    assert.match(file.headers.get('content-disposition')!, /^attachment;/)
    assert.include(file.headers.get('content-security-policy')!, 'sandbox')

    // A Windows executable, whatever it calls itself, is refused.
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')])
    exe.writeUInt32LE(64, 60)
    const refused = await upload(
      client,
      ana.token,
      Buffer.concat([exe, Buffer.alloc(512)]),
      'cat.jpg',
      'image/jpeg'
    )
    refused.assertStatus(422)
    assert.equal(refused.body().error.details[0].field, 'file')

    const empty = await upload(client, ana.token, Buffer.alloc(0), 'empty.txt', 'text/plain')
    empty.assertStatus(422)
  })

  test('bad requests: no file, JSON instead of multipart, viewers, a message with nothing in it', async ({
    client,
    assert,
  }) => {
    const { tenant, ana, conversation } = await setup(client)
    const noFile = await visit(client, 'attachments.store').bearerToken(ana.token).field('x', '1')
    noFile.assertStatus(422)
    assert.equal(noFile.body().error.details[0].field, 'file')
    ;(await visit(client, 'attachments.store').bearerToken(ana.token).json({})).assertStatus(422)
    const viewer = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'v',
      role: 'viewer',
    })
    ;(await upload(client, viewer.token, png(), 'a.png')).assertStatus(403)
    ;(
      await visit(client, 'attachments.store').file('file', png(), { filename: 'a.png' })
    ).assertStatus(401)

    const empty = await visit(client, 'conversations.messages.store', { id: conversation.id })
      .bearerToken(ana.token)
      .json({ body: '   ' })
    empty.assertStatus(422)
    assert.equal(empty.body().error.details[0].field, 'body')
  })

  test('files over the size limit are refused with a clear error', async ({ client, assert }) => {
    const { ana } = await setup(client)
    const limit = 25 * 1024 * 1024
    const over = await upload(
      client,
      ana.token,
      Buffer.alloc(limit + 1, 'a'),
      'big.txt',
      'text/plain'
    )
    // One byte over is enough: the upload stops there (it used to be read to the end, then 422).
    over.assertStatus(413)
    assert.equal(over.body().error.code, 'PAYLOAD_TOO_LARGE')
    assert.equal(over.body().error.details[0].field, 'file')
    assert.match(over.body().error.details[0].message, /at most 25 MB/)
    const wayOver = await upload(
      client,
      ana.token,
      Buffer.alloc(limit + 2 * 1024 * 1024, 'a'),
      'huge.txt'
    )
    wayOver.assertStatus(413)
    assert.equal(wayOver.body().error.code, 'PAYLOAD_TOO_LARGE')
  })

  test("another workspace's or tenant's members cannot attach or read an upload", async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const uploaded = await upload(client, ana.token, png(), 'a.png')
    uploaded.assertStatus(201)
    const id = uploaded.body().id

    // Same tenant, other workspace; and another tenant altogether.
    const other = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'o' })
    const otherConversation = await visit(client, 'conversations.store')
      .bearerToken(other.token)
      .json({ channel: 'internal', body: 'x' })
    const stranger = await setup(client, 'acme')
    for (const [session, conversation] of [
      [other, otherConversation.body()],
      [stranger.ana, stranger.conversation],
    ]) {
      const stolen = await visit(client, 'conversations.messages.store', { id: conversation.id })
        .bearerToken(session.token)
        .json({ body: 'mine now', attachmentIds: [id] })
      stolen.assertStatus(422)
      assert.equal(stolen.body().error.details[0].field, 'attachmentIds.0')
    }
    // Another member of the same workspace cannot send Ana's upload either.
    const bruno = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'bruno' })
    const { conversation } = {
      conversation: (await visit(client, 'conversations.index').bearerToken(bruno.token)).body()
        .data[0],
    }
    ;(
      await visit(client, 'conversations.messages.store', { id: conversation.id })
        .bearerToken(bruno.token)
        .json({ body: 'x', attachmentIds: [id] })
    ).assertStatus(422)

    // A link works only for the path it was signed for, and only until it expires.
    const link = new URL(uploaded.body().url)
    const elsewhere = link.pathname.replace(tenant.tenant.id, stranger.tenant.tenant.id)
    assert.equal((await download(`${link.origin}${elsewhere}${link.search}`)).status, 404)
    const tampered = link.href.replace(/sig=[^&]+/, 'sig=AAAA')
    assert.equal((await download(tampered)).status, 404)
    const exp = Number(link.searchParams.get('exp'))
    assert.isTrue(verifyFileLink(link.pathname, exp, link.searchParams.get('sig')))
    assert.isFalse(verifyFileLink(link.pathname, exp, link.searchParams.get('sig'), exp * 1000 + 1))
    // A link minted now lives at least six hours.
    const fresh = new URL(fileUrl({ tenantId: tenant.tenant.id, workspaceId: 'w', id }))
    assert.isAtLeast(Number(fresh.searchParams.get('exp')) * 1000 - Date.now(), 6 * 3600 * 1000)
  })

  test('uploads never sent are purged after a day, bytes and all; sent ones stay', async ({
    client,
    assert,
  }) => {
    const { ana, conversation } = await setup(client)
    const unsent = (await upload(client, ana.token, png(), 'forgotten.png')).body()
    const kept = (await upload(client, ana.token, png(), 'sent.png')).body()
    await visit(client, 'conversations.messages.store', { id: conversation.id })
      .bearerToken(ana.token)
      .json({ attachmentIds: [kept.id] })
    const fresh = (await upload(client, ana.token, png(), 'just-now.png')).body()
    await db
      .connection('operator')
      .from('attachments')
      .whereIn('id', [unsent.id, kept.id])
      .update({ created_at: db.raw(`now() - interval '25 hours'`) })

    assert.isAtLeast(await purgeUnsentUploads(), 1)
    assert.equal((await download(unsent.url)).status, 404)
    const remaining = await db
      .connection('operator')
      .from('attachments')
      .whereIn('id', [unsent.id, kept.id, fresh.id])
      .select('id')
    assert.sameMembers(
      remaining.map((r) => r.id),
      [kept.id, fresh.id]
    )
    assert.equal((await download(kept.url)).status, 200)
    assert.isFalse(await drive.use().exists(`${ana.tenantId}/${ana.workspaceId}/${unsent.id}`))
  })
})
