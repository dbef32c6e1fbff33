import { test } from '@japa/runner'
import { eventsAfter, makeTenant, ORIGIN, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'

type Client = any

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

/** A member of `workspace` with a name of their own (mintSession names everyone Ana). */
async function member(
  client: Client,
  secretKey: string,
  user: { id: string; name?: string; role?: string; avatarUrl?: string },
  workspace = 'acme'
) {
  const response = await visit(client, 'sessions.store')
    .bearerToken(secretKey)
    .json({
      workspace: { id: workspace, name: workspace === 'acme' ? 'Acme Co' : 'Other Co' },
      user: { role: 'agent', ...user },
    })
  response.assertStatus(201)
  return response.body() as { token: string; workspaceId: string; userId: string; tenantId: string }
}

async function setup(client: Client, { enabled = true } = {}) {
  const tenant = await makeTenant('Reseller Internal Name')
  const ana = await member(client, tenant.secretKey, { id: 'ana', name: 'Ana Lima' })
  if (enabled) {
    await patch(client, tenant.secretKey, ana.workspaceId, { webChat: { enabled: true } })
  }
  return { tenant, ana }
}

const patch = (client: Client, key: string, id: string, body: unknown) =>
  visit(client, 'workspaces.update', { id }).bearerToken(key).json(body)

const profile = (client: Client, key: string, workspace = 'acme') =>
  visit(client, 'chat.workspaces.show', { id: workspace }).qs({ key }).header('origin', ORIGIN)

async function arrive(
  client: Client,
  key: string,
  body: Record<string, unknown>,
  userAgent = CHROME_MAC
) {
  return visit(client, 'chat.visitors.store')
    .qs({ key })
    .header('origin', ORIGIN)
    .header('user-agent', userAgent)
    .json({ workspace: 'acme', ...body })
}

const as = (request: any, token: string) => request.bearerToken(token).header('origin', ORIGIN)

test.group('Web chat settings (secret key)', () => {
  test('sets the team name, reply time, pre-chat form and email prompt; only what is named changes', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const before = await visit(client, 'workspaces.show', { id: ana.workspaceId }).bearerToken(
      tenant.secretKey
    )
    assert.deepEqual(before.body().webChat, {
      enabled: true,
      teamName: null,
      replyTime: 'minutes',
      preChat: { ask: 'off', required: false },
      emailCaptureSeconds: 120,
    })
    const changed = await patch(client, tenant.secretKey, ana.workspaceId, {
      webChat: {
        teamName: 'Acme Support',
        replyTime: 'hour',
        preChat: { ask: 'nameAndEmail', required: true },
        emailCaptureSeconds: 300,
      },
    })
    changed.assertStatus(200)
    assert.deepEqual(changed.body().webChat, {
      enabled: true,
      teamName: 'Acme Support',
      replyTime: 'hour',
      preChat: { ask: 'nameAndEmail', required: true },
      emailCaptureSeconds: 300,
    })
    const partly = await patch(client, tenant.secretKey, ana.workspaceId, {
      webChat: { preChat: { ask: 'email' }, emailCaptureSeconds: null, teamName: null },
    })
    assert.deepEqual(partly.body().webChat, {
      enabled: true,
      teamName: null,
      replyTime: 'hour',
      preChat: { ask: 'email', required: true },
      emailCaptureSeconds: null,
    })
    const log = await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)
    const audited = log
      .body()
      .data.filter((e: any) => e.action === 'workspace.chat_settings_changed')
    assert.lengthOf(audited, 2)
  })

  test('refuses bad settings with a detail per field (422)', async ({ client, assert }) => {
    const { tenant, ana } = await setup(client)
    const cases: [unknown, string][] = [
      [{ replyTime: 'week' }, 'webChat.replyTime'],
      [{ preChat: { ask: 'phone' } }, 'webChat.preChat.ask'],
      [{ preChat: { required: 'yes' } }, 'webChat.preChat.required'],
      [{ emailCaptureSeconds: 10 }, 'webChat.emailCaptureSeconds'],
      [{ emailCaptureSeconds: 100_000 }, 'webChat.emailCaptureSeconds'],
      [{ emailCaptureSeconds: '120' }, 'webChat.emailCaptureSeconds'],
      [{ emailCaptureSeconds: 90.5 }, 'webChat.emailCaptureSeconds'],
      [{ teamName: 42 }, 'webChat.teamName'],
      [{ teamName: 'x'.repeat(81) }, 'webChat.teamName'],
      [{ greeting: 'hi' }, 'webChat.greeting'],
      [{ preChat: { ask: 'email', fields: [] } }, 'webChat.preChat.fields'],
      // Blank reaches the validator as null (the body parser): it was 200, unchanged.
      [{ replyTime: ' ' }, 'webChat.replyTime'],
      [{ replyTime: null }, 'webChat.replyTime'],
      [{ preChat: { ask: '' } }, 'webChat.preChat.ask'],
    ]
    for (const [webChat, field] of cases) {
      const response = await patch(client, tenant.secretKey, ana.workspaceId, { webChat })
      assert.equal(response.status(), 422, JSON.stringify(webChat))
      assert.equal(response.body().error.code, 'VALIDATION_ERROR')
      assert.equal(response.body().error.details[0].field, field, JSON.stringify(webChat))
    }
    // Every bad field in one answer: an unknown one beside invalid ones.
    const many = await patch(client, tenant.secretKey, ana.workspaceId, {
      webChat: { replyTime: 'soon', emailCaptureSeconds: '120', bogus: 1 },
    })
    assert.equal(many.status(), 422)
    assert.sameMembers(
      many.body().error.details.map((d: { field: string }) => d.field),
      ['webChat.bogus', 'webChat.replyTime', 'webChat.emailCaptureSeconds']
    )
    const unchanged = await visit(client, 'workspaces.show', { id: ana.workspaceId }).bearerToken(
      tenant.secretKey
    )
    assert.equal(unchanged.body().webChat.replyTime, 'minutes')
  })

  test("answers 404 for another tenant's workspace and 401 for a session token", async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const other = await makeTenant('Other')
    const theirs = await member(client, other.secretKey, { id: 'zoe', name: 'Zoe' })
    const foreign = await patch(client, tenant.secretKey, theirs.workspaceId, {
      webChat: { replyTime: 'day' },
    })
    foreign.assertStatus(404)
    assert.equal(foreign.body().error.code, 'NOT_FOUND')
    ;(
      await patch(client, other.secretKey, ana.workspaceId, { webChat: { replyTime: 'day' } })
    ).assertStatus(404)
    ;(
      await patch(client, tenant.secretKey, 'not-a-uuid', { webChat: { replyTime: 'day' } })
    ).assertStatus(404)
    ;(
      await patch(client, ana.token, ana.workspaceId, { webChat: { replyTime: 'day' } })
    ).assertStatus(401)
    const kept = await visit(client, 'workspaces.show', { id: theirs.workspaceId }).bearerToken(
      other.secretKey
    )
    assert.equal(kept.body().webChat.replyTime, 'minutes')
  })
})

