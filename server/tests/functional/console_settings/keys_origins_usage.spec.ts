import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, ORIGIN, relayed, visit } from '#tests/helpers'

const config = (client: any, key: string, origin = ORIGIN) =>
  visit(client, 'embed.config').qs({ key }).header('origin', origin)

test.group('Keys', () => {
  test('creates a key shown once, lists keys without secrets, and the new key works', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const created = await visit(client, 'keys.store')
      .bearerToken(tenant.secretKey)
      .json({ type: 'secret', label: 'CI deploys' })
    created.assertStatus(201)
    const key = created.body()
    assert.match(key.key, /^sk_[0-9a-f]{32}[0-9A-Za-z]{32}$/)
    assert.equal(key.label, 'CI deploys')
    assert.equal(key.lastFour, key.key.slice(-4))
    assert.isNull(key.lastUsedAt)

    const list = await visit(client, 'keys.index').bearerToken(key.key)
    list.assertStatus(200)
    const listed = list.body().data
    assert.lengthOf(listed, 3)
    assert.notInclude(JSON.stringify(listed), key.key)
    assert.notProperty(listed[0], 'key')
    // Using it recorded when (at most once a minute per key).
    const again = (await visit(client, 'keys.index').bearerToken(key.key)).body().data
    assert.isString(again.find((k: any) => k.id === key.id).lastUsedAt)

    const pub = await visit(client, 'keys.store')
      .bearerToken(tenant.secretKey)
      .json({ type: 'publishable' })
    pub.assertStatus(201)
    assert.match(pub.body().key, /^pk_/)
    ;(await config(client, pub.body().key)).assertStatus(200)
  })

  test('revoking a key stops it at once; the audit log names it', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { key: secret, id } = (
      await visit(client, 'keys.store').bearerToken(tenant.secretKey).json({ type: 'secret' })
    ).body()
    const pub = (
      await visit(client, 'keys.store').bearerToken(tenant.secretKey).json({ type: 'publishable' })
    ).body()
    ;(await config(client, pub.key)).assertStatus(200)
    const session = await mintSession(client, secret)
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(200)

    ;(await visit(client, 'keys.destroy', { id }).bearerToken(tenant.secretKey)).assertStatus(204)
    ;(
      await visit(client, 'keys.destroy', { id: pub.id }).bearerToken(tenant.secretKey)
    ).assertStatus(204)
    const refused = await visit(client, 'workspaces.index').bearerToken(secret)
    refused.assertStatus(401)
    // Sessions the key minted end too (the existing revoke path's access:changed).
    await relayed()
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(401)
    ;(await config(client, pub.key)).assertStatus(401)
    const listed = (await visit(client, 'keys.index').bearerToken(tenant.secretKey)).body().data
    assert.isString(listed.find((k: any) => k.id === id).revokedAt)
    const log = (await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)).body()
    assert.include(
      log.data
        .filter((e: any) => e.action === 'key.revoked')
        .map((e: any) => e.target?.id ?? e.targetId),
      id
    )
    // Revoking again is harmless.
    ;(await visit(client, 'keys.destroy', { id }).bearerToken(tenant.secretKey)).assertStatus(204)
  })

  test("bad input is 422; another tenant's key is 404", async ({ client, assert }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    for (const body of [
      {},
      { type: 'admin' },
      { type: 'secret', label: 'x'.repeat(121) },
      { type: 'secret', x: 1 },
    ]) {
      const response = await visit(client, 'keys.store').bearerToken(tenant.secretKey).json(body)
      response.assertStatus(422)
    }
    const theirs = await visit(client, 'keys.destroy', { id: other.keyIds.secret }).bearerToken(
      tenant.secretKey
    )
    theirs.assertStatus(404)
    ;(
      await visit(client, 'keys.destroy', { id: 'nope' }).bearerToken(tenant.secretKey)
    ).assertStatus(404)
    // Still working.
    ;(await visit(client, 'keys.index').bearerToken(other.secretKey)).assertStatus(200)
    const mine = (await visit(client, 'keys.index').bearerToken(tenant.secretKey)).body().data
    assert.notInclude(
      mine.map((k: any) => k.id),
      other.keyIds.secret
    )
  })
})

