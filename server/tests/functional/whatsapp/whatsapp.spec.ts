import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { makeTenant, mintSession, png, until, eventsAfter, visit } from '#tests/helpers'
import { TestWhatsApp, incoming } from '#tests/doubles/whatsapp_transport'
import { startWhatsAppSupervisor } from '#services/whatsapp/supervisor'
import { channelNames } from '#services/realtime/channels'
import { ownerKey } from '#services/whatsapp/ownership'
import ace from '@adonisjs/core/services/ace'
import WhatsAppList from '#commands/whatsapp_list'
import WhatsAppHandover from '#commands/whatsapp_handover'
import WhatsAppDisconnect from '#commands/whatsapp_disconnect'

type Client = any

/** The first page of an Ogg Opus stream (a WhatsApp voice note starts so). */
function opusHeader() {
  const page = Buffer.alloc(200)
  page.write('OggS', 0)
  page[5] = 2 // beginning of stream
  page[26] = 1 // one segment …
  page[27] = 19 // … of 19 bytes: the OpusHead packet
  page.write('OpusHead', 28)
  page[36] = 1 // version
  page[37] = 1 // channels
  return page
}
const EVA = '+5511987650001'
const OURS = '+5511912340000'

async function setup(client: Client) {
  const tenant = await makeTenant()
  const admin = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'ad',
    role: 'admin',
  })
  const agent = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'ag',
    role: 'agent',
  })
  const created = await visit(client, 'whatsapp.numbers.store')
    .bearerToken(admin.token)
    .json({ label: 'Sales' })
  created.assertStatus(201)
  return { tenant, admin, agent, number: created.body() }
}

const numberOf = (client: Client, token: string, id: string) =>
  visit(client, 'whatsapp.numbers.show', { id })
    .bearerToken(token)
    .then((r: any) => r.body())

/** Pairs the number through the test transport and waits for it to be open. */
async function pairAndOpen(client: Client, network: TestWhatsApp, token: string, id: string) {
  const shown = await until(async () => {
    const n = await numberOf(client, token, id)
    return n.status === 'qr' && n.qr ? n : null
  }, 'a QR code')
  network.latest().pair(OURS)
  await until(
    async () => (await numberOf(client, token, id)).status === 'open',
    'the number to open'
  )
  return shown
}