test.group('Web chat profile (what a visitor sees before writing)', () => {
  test("shows the workspace's name, never the tenant's; the team's names only, online first", async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const bruno = await member(client, tenant.secretKey, { id: 'bruno', name: 'Bruno Silva' })
    await member(client, tenant.secretKey, { id: 'carla', name: 'Carla Dias', role: 'admin' })
    await member(client, tenant.secretKey, { id: 'dora', name: 'Dora Alves' })
    await member(client, tenant.secretKey, { id: 'vic', name: 'Vic Viewer', role: 'viewer' })

    const first = await profile(client, tenant.publishableKey)
    first.assertStatus(200)
    const body = first.body()
    assert.equal(body.name, 'Acme Co')
    assert.notInclude(JSON.stringify(body), 'Reseller Internal Name')
    assert.lengthOf(body.team, 3)
    assert.notInclude(
      body.team.map((m: any) => m.name),
      'Vic Viewer'
    )
    for (const shown of body.team)
      assert.deepEqual(Object.keys(shown).sort(), ['avatarUrl', 'name'])
    assert.notInclude(JSON.stringify(body), ana.userId)
    assert.isFalse(body.online)
    assert.deepInclude(body, {
      replyTime: 'minutes',
      preChat: { ask: 'off', required: false },
      emailCaptureSeconds: 120,
    })

    // Bruno opens his inbox: he is shown first, and the team is online.
    const beat = await visit(client, 'presence.store')
      .bearerToken(bruno.token)
      .json({ status: 'online' })
    assert.oneOf(beat.status(), [200, 204])
    await patch(client, tenant.secretKey, ana.workspaceId, {
      webChat: { teamName: 'Acme Help Desk', replyTime: 'day' },
    })
    const later = (await profile(client, tenant.publishableKey)).body()
    assert.equal(later.team[0].name, 'Bruno Silva')
    assert.isTrue(later.online)
    assert.equal(later.name, 'Acme Help Desk')
    assert.equal(later.replyTime, 'day')
  })

  test("answers 404 for a workspace without web chat, unknown, or another tenant's", async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client, { enabled: false })
    const off = await profile(client, tenant.publishableKey)
    off.assertStatus(404)
    assert.equal(off.body().error.code, 'NOT_FOUND')
    // Another workspace of the same tenant takes visitors; that opens nothing of acme's.
    const other = await member(client, tenant.secretKey, { id: 'zed', name: 'Zed' }, 'other-co')
    await patch(client, tenant.secretKey, other.workspaceId, { webChat: { enabled: true } })
    ;(await profile(client, tenant.publishableKey, 'other-co')).assertStatus(200)
    ;(await profile(client, tenant.publishableKey, 'acme')).assertStatus(404)
    ;(await profile(client, tenant.publishableKey, 'nope')).assertStatus(404)
    ;(await profile(client, tenant.publishableKey, 'bad id!')).assertStatus(404)

    // Another tenant's key never reaches this tenant's workspace, even by its name.
    await patch(client, tenant.secretKey, ana.workspaceId, { webChat: { enabled: true } })
    const stranger = await makeTenant('Stranger')
    ;(await profile(client, stranger.publishableKey, 'acme')).assertStatus(404)
    ;(
      await visit(client, 'chat.workspaces.show', { id: 'acme' })
        .qs({ key: tenant.publishableKey })
        .header('origin', 'https://evil.test')
    ).assertStatus(403)
    ;(await visit(client, 'chat.workspaces.show', { id: 'acme' })).assertStatus(401)
  })

  test("a signed-in user's chat reads its own workspace's profile with its token", async ({
    client,
    assert,
  }) => {
    const { tenant } = await setup(client, { enabled: false })
    const session = await visit(client, 'chat.sessions.store')
      .bearerToken(tenant.secretKey)
      .json({ workspace: { id: 'acme' }, contact: { id: 'user-1', name: 'Eva' } })
    session.assertStatus(201)
    const seen = await as(visit(client, 'chat.workspace.show'), session.body().token)
    seen.assertStatus(200)
    assert.equal(seen.body().name, 'Acme Co')
    assert.deepEqual(
      seen.body().team.map((m: any) => m.name),
      ['Ana Lima']
    )
    const ana = await member(client, tenant.secretKey, { id: 'ana', name: 'Ana Lima' })
    ;(await visit(client, 'chat.workspace.show').bearerToken(ana.token)).assertStatus(401)
  })
})

