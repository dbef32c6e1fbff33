import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ConsoleRole } from '#models/console_user'
import { freePort } from '#lib/local_services'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { Browser, makeConsoleUser } from '../console/browser.js'
import { stripeWorld } from '../billing/helpers.js'

const OPENAI_KEY = 'sk-tenant-own-key-0123456789abcdef'

/** A stand-in for OpenAI's model list: the right key gets models, any other a 401. */
async function modelsServer() {
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json')
    if (req.headers.authorization !== `Bearer ${OPENAI_KEY}`) {
      res.writeHead(401)
      return res.end(JSON.stringify({ error: { message: 'Incorrect API key provided' } }))
    }
    if (req.url !== '/v1/models') {
      res.writeHead(404)
      return res.end('{}')
    }
    res.end(
      JSON.stringify({
        object: 'list',
        data: ['whisper-1', 'gpt-4o-mini'].map((id) => ({ id, object: 'model', owned_by: 'x' })),
      })
    )
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A console user of the role, signed in. */
async function signedIn(tenantId: string, role: ConsoleRole) {
  const user = await makeConsoleUser(tenantId, { role })
  const browser = new Browser()
  const answer = await browser.signIn(user.email, user.password)
  if (answer.status >= 300) throw new Error(`sign-in as ${role}: ${answer.status}`)
  return browser
}

/** A WhatsApp number straight in the database, as a worker leaves it. */
async function number(
  tenantId: string,
  workspaceId: string,
  values: { label: string; status: string; reason?: string }
) {
  const id = randomUUID()
  await db
    .connection('operator')
    .table('whatsapp_numbers')
    .insert({
      tenant_id: tenantId,
      workspace_id: workspaceId,
      id,
      label: values.label,
      status: values.status,
      last_error_reason: values.reason ?? null,
    })
  return id
}

test.group('Providers (secret key or console session)', (group) => {
  let models: Awaited<ReturnType<typeof modelsServer>>
  let world: Awaited<ReturnType<typeof stripeWorld>>
  group.setup(async () => {
    models = await modelsServer()
    world = await stripeWorld()
    return async () => {
      await models.close()
      await world.close()
    }
  })

  test('GET /v1/providers shows each provider and never a secret', async ({ client, assert }) => {
    const { tenant, secretKey } = await makeTenant('Providers')
    const before = (await visit(client, 'providers.index').bearerToken(secretKey)).body()
    assert.isFalse(before.stripe.configured)
    assert.isTrue(before.stripe.connectAvailable)
    assert.notEqual(before.openai.source, 'tenant')
    assert.deepEqual(before.whatsapp, { numbers: 0, connected: 0, byStatus: {} })

    ;(
      await visit(client, 'providers.openai.update')
        .bearerToken(secretKey)
        .json({ apiKey: OPENAI_KEY, baseUrl: models.baseUrl, transcriptionModel: 'whisper-1' })
    ).assertStatus(200)
    const own = world.double.ownAccount()
    ;(
      await visit(client, 'providers.stripe.update').bearerToken(secretKey).json({
        secretKey: own.secretKey,
        webhookSecret: 'whsec_tenant_own_secret_value',
        publishableKey: 'pk_test_tenantpublishable',
      })
    ).assertStatus(200)

    const owner = await signedIn(tenant.id, 'owner')
    for (const body of [
      (await visit(client, 'providers.index').bearerToken(secretKey)).body(),
      (await owner.get('/v1/providers')).body,
    ]) {
      const text = JSON.stringify(body)
      for (const secret of [OPENAI_KEY, own.secretKey, 'whsec_tenant_own_secret_value'])
        assert.notInclude(text, secret)
      // Not even the end of a key.
      assert.notInclude(text, OPENAI_KEY.slice(-4))
      assert.equal(body.openai.source, 'tenant')
      assert.isTrue(body.openai.configured)
      assert.equal(body.openai.baseUrl, models.baseUrl)
      assert.equal(body.openai.models.transcription, 'whisper-1')
      assert.isString(body.openai.updatedAt)
      assert.include(body.stripe, {
        configured: true,
        ready: true,
        mode: 'own',
        accountId: own.accountId,
        livemode: false,
        publishableKey: 'pk_test_tenantpublishable',
      })
      assert.isString(body.stripe.verifiedAt)
    }
  })

  test('verifying the OpenAI key says whether the provider takes it', async ({
    client,
    assert,
  }) => {
    const { tenant, secretKey } = await makeTenant('Verify')
    const owner = await signedIn(tenant.id, 'owner')
    const set = await owner.put('/v1/providers/openai', {
      apiKey: OPENAI_KEY,
      baseUrl: models.baseUrl,
    })
    assert.equal(set.status, 200, JSON.stringify(set.body))
    const ok = await owner.post('/v1/providers/openai/verify')
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.include(ok.body, { ok: true, source: 'tenant' })
    assert.sameMembers(ok.body.models, ['gpt-4o-mini', 'whisper-1'])

    ;(
      await visit(client, 'providers.openai.update')
        .bearerToken(secretKey)
        .json({ apiKey: 'sk-wrong-key-000000', baseUrl: models.baseUrl })
    ).assertStatus(200)
    const refused = await visit(client, 'providers.openai.verify').bearerToken(secretKey)
    refused.assertStatus(200)
    assert.isFalse(refused.body().ok)
    assert.match(refused.body().reason, /refused the API key/)
    assert.notInclude(JSON.stringify(refused.body()), 'sk-wrong-key')
  })

  test('support and developers read providers; only owners and admins set them', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Roles')
    const roles = {} as Record<ConsoleRole, Browser>
    for (const role of ['owner', 'admin', 'developer', 'support'] as const)
      roles[role] = await signedIn(tenant.id, role)

    for (const role of ['owner', 'admin', 'developer', 'support'] as const) {
      const browser = roles[role]
      assert.equal((await browser.get('/v1/providers')).status, 200, role)
      assert.equal((await browser.get('/v1/providers/whatsapp/numbers')).status, 200, role)
    }
    for (const role of ['developer', 'support'] as const) {
      const browser = roles[role]
      const openai = await browser.put('/v1/providers/openai', { apiKey: OPENAI_KEY })
      assert.equal(openai.status, 403, role)
      assert.equal(openai.body.error.code, 'AUTHORIZATION_ERROR')
      assert.equal(
        (await browser.put('/v1/providers/stripe', { accountId: 'acct_123' })).status,
        403,
        role
      )
      assert.equal((await browser.post('/v1/providers/openai/verify')).status, 403, role)
    }
    assert.equal(
      (
        await roles.admin.put('/v1/providers/openai', {
          apiKey: OPENAI_KEY,
          baseUrl: models.baseUrl,
        })
      ).status,
      200
    )
    const accountId = world.double.connectAccount()
    const connect = await roles.owner.put('/v1/providers/stripe', { accountId })
    assert.equal(connect.status, 200, JSON.stringify(connect.body))
    assert.equal(connect.body.mode, 'connect')
    // Replacing the account is the same PUT, by an admin too.
    const other = world.double.connectAccount()
    const replaced = await roles.admin.put('/v1/providers/stripe', { accountId: other })
    assert.equal(replaced.status, 200)
    assert.equal((await roles.support.get('/v1/providers')).body.stripe.accountId, other)

    const log = (await roles.support.get('/v1/audit-events')).body.data
    const set = log.find((e: any) => e.action === 'provider.openai_set')
    assert.equal(set?.actor.type, 'console_user')
    assert.equal(
      log.find((e: any) => e.action === 'provider.stripe_set')?.actor.type,
      'console_user'
    )
  })

  test('bad provider input is 422', async ({ assert }) => {
    const { tenant } = await makeTenant('Bad input')
    const owner = await signedIn(tenant.id, 'owner')
    for (const [path, body] of [
      ['/v1/providers/openai', {}],
      ['/v1/providers/openai', { apiKey: 'short' }],
      ['/v1/providers/openai', { apiKey: OPENAI_KEY, transcriptionModel: 'nope' }],
      ['/v1/providers/stripe', {}],
      ['/v1/providers/stripe', { accountId: 'not-an-account' }],
    ] as const) {
      const answer = await owner.put(path, body)
      assert.equal(answer.status, 422, `${path} ${JSON.stringify(body)}`)
      assert.equal(answer.body.error.code, 'VALIDATION_ERROR')
    }
    assert.equal((await owner.get('/v1/providers/whatsapp/numbers?workspaceId=x')).status, 422)
    assert.equal((await owner.get('/v1/providers/whatsapp/numbers?cursor=%%%')).status, 422)
  })

  test("WhatsApp numbers of every workspace, with states and no QR; another tenant's workspace is 404", async ({
    client,
    assert,
  }) => {
    const { tenant, secretKey } = await makeTenant('Numbers')
    const other = await makeTenant('Other')
    const north = await mintSession(client, secretKey, { workspace: 'north' })
    const south = await mintSession(client, secretKey, { workspace: 'south' })
    const theirs = await mintSession(client, other.secretKey, { workspace: 'north' })
    await number(tenant.id, north.workspaceId, { label: 'Sales', status: 'open' })
    await number(tenant.id, south.workspaceId, {
      label: 'Support',
      status: 'logged_out',
      reason: 'logged_out',
    })
    await number(tenant.id, south.workspaceId, { label: 'Pairing', status: 'qr' })
    await number(other.tenant.id, theirs.workspaceId, { label: 'Not yours', status: 'open' })

    const support = await signedIn(tenant.id, 'support')
    const all = await support.get('/v1/providers/whatsapp/numbers')
    assert.equal(all.status, 200)
    assert.sameMembers(
      all.body.data.map((n: any) => `${n.workspace.externalId}:${n.label}:${n.status}`),
      ['north:Sales:open', 'south:Support:logged_out', 'south:Pairing:qr']
    )
    const loggedOut = all.body.data.find((n: any) => n.label === 'Support')
    assert.equal(loggedOut.reason, 'logged_out')
    for (const n of all.body.data) {
      assert.notProperty(n, 'qr')
      assert.notProperty(n, 'pairingCode')
    }
    const counts = (await support.get('/v1/providers')).body.whatsapp
    assert.deepEqual(counts, {
      numbers: 3,
      connected: 1,
      byStatus: { open: 1, logged_out: 1, qr: 1 },
    })

    const one = await visit(client, 'providers.whatsapp.numbers.index')
      .qs({ workspaceId: south.workspaceId, limit: 1 })
      .bearerToken(secretKey)
    one.assertStatus(200)
    assert.lengthOf(one.body().data, 1)
    assert.isString(one.body().nextCursor)
    const rest = await visit(client, 'providers.whatsapp.numbers.index')
      .qs({ workspaceId: south.workspaceId, limit: 1, cursor: one.body().nextCursor })
      .bearerToken(secretKey)
    assert.lengthOf(rest.body().data, 1)
    assert.isNull(rest.body().nextCursor)
    assert.notEqual(rest.body().data[0].id, one.body().data[0].id)

    const foreign = await support.get(
      `/v1/providers/whatsapp/numbers?workspaceId=${theirs.workspaceId}`
    )
    assert.equal(foreign.status, 404)
  })
})