test.group('Origins', () => {
  test('PUT replaces the list, normalised; the publishable key follows at once', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const shown = await visit(client, 'origins.show').bearerToken(tenant.secretKey)
    shown.assertBody({ origins: [ORIGIN] })
    ;(await config(client, tenant.publishableKey)).assertStatus(200)

    const put = await visit(client, 'origins.update')
      .bearerToken(tenant.secretKey)
      .json({
        origins: ['https://Shop.Acme.test:443', 'http://localhost:5173', 'https://shop.acme.test'],
      })
    put.assertStatus(200)
    put.assertBody({ origins: ['http://localhost:5173', 'https://shop.acme.test'] })
    ;(await config(client, tenant.publishableKey)).assertStatus(403)
    ;(await config(client, tenant.publishableKey, 'https://shop.acme.test')).assertStatus(200)
    const log = (await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)).body()
    assert.include(
      log.data.map((e: any) => e.action),
      'tenant.origins_changed'
    )
  })

  test("bad origins are 422 with the index; another tenant's list is untouched", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other', ['https://other.test'])
    const bad = await visit(client, 'origins.update')
      .bearerToken(tenant.secretKey)
      .json({ origins: ['https://ok.test', 'ftp://x.test', 'https://x.test/path'] })
    bad.assertStatus(422)
    assert.deepEqual(
      bad.body().error.details.map((d: any) => d.field),
      ['origins.1', 'origins.2']
    )
    ;(await visit(client, 'origins.update').bearerToken(tenant.secretKey).json({})).assertStatus(
      422
    )
    ;(
      await visit(client, 'origins.update').bearerToken(tenant.secretKey).json({ origins: 'x' })
    ).assertStatus(422)
    ;(
      await visit(client, 'origins.update').bearerToken(tenant.secretKey).json({ origins: [] })
    ).assertBody({ origins: [] })
    ;(await visit(client, 'origins.show').bearerToken(other.secretKey)).assertBody({
      origins: ['https://other.test'],
    })
  })

  test('an origin is one exact host and a real port: no wildcard, no port 0, no bad punycode', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const put = (origins: string[]) =>
      visit(client, 'origins.update').bearerToken(tenant.secretKey).json({ origins })
    // These were 200, stored as written (a browser never sends such an Origin).
    const bad = [
      'https://*.example.com',
      'https://%2A.example.com',
      'https://example.com:0',
      'https://xn--.com',
      'https://xn--zz.com',
      'https://shop.xn--a.com',
      'https://-shop.example.com',
      'https://a..b.example.com',
      'https://ex$mple.com',
    ]
    const refused = await put(['https://ok.test', ...bad])
    refused.assertStatus(422)
    assert.equal(refused.body().error.code, 'VALIDATION_ERROR')
    assert.deepEqual(
      refused.body().error.details.map((d: any) => d.field),
      bad.map((_, index) => `origins.${index + 1}`)
    )
    ;(await visit(client, 'origins.show').bearerToken(tenant.secretKey)).assertBody({
      origins: [ORIGIN],
    })
    const good = await put([
      'https://bücher.example',
      'https://xn--e1afmkfd.xn--p1ai:8443',
      'http://localhost:3000',
      'http://127.0.0.1:65535',
      'http://[::1]:1',
      'https://intranet',
      // Not a DNS host name, but browsers load pages from it and send it as the Origin.
      'https://my_app.example.com',
    ])
    good.assertStatus(200)
    assert.sameMembers(good.body().origins, [
      'https://xn--bcher-kva.example',
      'https://xn--e1afmkfd.xn--p1ai:8443',
      'http://localhost:3000',
      'http://127.0.0.1:65535',
      'http://[::1]:1',
      'https://intranet',
      'https://my_app.example.com',
    ])
  })
})