test.group('WhatsApp numbers', (group) => {
  let network: TestWhatsApp
  let supervisor: ReturnType<typeof startWhatsAppSupervisor>
  group.each.setup(async () => {
    // Each test runs only its own number: earlier tests' numbers are retired first.
    await db.connection('operator').from('whatsapp_numbers').update({ status: 'logged_out' })
    network = new TestWhatsApp()
    supervisor = startWhatsAppSupervisor({
      factory: network.factory,
      download: network.download,
      pollMs: 100,
      lockTtlMs: 3000,
    })
    return () => supervisor.stop()
  })

  test('pairing by QR through to open, published live; a restart resumes without a QR', async ({
    client,
    assert,
  }) => {
    const { admin, number } = await setup(client)
    assert.equal(number.status, 'connecting')
    const shown = await pairAndOpen(client, network, admin.token, number.id)
    assert.match(shown.qr, /^2@test-qr-1,/)
    const opened = await numberOf(client, admin.token, number.id)
    assert.include(opened, { status: 'open', phone: OURS, qr: null })
    assert.isString(opened.warmupStartedAt)

    const { events } = await eventsAfter(
      channelNames.whatsapp(admin.tenantId, admin.workspaceId),
      undefined,
      50
    )
    const states = events.map((e) => (e.data as any).status)
    assert.includeMembers(states, ['connecting', 'qr', 'closed', 'open'])
    assert.equal(states.at(-1), 'open')
    assert.isString(
      events.find((e) => (e.data as any).qr)?.data &&
        (events.find((e) => (e.data as any).qr)!.data as any).qr
    )

    // Another process (a new supervisor, a fresh transport that knows the device) takes over.
    const before = network.sockets.length
    await supervisor.stop()
    supervisor = startWhatsAppSupervisor({
      factory: network.factory,
      download: network.download,
      pollMs: 100,
      lockTtlMs: 3000,
    })
    await until(
      () => network.sockets.length > before && network.sockets.at(-1)!.user,
      'the resumed socket'
    )
    await until(
      async () => (await numberOf(client, admin.token, number.id)).status === 'open',
      'open again'
    )
    const after = await eventsAfter(
      channelNames.whatsapp(admin.tenantId, admin.workspaceId),
      events.at(-1)!.id,
      50
    )
    assert.notInclude(
      after.events.map((e) => (e.data as any).status),
      'qr'
    )
  })

  test('credentials and signal keys are stored encrypted, never as readable JSON', async ({
    client,
    assert,
  }) => {
    const { admin, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const rows = await db
      .connection('operator')
      .from('whatsapp_auth')
      .where('number_id', number.id)
      .select('key', 'sealed')
    assert.includeMembers(
      rows.map((r) => r.key),
      ['creds', 'pre-key:1']
    )
    for (const row of rows) {
      assert.notInclude(row.sealed, 'noiseKey')
      assert.notInclude(row.sealed, OURS.slice(1))
      assert.notInclude(row.sealed, '"private"')
    }
  })

  test('every kind of message arrives as a contact, a conversation and messages; groups ignored', async ({
    client,
    assert,
  }) => {
    const { admin, agent, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const socket = network.latest()
    const t0 = Math.floor(Date.now() / 1000) - 60
    const first = incoming(
      EVA,
      { conversation: 'Hi, is my order shipped?' },
      { at: t0, pushName: 'Eva', id: 'A1' }
    )
    const image = incoming(
      EVA,
      { imageMessage: { caption: 'the box', mimetype: 'image/png' } },
      { at: t0 + 1, id: 'A2' }
    )
    network.media.set('A2', png(8))
    const voice = incoming(
      EVA,
      { audioMessage: { ptt: true, seconds: 3, mimetype: 'audio/ogg; codecs=opus' } },
      { at: t0 + 2, id: 'A3' }
    )
    network.media.set('A3', opusHeader())
    const doc = incoming(
      EVA,
      { documentMessage: { fileName: 'invoice.pdf', mimetype: 'application/pdf' } },
      { at: t0 + 3, id: 'A4' }
    )
    network.media.set(
      'A4',
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')
    )
    const place = incoming(
      EVA,
      {
        locationMessage: {
          degreesLatitude: -23.55052,
          degreesLongitude: -46.633308,
          name: 'Paulista Ave',
        },
      },
      { at: t0 + 4, id: 'A5' }
    )
    const card = incoming(
      EVA,
      {
        contactMessage: {
          displayName: 'Leo',
          vcard: 'BEGIN:VCARD\nFN:Leo\nTEL:+5511900000000\nEND:VCARD',
        },
      },
      { at: t0 + 5, id: 'A6' }
    )
    const reply = incoming(
      EVA,
      { extendedTextMessage: { text: 'this one', contextInfo: { stanzaId: 'A1' } } },
      { at: t0 + 6, id: 'A7' }
    )
    const reaction = incoming(
      EVA,
      { reactionMessage: { key: { id: 'A1' }, text: '👍' } },
      { at: t0 + 7, id: 'A8' }
    )
    const video = incoming(
      EVA,
      { videoMessage: { caption: 'unboxing', mimetype: 'video/mp4' } },
      { at: t0 + 8, id: 'A9' }
    )
    network.media.set(
      'A9',
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(40)])
    )
    const groupMessage = {
      ...incoming(EVA, { conversation: 'group chatter' }, { at: t0, id: 'G1' }),
      key: { remoteJid: '120363@g.us', id: 'G1', fromMe: false },
    }
    socket.receive([
      first,
      image,
      voice,
      doc,
      place,
      card,
      reply,
      reaction,
      video,
      groupMessage as any,
    ])

    const list = await until(async () => {
      const body = (
        await visit(client, 'conversations.index')
          .qs({ channel: 'whatsapp' })
          .bearerToken(agent.token)
      ).body()
      return body.data.length === 1 ? body.data : null
    }, 'the conversation')
    assert.include(list[0].contact, { name: 'Eva', phone: EVA })
    const thread = await until(async () => {
      const body = (
        await visit(client, 'conversations.messages.index', { id: list[0].id }).bearerToken(
          agent.token
        )
      ).body()
      return body.data.length === 9 ? body.data.reverse() : null
    }, 'nine messages')
    assert.deepEqual(
      thread.map((m: any) => [m.type, m.body, m.attachments.map((a: any) => a.kind).join()]),
      [
        ['text', 'Hi, is my order shipped?', ''],
        ['text', 'the box', 'image'],
        ['text', '', 'audio'],
        ['text', '', 'file'],
        ['location', 'Paulista Ave', ''],
        ['contact', 'Leo', ''],
        ['text', 'this one', ''],
        ['reaction', '👍', ''],
        ['text', 'unboxing', 'video'],
      ]
    )
    const stored = await db
      .connection('operator')
      .from('messages')
      .where('conversation_id', list[0].id)
      .orderBy('id')
      .select('metadata', 'external_id', 'direction')
    assert.isTrue(stored.every((m) => m.direction === 'inbound'))
    assert.equal(stored[2].metadata.voiceNote, true)
    assert.deepInclude(stored[4].metadata, { latitude: -23.55052, longitude: -46.633308 })
    assert.equal(stored[6].metadata.quotedMessageId, thread[0].id)
    assert.equal(stored[7].metadata.targetMessageId, thread[0].id)
    assert.equal(thread[3].attachments[0].mimeType, 'application/pdf')
  })

  test('a message delivered twice is stored once; a late one sorts by its WhatsApp time', async ({
    client,
    assert,
  }) => {
    const { admin, agent, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const socket = network.latest()
    const now = Math.floor(Date.now() / 1000)
    const newer = incoming(EVA, { conversation: 'second' }, { at: now, id: 'B2' })
    const older = incoming(EVA, { conversation: 'first' }, { at: now - 120, id: 'B1' })
    socket.receive([newer])
    socket.receive([newer])
    socket.receive([newer], 'append')
    await new Promise((r) => setTimeout(r, 300))
    socket.receive([older])
    const conversation = await until(
      async () =>
        (await visit(client, 'conversations.index').bearerToken(agent.token)).body().data[0],
      'conversation'
    )
    const bodies = await until(async () => {
      const data = (
        await visit(client, 'conversations.messages.index', { id: conversation.id }).bearerToken(
          agent.token
        )
      ).body().data
      return data.length === 2 ? data.map((m: any) => m.body) : null
    }, 'two messages')
    assert.deepEqual(bodies, ['second', 'first'])
    await new Promise((r) => setTimeout(r, 300))
    const count = await db
      .connection('operator')
      .from('messages')
      .whereIn('external_id', ['B1', 'B2'])
      .count('* as n')
    assert.equal(Number(count[0].n), 2)
  })

  test('outbound: typing first, sent through the number, receipts move it to delivered and read', async ({
    client,
    assert,
  }) => {
    const { admin, agent, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const socket = network.latest()
    const started = await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({
        channel: 'whatsapp',
        contact: { phone: EVA, name: 'Eva' },
        body: 'Your order shipped today',
      })
    started.assertStatus(201)
    const conversationId = started.body().id
    await until(() => socket.sent.length === 1, 'the send')
    assert.deepEqual(socket.sent[0].content, { text: 'Your order shipped today' })
    assert.equal(socket.sent[0].jid, '5511987650001@s.whatsapp.net')
    assert.deepEqual(
      socket.presences.map((p) => p.type),
      ['composing', 'paused']
    )
    const statusOf = async () =>
      (
        await visit(client, 'conversations.messages.index', { id: conversationId }).bearerToken(
          agent.token
        )
      ).body().data[0].status
    await until(async () => (await statusOf()) === 'sent', 'sent')
    socket.ack(socket.sent[0].id, socket.sent[0].jid, 3)
    await until(async () => (await statusOf()) === 'delivered', 'delivered')
    socket.ack(socket.sent[0].id, socket.sent[0].jid, 4)
    await until(async () => (await statusOf()) === 'read', 'read')
    socket.ack(socket.sent[0].id, socket.sent[0].jid, 2) // late server ack: no going back
    await new Promise((r) => setTimeout(r, 200))
    assert.equal(await statusOf(), 'read')

    // A photo goes as WhatsApp media with the words as its caption.
    const uploaded = await visit(client, 'attachments.store')
      .bearerToken(agent.token)
      .file('file', png(4), { filename: 'label.png' })
    await visit(client, 'conversations.messages.store', { id: conversationId })
      .bearerToken(agent.token)
      .json({ body: 'the label', attachmentIds: [uploaded.body().id] })
    await until(() => socket.sent.length === 2, 'the photo', 20_000)
    const photo = socket.sent[1].content as any
    assert.equal(photo.caption, 'the label')
    assert.isTrue(Buffer.isBuffer(photo.image))
  }).timeout(40_000)

  test('pacing: the interval holds messages back, the daily cap stops them until tomorrow', async ({
    client,
    assert,
  }) => {
    const { admin, agent, number } = await setup(client)
    await visit(client, 'whatsapp.numbers.update', { id: number.id })
      .bearerToken(admin.token)
      .json({ pacing: { minIntervalSeconds: 2, jitterSeconds: 0, dailyCap: 2, warmupDays: 1 } })
      .then((r: any) => r.assertStatus(200))
    await pairAndOpen(client, network, admin.token, number.id)
    const socket = network.latest()
    const started = await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({ channel: 'whatsapp', contact: { phone: EVA }, body: 'one' })
    for (const body of ['two', 'three']) {
      await visit(client, 'conversations.messages.store', { id: started.body().id })
        .bearerToken(agent.token)
        .json({ body })
    }
    await until(() => socket.sent.length === 2, 'two sends', 15_000)
    // Each send is recorded (its WhatsApp id) just after the socket took it.
    const recorded = async () => {
      const [{ n }] = await db
        .connection('operator')
        .from('messages')
        .where('conversation_id', started.body().id)
        .whereNotNull('external_id')
        .count('* as n')
      return Number(n)
    }
    await until(async () => (await recorded()) === 2, 'both sends recorded', 5000)
    assert.equal(await recorded(), 2)
    await new Promise((r) => setTimeout(r, 2500))
    // The cap of 2 a day holds the third back, still pending, queued for after midnight.
    assert.equal(socket.sent.length, 2)
    const third = (
      await visit(client, 'conversations.messages.index', { id: started.body().id }).bearerToken(
        agent.token
      )
    ).body().data[0]
    assert.include(third, { body: 'three', status: 'pending' })
  }).timeout(40_000)

  test('a phone that unlinks the device is shown logged out and not retried; reconnect starts over', async ({
    client,
    assert,
  }) => {
    const { admin, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const sockets = network.sockets.length
    network.latest().unlink()
    const out = await until(async () => {
      const n = await numberOf(client, admin.token, number.id)
      return n.status === 'logged_out' ? n : null
    }, 'logged out')
    assert.equal(out.reason, 'logged_out')
    await new Promise((r) => setTimeout(r, 500))
    assert.equal(network.sockets.length, sockets)
    const left = await db
      .connection('operator')
      .from('whatsapp_auth')
      .where('number_id', number.id)
      .count('* as n')
    assert.equal(Number(left[0].n), 0)

    const again = await visit(client, 'whatsapp.numbers.reconnect', { id: number.id }).bearerToken(
      admin.token
    )
    again.assertStatus(200)
    await until(async () => (await numberOf(client, admin.token, number.id)).qr, 'a new QR')
  })

  test('why a number is not connected: a stable reason next to WhatsApp’s message, live and in the API', async ({
    client,
    assert,
  }) => {
    const { admin, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const channel = channelNames.whatsapp(admin.tenantId, admin.workspaceId)
    /** Closes the live socket with an error shaped as Baileys' (a Boom: status code, data). */
    const closeWith = (message: string, statusCode: number, data?: unknown) =>
      network.latest().emit('connection.update', {
        connection: 'close',
        lastDisconnect: {
          error: Object.assign(new Error(message), { output: { statusCode }, data }),
          date: new Date(),
        },
      })
    const published = async (reason: string) =>
      (await eventsAfter(channel, undefined, 200)).events.find(
        (e) => (e.data as any).reason === reason
      )?.data as any

    // The server has no DNS: Baileys reports a 408 "WebSocket Error"; the number retries.
    let sockets = network.sockets.length
    const dns = 'WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)'
    closeWith(dns, 408, { code: 'ENOTFOUND', syscall: 'getaddrinfo' })
    assert.include(await until(() => published('network_unreachable'), 'the reason, live'), {
      numberId: number.id,
      status: 'closed',
      error: dns,
    })
    await until(() => network.sockets.length > sockets, 'a retry')
    const back = await until(async () => {
      const n = await numberOf(client, admin.token, number.id)
      return n.status === 'open' ? n : null
    }, 'open again')
    assert.include(back, { reason: null, error: null })

    // Another session took the device over: retried too.
    sockets = network.sockets.length
    closeWith('Stream Errored (conflict)', 440)
    assert.include(await until(() => published('replaced'), 'replaced, live'), {
      status: 'closed',
    })
    await until(() => network.sockets.length > sockets, 'a retry after a replacement')
    await until(
      async () => (await numberOf(client, admin.token, number.id)).status === 'open',
      'open after the replacement'
    )

    // Banned (403): shown logged out with its reason, and not retried.
    sockets = network.sockets.length
    closeWith('Connection Failure', 403, { reason: '403' })
    const banned = await until(async () => {
      const n = await numberOf(client, admin.token, number.id)
      return n.status === 'logged_out' ? n : null
    }, 'logged out')
    assert.include(banned, { reason: 'banned', error: 'Connection Failure' })
    await new Promise((r) => setTimeout(r, 1500))
    assert.equal(network.sockets.length, sockets, 'a banned number is not retried')

    // Linking again clears the reason.
    const again = await visit(client, 'whatsapp.numbers.reconnect', { id: number.id }).bearerToken(
      admin.token
    )
    again.assertStatus(200)
    assert.include(again.body(), { status: 'connecting', reason: null, error: null })
  })

  test('a dropped connection reconnects by itself; pairing by code instead of QR', async ({
    client,
    assert,
  }) => {
    const { admin, number } = await setup(client)
    await until(async () => (await numberOf(client, admin.token, number.id)).status === 'qr', 'qr')
    const code = await visit(client, 'whatsapp.numbers.pairingCode', { id: number.id })
      .bearerToken(admin.token)
      .json({ phone: OURS })
    code.assertStatus(200)
    assert.equal(code.body().code, '0000ABCD')
    assert.equal((await numberOf(client, admin.token, number.id)).pairingCode, '0000ABCD')
    network.latest().pair(OURS)
    await until(
      async () => (await numberOf(client, admin.token, number.id)).status === 'open',
      'open'
    )
    const before = network.sockets.length
    network.latest().drop()
    await until(() => network.sockets.length > before, 'a reconnect')
    await until(
      async () => (await numberOf(client, admin.token, number.id)).status === 'open',
      'open again'
    )
    assert.isAbove(network.sockets.length, before)
  })

  test('numbers: admins manage, agents read, other workspaces and tenants get 404, bad input 422', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, agent, number } = await setup(client)
    ;(
      await visit(client, 'whatsapp.numbers.store').bearerToken(agent.token).json({ label: 'x' })
    ).assertStatus(403)
    ;(await visit(client, 'whatsapp.numbers.index').bearerToken(agent.token)).assertStatus(200)
    const bad = await visit(client, 'whatsapp.numbers.store')
      .bearerToken(admin.token)
      .json({ label: '', pacing: { dailyCap: 0 } })
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().error.details.map((d: any) => d.field),
      ['label', 'pacing.dailyCap']
    )
    // A blank label reaches the validator as null (the body parser trims it and turns '' into
    // null): it was 200 with the label silently kept.
    for (const label of [' ', '', null]) {
      const blank = await visit(client, 'whatsapp.numbers.update', { id: number.id })
        .bearerToken(admin.token)
        .json({ label })
      assert.equal(blank.status(), 422, JSON.stringify(label))
      assert.deepEqual(
        blank.body().error.details.map((d: any) => d.field),
        ['label']
      )
    }
    assert.equal((await numberOf(client, admin.token, number.id)).label, 'Sales')
    ;(
      await visit(client, 'whatsapp.numbers.pairingCode', { id: number.id })
        .bearerToken(admin.token)
        .json({ phone: '123' })
    ).assertStatus(422)
    const other = await mintSession(client, tenant.secretKey, {
      workspace: 'other',
      user: 'o',
      role: 'owner',
    })
    const stranger = await mintSession(client, (await makeTenant('S')).secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'owner',
    })
    for (const session of [other, stranger]) {
      ;(
        await visit(client, 'whatsapp.numbers.show', { id: number.id }).bearerToken(session.token)
      ).assertStatus(404)
      ;(
        await visit(client, 'whatsapp.numbers.update', { id: number.id })
          .bearerToken(session.token)
          .json({ label: 'x' })
      ).assertStatus(404)
      ;(
        await visit(client, 'whatsapp.numbers.destroy', { id: number.id }).bearerToken(
          session.token
        )
      ).assertStatus(404)
      assert.deepEqual(
        (await visit(client, 'whatsapp.numbers.index').bearerToken(session.token)).body().data,
        []
      )
    }
    const noNumber = await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({ channel: 'whatsapp', contact: { email: 'x@y.test' }, body: 'hi' })
    noNumber.assertStatus(422)
    ;(
      await visit(client, 'whatsapp.numbers.destroy', { id: number.id }).bearerToken(admin.token)
    ).assertStatus(204)
  })
})

