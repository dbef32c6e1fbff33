import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, ORIGIN, relayed, until, visit } from '#tests/helpers'
import { TestWhatsApp, incoming } from '#tests/doubles/whatsapp_transport'
import { startWhatsAppSupervisor } from '#services/whatsapp/supervisor'
import { withTenant } from '#services/tenant_context'

type Client = any

const EN_OUT =
  "You're unsubscribed and won't get more campaign messages. Reply START to subscribe again."
const ES_OUT =
  'Te has dado de baja y no recibirás más mensajes de campañas. Responde ALTA para volver a suscribirte.'

/** A tenant whose workspace `acme` takes web visitors, with an agent (Ana). */
async function setup(client: Client) {
  const tenant = await makeTenant()
  const ana = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'ana',
    role: 'agent',
  })
  ;(
    await patchWorkspace(client, tenant.secretKey, ana.workspaceId, { webChat: { enabled: true } })
  ).assertStatus(200)
  return { tenant, ana }
}

const patchWorkspace = (client: Client, key: string, id: string, body: unknown) =>
  visit(client, 'workspaces.update', { id }).bearerToken(key).json(body)

const as = (request: any, token: string) => request.bearerToken(token).header('origin', ORIGIN)

/** A web visitor (its browser in `language`) who starts a conversation saying `first`. */
async function visitorSays(client: Client, key: string, first: string, language?: string) {
  const arrived = await visit(client, 'chat.visitors.store')
    .qs({ key })
    .header('origin', ORIGIN)
    .json({ workspace: 'acme', ...(language ? { visitor: { language } } : {}) })
  arrived.assertStatus(201)
  const visitor = arrived.body() as { token: string; contactId: string }
  const started = await as(visit(client, 'chat.conversations.store'), visitor.token).json({
    body: first,
  })
  started.assertStatus(201)
  const conversationId = started.body().id as string
  return {
    ...visitor,
    conversationId,
    say: async (body: string) =>
      (
        await as(
          visit(client, 'chat.conversations.messages.store', { id: conversationId }),
          visitor.token
        ).json({ body })
      ).assertStatus(201),
    /** What the visitor's chat shows, oldest first: [who, body]. */
    feed: async () => {
      const page = await as(
        visit(client, 'chat.conversations.messages.index', { id: conversationId }),
        visitor.token
      )
      return (page.body().data as any[])
        .map((m) => [m.direction === 'inbound' ? 'me' : 'team', m.body])
        .reverse()
    },
  }
}

const contactOf = async (client: Client, token: string, id: string) =>
  (await visit(client, 'contacts.show', { id }).bearerToken(token)).body()