test.group('Workspaces search and suspension alias', () => {
  test('?q= finds by name or own id; { suspended } is { status } by another name', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    const alpha = await mintSession(client, tenant.secretKey, { workspace: 'alpha-co' })
    await mintSession(client, tenant.secretKey, { workspace: 'beta-co' })
    const theirs = await mintSession(client, other.secretKey, { workspace: 'alpha-co' })
    const search = await visit(client, 'workspaces.index')
      .qs({ q: 'ALPHA' })
      .bearerToken(tenant.secretKey)
    assert.deepEqual(
      search.body().data.map((w: any) => w.id),
      [alpha.workspaceId]
    )
    const none = await visit(client, 'workspaces.index')
      .qs({ q: '%' })
      .bearerToken(tenant.secretKey)
    assert.deepEqual(none.body().data, [])

    const suspend = await visit(client, 'workspaces.update', { id: alpha.workspaceId })
      .bearerToken(tenant.secretKey)
      .json({ suspended: true })
    suspend.assertStatus(200)
    assert.equal(suspend.body().status, 'suspended')
    await relayed()
    ;(await visit(client, 'me.show').bearerToken(alpha.token)).assertStatus(403)
    const resume = await visit(client, 'workspaces.update', { id: alpha.workspaceId })
      .bearerToken(tenant.secretKey)
      .json({ suspended: false })
    assert.equal(resume.body().status, 'active')
    ;(
      await visit(client, 'workspaces.update', { id: alpha.workspaceId })
        .bearerToken(tenant.secretKey)
        .json({ suspended: true, status: 'active' })
    ).assertStatus(422)
    ;(
      await visit(client, 'workspaces.update', { id: alpha.workspaceId })
        .bearerToken(tenant.secretKey)
        .json({ suspended: 'yes' })
    ).assertStatus(422)
    ;(
      await visit(client, 'workspaces.update', { id: theirs.workspaceId })
        .bearerToken(tenant.secretKey)
        .json({ suspended: true })
    ).assertStatus(404)
  })
})