test.group('Workspaces (secret key or console session)', () => {
  test('search by name or id, members counted, newest first; cursor pages', async ({
    client,
    assert,
  }) => {
    const { tenant, secretKey } = await makeTenant('Search')
    const north = await mintSession(client, secretKey, { workspace: 'north-shop', user: 'ana' })
    await mintSession(client, secretKey, { workspace: 'north-shop', user: 'bo' })
    await mintSession(client, secretKey, { workspace: 'south-shop', user: 'cy' })
    const developer = await signedIn(tenant.id, 'developer')

    const found = await developer.get('/v1/workspaces?q=north')
    assert.equal(found.status, 200)
    assert.deepEqual(
      found.body.data.map((w: any) => [w.id, w.membersCount]),
      [[north.workspaceId, 2]]
    )
    const page = await developer.get('/v1/workspaces?limit=1')
    assert.equal(page.body.data[0].externalId, 'south-shop')
    const next = await developer.get(`/v1/workspaces?limit=1&cursor=${page.body.nextCursor}`)
    assert.equal(next.body.data[0].externalId, 'north-shop')
    assert.isNull(next.body.nextCursor)
  })

  test('owners and admins suspend and resume; developers and support cannot', async ({
    client,
    assert,
  }) => {
    const { tenant, secretKey } = await makeTenant('Suspend')
    const ws = await mintSession(client, secretKey, { workspace: 'acme' })
    const path = `/v1/workspaces/${ws.workspaceId}`
    const roles = {} as Record<ConsoleRole, Browser>
    for (const role of ['owner', 'admin', 'developer', 'support'] as const)
      roles[role] = await signedIn(tenant.id, role)

    for (const role of ['developer', 'support'] as const) {
      const refused = await roles[role].patch(path, { suspended: true })
      assert.equal(refused.status, 403, role)
      assert.equal((await roles[role].get(path)).body.status, 'active')
    }
    const suspended = await roles.admin.patch(path, { suspended: true })
    assert.equal(suspended.status, 200)
    assert.equal(suspended.body.status, 'suspended')
    assert.isString(suspended.body.suspendedAt)
    // A suspended workspace's sessions are refused.
    ;(await visit(client, 'me.show').bearerToken(ws.token)).assertStatus(403)

    const resumed = await roles.owner.patch(path, { suspended: false })
    assert.equal(resumed.status, 200)
    assert.equal(resumed.body.status, 'active')
    assert.isNull(resumed.body.suspendedAt)

    const log = (await roles.support.get('/v1/audit-events')).body.data
    const actions = log
      .filter((e: any) => e.target?.id === ws.workspaceId)
      .map((e: any) => `${e.action}:${e.actor.type}`)
    assert.includeMembers(actions, [
      'workspace.suspended:console_user',
      'workspace.resumed:console_user',
    ])
  })

  test("another tenant's workspace is 404; bad input is 422", async ({ client, assert }) => {
    const { tenant, secretKey } = await makeTenant('Mine')
    const other = await makeTenant('Theirs')
    const mine = await mintSession(client, secretKey, { workspace: 'acme' })
    const theirs = await mintSession(client, other.secretKey, { workspace: 'acme' })
    const owner = await signedIn(tenant.id, 'owner')

    assert.equal((await owner.get(`/v1/workspaces/${theirs.workspaceId}`)).status, 404)
    const patch = await owner.patch(`/v1/workspaces/${theirs.workspaceId}`, { suspended: true })
    assert.equal(patch.status, 404)
    assert.equal(patch.body.error.code, 'NOT_FOUND')
    ;(
      await visit(client, 'workspaces.update', { id: theirs.workspaceId })
        .bearerToken(secretKey)
        .json({ suspended: true })
    ).assertStatus(404)
    const still = await visit(client, 'workspaces.show', { id: theirs.workspaceId }).bearerToken(
      other.secretKey
    )
    assert.equal(still.body().status, 'active')

    // A blank name or status reaches the validator as null (the body parser trims strings and
    // turns '' into null): it was 200 with the old one silently kept.
    const blanks = [{ name: ' ' }, { name: '' }, { name: null }, { status: '' }, { status: null }]
    for (const body of [{ suspended: 'yes' }, { status: 'gone' }, { nope: 1 }, ...blanks]) {
      const answer = await owner.patch(`/v1/workspaces/${mine.workspaceId}`, body)
      assert.equal(answer.status, 422, JSON.stringify(body))
      assert.equal(answer.body.error.code, 'VALIDATION_ERROR')
    }
    assert.equal((await owner.get(`/v1/workspaces/${mine.workspaceId}`)).body.name, 'Acme Co')
    assert.equal((await owner.get('/v1/workspaces?limit=0')).status, 422)
    assert.equal((await owner.get('/v1/workspaces?cursor=nope')).status, 422)
    assert.equal((await owner.get(`/v1/workspaces?q=${'x'.repeat(201)}`)).status, 422)
  })
})