test.group('Opt-out words in inbound messages', () => {
  test('web chat: "¡Baja!" opts out and answers once in Spanish; again, nothing; ALTA opts back in', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const eva = await visitorSays(client, tenant.publishableKey, '¡Baja!', 'es-ES')
    const out = await contactOf(client, ana.token, eva.contactId)
    assert.isTrue(out.optedOut)
    assert.isString(out.optedOutAt)
    assert.deepEqual(await eva.feed(), [
      ['me', '¡Baja!'],
      ['team', ES_OUT],
    ])

    await eva.say('BAJA')
    await eva.say('stop')
    const still = await contactOf(client, ana.token, eva.contactId)
    assert.equal(still.optedOutAt, out.optedOutAt)
    assert.lengthOf(await eva.feed(), 4) // two words, no second confirmation

    await eva.say('alta')
    assert.isFalse((await contactOf(client, ana.token, eva.contactId)).optedOut)
    assert.deepEqual((await eva.feed()).slice(-2), [
      ['me', 'alta'],
      ['team', 'Te has vuelto a suscribir.'],
    ])
    await eva.say('START')
    assert.lengthOf(await eva.feed(), 7) // already in: no answer

    // The inbox sees the confirmation as the workspace's (no member) outbound message.
    const thread = await visit(client, 'conversations.messages.index', {
      id: eva.conversationId,
    }).bearerToken(ana.token)
    const confirmations = (thread.body().data as any[]).filter((m) => m.direction === 'outbound')
    assert.lengthOf(confirmations, 2)
    assert.isTrue(confirmations.every((m) => m.authorMemberId === null && m.status === 'sent'))
  })

  test('a sentence with "stop" in it does nothing; the confirmation is in the visitor’s language, else the word’s', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const leo = await visitorSays(client, tenant.publishableKey, 'Please stop sending me offers')
    await leo.say('don’t stop')
    await leo.say('STOP STOP')
    assert.isFalse((await contactOf(client, ana.token, leo.contactId)).optedOut)
    assert.lengthOf(await leo.feed(), 3)

    await leo.say('  Stop. 🙏 ')
    assert.isTrue((await contactOf(client, ana.token, leo.contactId)).optedOut)
    assert.deepEqual((await leo.feed()).at(-1), ['team', EN_OUT])
    // A Spanish browser writing STOP is answered in Spanish (its known language); PARAR from
    // someone of unknown language, too (the word's); a German browser's STOP in English.
    const sofia = await visitorSays(client, tenant.publishableKey, 'STOP', 'es-MX')
    assert.deepEqual((await sofia.feed()).at(-1), ['team', ES_OUT])
    const rui = await visitorSays(client, tenant.publishableKey, 'parar')
    assert.deepEqual((await rui.feed()).at(-1), ['team', ES_OUT])
    const jan = await visitorSays(client, tenant.publishableKey, 'STOP', 'de-DE')
    assert.deepEqual((await jan.feed()).at(-1), ['team', EN_OUT])
  })

  test('two STOPs at once opt out once and answer once', async ({ client, assert }) => {
    const { tenant, ana } = await setup(client)
    const eva = await visitorSays(client, tenant.publishableKey, 'hello')
    await Promise.all([eva.say('STOP'), eva.say('stop'), eva.say('Stop!')])
    assert.isTrue((await contactOf(client, ana.token, eva.contactId)).optedOut)
    const feed = await eva.feed()
    assert.lengthOf(
      feed.filter(([who]) => who === 'team'),
      1
    )
  })

  test("a workspace's own words and confirmations; replacing the built-in ones; turned off", async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const defaults = await visit(client, 'workspaces.show', { id: ana.workspaceId }).bearerToken(
      tenant.secretKey
    )
    assert.deepEqual(defaults.body().campaignOptOut, {
      enabled: true,
      optOutWords: [],
      optInWords: [],
      replaceDefaults: false,
      optOutReply: null,
      optInReply: null,
    })
    const set = await patchWorkspace(client, tenant.secretKey, ana.workspaceId, {
      campaignOptOut: { optOutWords: ['Abmelden', 'no more'], optOutReply: 'Abgemeldet.' },
    })
    set.assertStatus(200)
    assert.deepEqual(set.body().campaignOptOut.optOutWords, ['ABMELDEN', 'NO MORE'])

    const hans = await visitorSays(client, tenant.publishableKey, 'abmelden!')
    assert.isTrue((await contactOf(client, ana.token, hans.contactId)).optedOut)
    assert.deepEqual((await hans.feed()).at(-1), ['team', 'Abgemeldet.'])
    // The built-in words still count, with the workspace's text; opt-in keeps the default.
    const mia = await visitorSays(client, tenant.publishableKey, 'No more')
    assert.deepEqual((await mia.feed()).at(-1), ['team', 'Abgemeldet.'])
    await mia.say('start')
    assert.deepEqual((await mia.feed()).at(-1), ['team', "You're subscribed again."])

    // Only the workspace's words: STOP is an ordinary message now. Only what is named changed.
    const only = await patchWorkspace(client, tenant.secretKey, ana.workspaceId, {
      campaignOptOut: { replaceDefaults: true },
    })
    assert.include(only.body().campaignOptOut, {
      replaceDefaults: true,
      optOutReply: 'Abgemeldet.',
    })
    const tom = await visitorSays(client, tenant.publishableKey, 'STOP')
    assert.isFalse((await contactOf(client, ana.token, tom.contactId)).optedOut)
    assert.lengthOf(await tom.feed(), 1)

    await patchWorkspace(client, tenant.secretKey, ana.workspaceId, {
      campaignOptOut: { enabled: false },
    })
    const kim = await visitorSays(client, tenant.publishableKey, 'abmelden')
    assert.isFalse((await contactOf(client, ana.token, kim.contactId)).optedOut)
    assert.lengthOf(await kim.feed(), 1)

    // Audited; bad input is 422 per field; another tenant's workspace is 404.
    const audit = await db
      .connection('operator')
      .from('audit_events')
      .where('workspace_id', ana.workspaceId)
      .where('action', 'workspace.campaign_opt_out_changed')
    assert.lengthOf(audit, 3)
    const bad = await patchWorkspace(client, tenant.secretKey, ana.workspaceId, {
      campaignOptOut: {
        optOutWords: ['!!!', 'x'.repeat(41)],
        optInWords: 'START',
        optOutReply: 'x'.repeat(501),
        enabled: 'yes',
        extra: 1,
      },
    })
    bad.assertStatus(422)
    assert.includeMembers(
      (bad.body().error.details as any[]).map((d) => d.field),
      [
        'campaignOptOut.optOutWords.0',
        'campaignOptOut.optOutWords.1',
        'campaignOptOut.optInWords',
        'campaignOptOut.optOutReply',
        'campaignOptOut.enabled',
      ]
    )
    const both = await patchWorkspace(client, tenant.secretKey, ana.workspaceId, {
      campaignOptOut: { optInWords: ['abmelden'] },
    })
    both.assertStatus(422)
    assert.equal(both.body().error.details[0].field, 'campaignOptOut.optInWords')
    const stranger = await makeTenant('Other')
    ;(
      await patchWorkspace(client, stranger.secretKey, ana.workspaceId, {
        campaignOptOut: { enabled: true },
      })
    ).assertStatus(404)
  })

  test('opting out ends queued drip steps (exited, optedOut); broadcasts are left to the dispatcher', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const eva = await visitorSays(client, tenant.publishableKey, 'hi')
    const place = { tenantId: ana.tenantId, workspaceId: ana.workspaceId }
    const ids = await withTenant(place, async (trx) => {
      const out: Record<string, string> = {}
      for (const kind of ['drip', 'broadcast']) {
        const campaignId = uuidv7()
        await trx.table('campaigns').insert({
          tenant_id: ana.tenantId,
          workspace_id: ana.workspaceId,
          id: campaignId,
          name: kind,
          kind,
          channel: 'web',
          audience: JSON.stringify({ contactIds: [eva.contactId] }),
          steps: JSON.stringify([]),
          status: 'running',
        })
        out[kind] = uuidv7()
        await trx.table('campaign_recipients').insert({
          tenant_id: ana.tenantId,
          workspace_id: ana.workspaceId,
          id: out[kind],
          campaign_id: campaignId,
          contact_id: eva.contactId,
          step: 1,
        })
      }
      return out
    })
    await eva.say('UNSUBSCRIBE')
    const rows = await db
      .connection('operator')
      .from('campaign_recipients')
      .whereIn('id', Object.values(ids))
    const byId = new Map(rows.map((r) => [r.id, r]))
    assert.include(byId.get(ids.drip), { status: 'exited', reason: 'optedOut' })
    assert.include(byId.get(ids.broadcast), { status: 'queued', reason: null })
  })
})