test.group('WhatsApp ownership across processes', () => {
  test('two worker processes never both run a number; when its owner dies the other takes it', async ({
    client,
    assert,
  }) => {
    await db.connection('operator').from('whatsapp_numbers').update({ status: 'logged_out' })
    const { number } = await setup(client)
    const workers: ChildProcess[] = []
    const events: { event: string; numberId?: string; pid: number }[] = []
    const start = () => {
      const child = spawn(
        process.execPath,
        ['--import=@poppinss/ts-exec', 'server/tests/doubles/whatsapp_worker.ts'],
        {
          env: { ...process.env, NODE_ENV: 'test' },
          stdio: ['ignore', 'pipe', 'inherit'],
        }
      )
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          events.push(JSON.parse(line))
        } catch {}
      })
      workers.push(child)
      return child
    }
    try {
      const [a, b] = [start(), start()]
      await until(
        () => events.filter((e) => e.event === 'ready').length === 2,
        'two workers',
        30_000
      )
      const firstOwner = await until(
        () => events.find((e) => e.event === 'own' && e.numberId === number.id),
        'an owner'
      )
      await new Promise((r) => setTimeout(r, 1500))
      assert.lengthOf(
        events.filter((e) => e.event === 'own' && e.numberId === number.id),
        1
      )
      assert.match((await redis.get(ownerKey(number.id)))!, new RegExp(`:${firstOwner.pid}:`))

      const [dead, survivor] = firstOwner.pid === a.pid ? [a, b] : [b, a]
      dead.kill('SIGKILL')
      const taken = await until(
        () =>
          events.find(
            (e) => e.event === 'own' && e.numberId === number.id && e.pid === survivor.pid
          ),
        'the survivor to take over',
        10_000
      )
      assert.equal(taken.pid, survivor.pid)
    } finally {
      for (const w of workers) w.kill('SIGKILL')
    }
  }).timeout(60_000)
})