test.group('Web chat visitors told apart', () => {
  test('keeps browser, system, place, language and page (without its query) on the contact', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const arrived = await arrive(client, tenant.publishableKey, {
      visitor: {
        timeZone: 'Europe/Lisbon',
        language: 'pt-pt',
        page: 'https://shop.test/pricing?email=eva@x.test#plans',
      },
    })
    arrived.assertStatus(201)
    const { contactId, visitorToken, token } = arrived.body()
    const contact = await visit(client, 'contacts.show', { id: contactId }).bearerToken(ana.token)
    assert.deepEqual(contact.body().visitor, {
      browser: 'Chrome',
      os: 'macOS',
      city: 'Lisbon',
      country: 'PT',
      timeZone: 'Europe/Lisbon',
      language: 'pt-PT',
      page: 'https://shop.test/pricing',
    })

    // The inbox names them by place and browser; a search for those words finds them.
    const started = await as(visit(client, 'chat.conversations.store'), token).json({ body: 'Olá' })
    started.assertStatus(201)
    for (const q of ['Lisbon', 'chrome']) {
      const found = await visit(client, 'conversations.index').qs({ q }).bearerToken(ana.token)
      assert.deepEqual(
        found.body().data.map((c: any) => c.id),
        [started.body().id],
        `searching ${q}`
      )
    }
    const other = await visit(client, 'conversations.index')
      .qs({ q: 'Berlin' })
      .bearerToken(ana.token)
    assert.lengthOf(other.body().data, 0)

    // Back another day, in another browser and on another page: the latest visit counts.
    await arrive(
      client,
      tenant.publishableKey,
      { visitorToken, visitor: { timeZone: 'Asia/Calcutta', page: 'https://shop.test/cart' } },
      FIREFOX_LINUX
    )
    const again = await visit(client, 'contacts.show', { id: contactId }).bearerToken(ana.token)
    assert.deepInclude(again.body().visitor, {
      browser: 'Firefox',
      os: 'Linux',
      city: 'Kolkata',
      country: 'IN',
      page: 'https://shop.test/cart',
      language: null,
    })

    // The inbox's list carries it with the contact, so rows can say "Visitor from Kolkata · Firefox".
    await as(visit(client, 'chat.conversations.store'), token).json({
      body: 'hello',
      visitor: { timeZone: 'Etc/UTC', page: 'https://shop.test/help' },
    })
    const listed = await visit(client, 'conversations.index').bearerToken(ana.token)
    const row = listed.body().data.find((c: any) => c.contactId === contactId)
    assert.deepInclude(row.contact.visitor, {
      city: null,
      country: null,
      timeZone: 'UTC',
      page: 'https://shop.test/help',
    })
  })

  test('refuses what is not a time zone, a language or a web page (422); an empty report is fine', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'visitor.timeZone'],
      [{ timeZone: '+01:00' }, 'visitor.timeZone'],
      [{ timeZone: 42 }, 'visitor.timeZone'],
      [{ language: 'not a language!' }, 'visitor.language'],
      [{ page: 'javascript:alert(1)' }, 'visitor.page'],
      [{ page: `https://shop.test/${'a'.repeat(2100)}` }, 'visitor.page'],
      [{ referrer: 'https://x.test' }, 'visitor.referrer'],
    ]
    for (const [visitor, field] of cases) {
      const response = await arrive(client, tenant.publishableKey, { visitor })
      response.assertStatus(422)
      assert.equal(response.body().error.details[0].field, field, JSON.stringify(visitor))
    }
    const plain = await arrive(client, tenant.publishableKey, { visitor: {} }, '')
    plain.assertStatus(201)
    const contact = await visit(client, 'contacts.show', {
      id: plain.body().contactId,
    }).bearerToken(ana.token)
    assert.deepEqual(contact.body().visitor, {
      browser: null,
      os: null,
      city: null,
      country: null,
      timeZone: null,
      language: null,
      page: null,
    })
  })
})