test.group('Moved routes: the secret key still works on each', (group) => {
  let models: Awaited<ReturnType<typeof modelsServer>>
  let world: Awaited<ReturnType<typeof stripeWorld>>
  group.setup(async () => {
    models = await modelsServer()
    world = await stripeWorld()
    return async () => {
      await models.close()
      await world.close()
    }
  })

  test('providers and workspaces answer a secret key, with no cookie set', async ({
    client,
    assert,
  }) => {
    const { secretKey } = await makeTenant('Key')
    const ws = await mintSession(client, secretKey, { workspace: 'acme' })
    const calls = [
      visit(client, 'providers.index').bearerToken(secretKey),
      visit(client, 'providers.openai.update')
        .bearerToken(secretKey)
        .json({ apiKey: OPENAI_KEY, baseUrl: models.baseUrl }),
      visit(client, 'providers.openai.verify').bearerToken(secretKey),
      visit(client, 'providers.stripe.update')
        .bearerToken(secretKey)
        .json({ accountId: world.double.connectAccount() }),
      visit(client, 'providers.whatsapp.numbers.index').bearerToken(secretKey),
      visit(client, 'workspaces.index').bearerToken(secretKey),
      visit(client, 'workspaces.show', { id: ws.workspaceId }).bearerToken(secretKey),
      visit(client, 'workspaces.update', { id: ws.workspaceId })
        .bearerToken(secretKey)
        .json({ suspended: false }),
    ]
    for (const [index, call] of calls.entries()) {
      const answer = await call
      assert.equal(answer.status(), 200, `call ${index}: ${answer.text()}`)
      assert.notExists(answer.header('set-cookie'))
    }
    // Without any credential: 401, as before the move.
    ;(await visit(client, 'providers.index')).assertStatus(401)
    ;(await visit(client, 'workspaces.index')).assertStatus(401)
  })
})