test.group('PATCH /v1/contacts/:id { optedOut }', () => {
  test('agents and admins set and clear it, viewers may not; bad values 422; other workspaces and tenants 404', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const roles = async (role: 'agent' | 'admin' | 'viewer', workspace = 'acme') =>
      mintSession(client, tenant.secretKey, { workspace, user: `${role}-${workspace}`, role })
    const agent = await roles('agent')
    const admin = await roles('admin')
    const viewer = await roles('viewer')
    const created = await visit(client, 'contacts.store')
      .bearerToken(agent.token)
      .json({ name: 'Eva', phone: '+5511987650001' })
    created.assertStatus(201)
    assert.include(created.body(), { optedOut: false, optedOutAt: null })
    const id = created.body().id
    const patch = (token: string, body: unknown) =>
      visit(client, 'contacts.update', { id }).bearerToken(token).json(body)

    const out = await patch(agent.token, { optedOut: true })
    out.assertStatus(200)
    assert.isTrue(out.body().optedOut)
    const since = out.body().optedOutAt
    assert.isString(since)
    // Again: it stays opted out since the first time; other fields change alongside.
    const again = await patch(admin.token, { optedOut: true, name: 'Eva Lima' })
    assert.include(again.body(), { optedOut: true, optedOutAt: since, name: 'Eva Lima' })
    const shown = (await visit(client, 'contacts.show', { id }).bearerToken(viewer.token)).body()
    assert.include(shown, { optedOut: true, optedOutAt: since })

    const denied = await patch(viewer.token, { optedOut: false })
    denied.assertStatus(403)
    const back = await patch(admin.token, { optedOut: false })
    assert.include(back.body(), { optedOut: false, optedOutAt: null })

    const bad = await patch(agent.token, { optedOut: 'yes' })
    bad.assertStatus(422)
    assert.equal(bad.body().error.details[0].field, 'optedOut')
    ;(await patch(agent.token, { optedOut: 1 })).assertStatus(422)

    const elsewhere = await roles('admin', 'other-co')
    ;(await patch(elsewhere.token, { optedOut: true })).assertStatus(404)
    const stranger = await makeTenant('Other')
    const outsider = await mintSession(client, stranger.secretKey, {
      workspace: 'acme',
      role: 'owner',
    })
    ;(await patch(outsider.token, { optedOut: true })).assertStatus(404)
    ;(
      await visit(client, 'contacts.update', { id: 'not-a-uuid' })
        .bearerToken(agent.token)
        .json({ optedOut: true })
    ).assertStatus(404)
    assert.isFalse(
      (await visit(client, 'contacts.show', { id }).bearerToken(agent.token)).body().optedOut
    )
  })
})