test.group('Web chat visitors tell who they are', () => {
  test('the pre-chat form and the email prompt keep a name and an unverified email', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const eva = (await arrive(client, tenant.publishableKey, {})).body()
    const empty = await as(visit(client, 'chat.contact.show'), eva.token)
    assert.deepEqual(empty.body(), { name: null, email: null })

    const told = await as(visit(client, 'chat.contact.update'), eva.token).json({
      name: 'Eva Moreira',
      email: 'eva@x.test',
    })
    told.assertStatus(200)
    assert.deepEqual(told.body(), { name: 'Eva Moreira', email: 'eva@x.test' })
    const known = await visit(client, 'contacts.show', { id: eva.contactId }).bearerToken(ana.token)
    assert.equal(known.body().name, 'Eva Moreira')
    assert.isNull(known.body().email)
    assert.equal(known.body().attributes.unverifiedEmail, 'eva@x.test')
    assert.equal(known.body().attributes.source, 'web')

    for (const [body, field] of [
      [{ email: 'nope' }, 'email'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ phone: '+351912345678' }, 'phone'],
      // Blank reaches the validator as null (the body parser): it was 200, the old one kept.
      [{ name: ' ' }, 'name'],
      [{ name: null }, 'name'],
      [{ email: '' }, 'email'],
    ] as const) {
      const bad = await as(visit(client, 'chat.contact.update'), eva.token).json(body)
      assert.equal(bad.status(), 422, JSON.stringify(body))
      assert.equal(bad.body().error.details[0].field, field)
    }
    const kept = await as(visit(client, 'chat.contact.show'), eva.token)
    assert.deepEqual(kept.body(), { name: 'Eva Moreira', email: 'eva@x.test' })
    // Another visitor's token reads and writes only its own contact; a member's is refused.
    const leo = (await arrive(client, tenant.publishableKey, {})).body()
    assert.deepEqual((await as(visit(client, 'chat.contact.show'), leo.token)).body(), {
      name: null,
      email: null,
    })
    ;(await visit(client, 'chat.contact.show').bearerToken(ana.token)).assertStatus(401)
    ;(
      await visit(client, 'chat.contact.update').bearerToken(ana.token).json({ name: 'x' })
    ).assertStatus(401)
  })
})