test.group('WhatsApp operator commands', (group) => {
  group.each.setup(async () => {
    ace.ui.switchMode('raw')
    await db.connection('operator').from('whatsapp_numbers').update({ status: 'logged_out' })
    return () => ace.ui.switchMode('normal')
  })

  async function run(command: any, args: string[]) {
    const instance = await ace.create(command, args)
    const before = instance.logger.getLogs().length
    await instance.exec()
    const logs = instance.logger
      .getLogs()
      .slice(before)
      .map((l: { message: string }) => l.message)
    return { instance, logs }
  }

  test('list shows who runs a number, handover moves it to another worker, disconnect logs it out', async ({
    client,
    assert,
  }) => {
    const network = new TestWhatsApp()
    const options = {
      factory: network.factory,
      download: network.download,
      pollMs: 100,
      lockTtlMs: 3000,
    }
    const first = startWhatsAppSupervisor(options)
    const { admin, number } = await setup(client)
    await pairAndOpen(client, network, admin.token, number.id)
    const second = startWhatsAppSupervisor(options)
    try {
      const listed = await run(WhatsAppList, ['--json'])
      const row = JSON.parse(listed.logs.join('\n')).find((n: any) => n.id === number.id)
      assert.include(row, { status: 'open', owner: first.owner })

      const moved = await run(WhatsAppHandover, [number.id])
      assert.match(
        moved.logs.join('\n'),
        new RegExp(`moved from ${first.owner} to ${second.owner}`)
      )
      assert.deepEqual(first.owned(), [])
      assert.deepEqual(second.owned(), [number.id])
      // Resumed from the stored credentials on the other worker: open again, no QR.
      await until(
        async () => (await numberOf(client, admin.token, number.id)).status === 'open',
        'open on the second worker'
      )

      await run(WhatsAppDisconnect, [number.id])
      const out = await until(async () => {
        const n = await numberOf(client, admin.token, number.id)
        return n.status === 'logged_out' ? n : null
      }, 'logged out')
      assert.equal(out.reason, 'disconnected')
      await until(() => second.owned().length === 0, 'the number released')
      const missing = await run(WhatsAppDisconnect, ['0192f000-0000-7000-8000-000000000000'])
      assert.equal(missing.instance.exitCode, 1)
    } finally {
      await first.stop()
      await second.stop()
    }
  }).timeout(30_000)
})