test.group('Opt-out words on WhatsApp', (group) => {
  let network: TestWhatsApp
  let supervisor: ReturnType<typeof startWhatsAppSupervisor>
  group.each.setup(async () => {
    // Only this test's number runs: earlier tests' numbers are retired first.
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

  test('STOP opts out and the confirmation goes out through the number; STOP again sends nothing; START opts back in', async ({
    client,
    assert,
  }) => {
    const EVA = '+5511987650001'
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const created = await visit(client, 'whatsapp.numbers.store')
      .bearerToken(admin.token)
      .json({ label: 'Sales', pacing: { minIntervalSeconds: 1, jitterSeconds: 0 } })
    created.assertStatus(201)
    const numberId = created.body().id
    await until(async () => {
      const n = (
        await visit(client, 'whatsapp.numbers.show', { id: numberId }).bearerToken(admin.token)
      ).body()
      return n.status === 'qr' && n.qr
    }, 'a QR code')
    network.latest().pair('+5511912340000')
    await until(
      async () =>
        (
          await visit(client, 'whatsapp.numbers.show', { id: numberId }).bearerToken(admin.token)
        ).body().status === 'open',
      'the number to open'
    )
    const socket = network.latest()
    const contactId = async () =>
      (
        await db
          .connection('operator')
          .from('contacts')
          .where('tenant_id', admin.tenantId)
          .where('phone', EVA)
          .first()
      )?.id as string | undefined

    socket.receive([incoming(EVA, { conversation: 'STOP' })])
    await until(() => socket.sent.length === 1, 'the confirmation', 15_000)
    assert.deepEqual(socket.sent[0].content, { text: EN_OUT })
    assert.equal(socket.sent[0].jid, '5511987650001@s.whatsapp.net')
    const id = await contactOf(client, admin.token, (await contactId())!)
    assert.isTrue(id.optedOut)

    socket.receive([incoming(EVA, { conversation: 'stop' })])
    socket.receive([incoming(EVA, { conversation: 'Stop sending me this please' })])
    await until(
      async () =>
        Number(
          (
            await db
              .connection('operator')
              .from('messages')
              .where('tenant_id', admin.tenantId)
              .where('direction', 'inbound')
              .count('* as n')
          )[0].n
        ) === 3,
      'the other messages'
    )
    await relayed()
    socket.receive([incoming(EVA, { conversation: 'Start' })])
    await until(() => socket.sent.length === 2, 'the opt-in confirmation', 15_000)
    assert.deepEqual(socket.sent[1].content, { text: "You're subscribed again." })
    assert.isFalse((await contactOf(client, admin.token, (await contactId())!)).optedOut)
    const confirmations = await db
      .connection('operator')
      .from('messages')
      .where('tenant_id', admin.tenantId)
      .where('direction', 'outbound')
    assert.lengthOf(confirmations, 2)
  }).timeout(40_000)
})