test.group('Web chat replies name their author', () => {
  test("a member's reply carries their name and picture and nothing else of them; notes stay out", async ({
    client,
    assert,
  }) => {
    const { tenant } = await setup(client)
    // Ana's next session names her picture: visitors see it beside her replies.
    const picture = 'https://cdn.acme.test/ana.png'
    const ana = await member(client, tenant.secretKey, { id: 'ana', avatarUrl: picture })
    const eva = (await arrive(client, tenant.publishableKey, {})).body()
    const started = await as(visit(client, 'chat.conversations.store'), eva.token).json({
      body: 'Is it in stock?',
    })
    started.assertStatus(201)
    assert.isNull(started.body().message.author)
    assert.notProperty(started.body().message, 'authorMemberId')
    const id = started.body().id
    await visit(client, 'conversations.messages.store', { id })
      .bearerToken(ana.token)
      .json({ body: 'Yes, two left', idempotencyKey: 'a1' })
    await visit(client, 'conversations.messages.store', { id })
      .bearerToken(ana.token)
      .json({ body: 'VIP', type: 'note' })

    const thread = await as(visit(client, 'chat.conversations.messages.index', { id }), eva.token)
    const [reply, question] = thread.body().data
    assert.lengthOf(thread.body().data, 2)
    assert.deepEqual(reply.author, { name: 'Ana Lima', avatarUrl: picture })
    assert.isNull(question.author)
    for (const m of thread.body().data) {
      assert.notProperty(m, 'authorMemberId')
      assert.notProperty(m, 'authorContactId')
    }
    const sent = await as(
      visit(client, 'chat.conversations.messages.store', { id }),
      eva.token
    ).json({ body: 'Great' })
    assert.isNull(sent.body().author)

    // The live feed: the same shape, never a member id, never the note.
    const { events } = await eventsAfter(
      channelNames.contact(ana.tenantId, ana.workspaceId, eva.contactId),
      undefined,
      20
    )
    const created = events.filter((e) => e.type === 'message.created').map((e) => e.data as any)
    assert.deepEqual(
      created.map((m) => [m.body, m.author?.name ?? null]),
      [
        ['Is it in stock?', null],
        ['Yes, two left', 'Ana Lima'],
        ['Great', null],
      ]
    )
    assert.notInclude(JSON.stringify(events), ana.userId)
    // Members still see who wrote it by id, in their own thread.
    const forAna = await visit(client, 'conversations.messages.index', { id }).bearerToken(
      ana.token
    )
    assert.equal(
      forAna.body().data.find((m: any) => m.body === 'Yes, two left').authorMemberId,
      ana.userId
    )
  })
})