test.group('Usage', () => {
  test('per workspace and feature, by day and by month, only the tenant’s own', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    const session = await mintSession(client, tenant.secretKey, { workspace: 'usage-co' })
    const theirs = await mintSession(client, other.secretKey, { workspace: 'usage-co' })
    for (const s of [session, session, theirs]) {
      const created = await visit(client, 'conversations.store')
        .bearerToken(s.token)
        .json({ channel: 'web', contact: { email: `c${Math.random()}@acme.test` }, body: 'Hello' })
      created.assertStatus(201)
    }
    // Transcription minutes, recorded as the pipeline records them (the operator writes here).
    const ledger = (
      await db
        .connection('operator')
        .rawQuery(`select to_regclass('usage_records') is not null as p`)
    ).rows[0].p
    if (ledger)
      await db.connection('operator').table('usage_records').insert({
        tenant_id: session.tenantId,
        workspace_id: session.workspaceId,
        id: crypto.randomUUID(),
        feature: 'transcriptionMinutes',
        source_id: 'rec-1',
        quantity: 2.5,
      })
    else
      await db.connection('operator').table('usage_events').insert({
        tenant_id: session.tenantId,
        workspace_id: session.workspaceId,
        id: crypto.randomUUID(),
        kind: 'transcription_minutes',
        quantity: 2.5,
      })

    // WhatsApp numbers as they are now: 'open' is a connected number.
    for (const status of ['open', 'logged_out'])
      await db.connection('operator').table('whatsapp_numbers').insert({
        tenant_id: session.tenantId,
        workspace_id: session.workspaceId,
        id: crypto.randomUUID(),
        label: status,
        status,
      })

    const byDay = await visit(client, 'usage.index').bearerToken(tenant.secretKey)
    byDay.assertStatus(200)
    const body = byDay.body()
    assert.deepEqual(
      body.current.map((c: any) => [c.workspaceId, c.connected, c.total]),
      [[session.workspaceId, 1, 2]]
    )
    assert.equal(body.granularity, 'day')
    const messages = body.data.find((d: any) => d.feature === 'messagesSent')
    assert.equal(messages.workspaceId, session.workspaceId)
    assert.equal(messages.workspace.externalId, 'usage-co')
    assert.equal(messages.total, 2)
    const today = new Date().toISOString().slice(0, 10)
    assert.deepEqual(messages.series, [{ at: `${today}T00:00:00.000Z`, quantity: 2 }])
    const minutes = body.data.find((d: any) => d.feature === 'transcriptionMinutes')
    assert.equal(minutes.total, 2.5)
    assert.deepEqual([...new Set(body.data.map((d: any) => d.workspaceId))], [session.workspaceId])

    const byMonth = await visit(client, 'usage.index')
      .qs({ granularity: 'month' })
      .bearerToken(tenant.secretKey)
    const monthly = byMonth.body().data.find((d: any) => d.feature === 'messagesSent')
    assert.equal(monthly.series[0].at, `${today.slice(0, 7)}-01T00:00:00.000Z`)

    const past = await visit(client, 'usage.index')
      .qs({ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' })
      .bearerToken(tenant.secretKey)
    past.assertStatus(200)
    assert.deepEqual(past.body().data, [])
  })

  test('bad ranges are 422', async ({ client }) => {
    const tenant = await makeTenant()
    for (const qs of [
      { granularity: 'week' },
      { from: 'yesterday' },
      { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
      { from: '2020-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
      { extra: '1' },
      // Before PostgreSQL's timestamptz range (these were 500s).
      { from: '-004713-11-20', to: '-004713-12-01' },
      { from: '-100000-01-01', to: '-099999-06-01', granularity: 'month' },
    ]) {
      ;(await visit(client, 'usage.index').qs(qs).bearerToken(tenant.secretKey)).assertStatus(422)
    }
  })

  test('a day that does not exist is 422 at its field; a leap day and offsets read as written', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const usage = (qs: Record<string, string>) =>
      visit(client, 'usage.index').qs(qs).bearerToken(tenant.secretKey)
    // These were 200 for another range: Feb 30 rolled over to March 2, year 0000 read as 1900.
    for (const [qs, field] of [
      [{ from: '2026-02-30', to: '2026-03-10' }, 'from'],
      [{ from: '2026-04-01', to: '2026-04-31T10:00:00Z' }, 'to'],
      [{ from: '2026-13-01' }, 'from'],
      [{ from: '0000-01-01', to: '0000-02-01' }, 'from'],
    ] as const) {
      const refused = await usage(qs)
      refused.assertStatus(422)
      assert.equal(refused.body().error.code, 'VALIDATION_ERROR')
      assert.include(
        refused.body().error.details.map((d: any) => d.field),
        field,
        JSON.stringify(qs)
      )
    }
    for (const [qs, from, to] of [
      [
        { from: '2028-02-29', to: '2028-03-01' },
        '2028-02-29T00:00:00.000Z',
        '2028-03-01T00:00:00.000Z',
      ],
      [
        { from: '2026-01-01T00:00:00+02:00', to: '2026-01-31T09:30:00.5-03:30' },
        '2025-12-31T22:00:00.000Z',
        '2026-01-31T13:00:00.500Z',
      ],
      // Years below 100 were read as 19xx.
      [
        { from: '0001-01-01', to: '0001-02-01' },
        '0001-01-01T00:00:00.000Z',
        '0001-02-01T00:00:00.000Z',
      ],
    ] as const) {
      const read = await usage(qs)
      read.assertStatus(200)
      assert.deepEqual([read.body().from, read.body().to], [from, to], JSON.stringify(qs))
    }
  })
})
