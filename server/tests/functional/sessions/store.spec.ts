import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { baseUrl, makeTenant, mintSession, visit } from '#tests/helpers'
import { addKey, revokeKey, setTenantStatus } from '#services/tenants'
import { withTenant } from '#services/tenant_context'

const valid = {
  workspace: { id: 'acme-co', name: 'Acme Co' },
  user: { id: 'u_17', name: 'Ana', email: 'ana@acme.test', role: 'owner' },
}

test.group('POST /v1/sessions', () => {
  test('creates the workspace and member on first use and returns a token', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const response = await visit(client, 'sessions.store').bearerToken(tenant.secretKey).json(valid)
    response.assertStatus(201)
    const body = response.body()
    assert.match(body.token, /^v1\./)
    assert.equal(body.tenantId, tenant.tenant.id)
    assert.deepEqual(body.widgets, ['inbox', 'recorder', 'campaigns', 'billing'])
    assert.equal(body.workspace.externalId, 'acme-co')
    assert.equal(body.user.externalId, 'u_17')
    const expiresIn = new Date(body.expiresAt).getTime() - Date.now()
    assert.isAbove(expiresIn, 890_000)
    assert.isBelow(expiresIn, 901_000)

    const rows = await withTenant(
      { tenantId: tenant.tenant.id, workspaceId: body.workspaceId },
      (trx) => trx.from('members').select('name', 'email', 'role')
    )
    assert.deepEqual(rows, [{ name: 'Ana', email: 'ana@acme.test', role: 'owner' }])
  })

  test('updates name, email and role on later calls and audits the role change', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const first = await mintSession(client, tenant.secretKey, { role: 'agent' })
    const second = await visit(client, 'sessions.store')
      .bearerToken(tenant.secretKey)
      .json({
        workspace: { id: 'acme-co', name: 'Acme Renamed' },
        user: { id: 'u_1', name: 'Ana B', role: 'admin' },
      })
    second.assertStatus(201)
    assert.equal(second.body().workspaceId, first.workspaceId)
    assert.equal(second.body().userId, first.userId)
    assert.equal(second.body().workspace.name, 'Acme Renamed')
    assert.equal(second.body().user.name, 'Ana B')
    assert.equal(second.body().user.email, 'ana@acme.test', 'an omitted email is kept')
    assert.equal(second.body().role, 'admin')

    const audit = await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)
    const change = audit.body().data.find((e: any) => e.action === 'member.role_changed')
    assert.deepEqual(change.data, { from: 'agent', to: 'admin' })
    assert.equal(change.target.id, first.userId)
  })

  test("keeps the user's picture (https only), shown to teammates and to web chat visitors", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const mint = (user: Record<string, unknown>) =>
      visit(client, 'sessions.store')
        .bearerToken(tenant.secretKey)
        .json({ workspace: { id: 'acme-co' }, user: { id: 'u_1', role: 'agent', ...user } })
    const picture = 'https://cdn.acme.test/u_1.png'
    const first = await mint({ name: 'Ana', avatarUrl: picture })
    first.assertStatus(201)
    assert.equal(first.body().user.avatarUrl, picture)
    const again = await mint({ name: 'Ana' })
    assert.equal(again.body().user.avatarUrl, picture, 'an omitted picture is kept')

    const members = await visit(client, 'members.index').bearerToken(again.body().token)
    assert.equal(members.body().data[0].avatarUrl, picture)

    for (const avatarUrl of ['http://cdn.acme.test/u.png', 'javascript:alert(1)', 42]) {
      const refused = await mint({ avatarUrl })
      refused.assertStatus(422)
      assert.equal(refused.body().error.details[0].field, 'user.avatarUrl')
    }
  })

  test('honours ttlSeconds and narrows widgets', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey, {
      ttlSeconds: 60,
      widgets: ['inbox'],
    })
    assert.deepEqual(session.widgets, ['inbox'])
    const expiresIn = new Date(session.expiresAt).getTime() - Date.now()
    assert.isBelow(expiresIn, 61_000)
  })

  test('refuses invalid input with a detail per field', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const cases: [unknown, string[]][] = [
      [{}, ['workspace', 'user']],
      [{ workspace: { id: '' }, user: { id: 'u', role: 'owner' } }, ['workspace.id']],
      [{ workspace: { id: 'has space' }, user: { id: 'u', role: 'owner' } }, ['workspace.id']],
      [{ workspace: { id: 'w' }, user: { id: 'u', role: 'boss' } }, ['user.role']],
      [{ workspace: { id: 42 }, user: { id: ['u'], role: 'owner' } }, ['workspace.id', 'user.id']],
      [{ ...valid, user: { ...valid.user, email: 'not-an-email' } }, ['user.email']],
      [{ ...valid, ttlSeconds: 10 }, ['ttlSeconds']],
      [{ ...valid, ttlSeconds: 3601 }, ['ttlSeconds']],
      [{ ...valid, ttlSeconds: '900' }, ['ttlSeconds']],
      [{ ...valid, widgets: ['inbox', 'chat'] }, ['widgets.1']],
      [{ ...valid, widgets: [] }, ['widgets']],
      [{ ...valid, workspace: { id: 'x'.repeat(129) } }, ['workspace.id']],
      [{ ...valid, admin: true }, ['admin']],
      [{ ...valid, user: { ...valid.user, isAdmin: true } }, ['user.isAdmin']],
    ]
    for (const [body, fields] of cases) {
      const response = await visit(client, 'sessions.store')
        .bearerToken(tenant.secretKey)
        .json(body as object)
      response.assertStatus(422)
      assert.equal(response.body().error.code, 'VALIDATION_ERROR', JSON.stringify(body))
      assert.includeMembers(
        response.body().error.details.map((d: any) => d.field),
        fields,
        JSON.stringify(body)
      )
    }
  })

  test('refuses malformed JSON, non-object JSON, other content types and oversized bodies', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const malformed = await fetch(`${baseUrl()}/v1/sessions`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${tenant.secretKey}`,
        'content-type': 'application/json',
      },
      body: '{"workspace": ',
    })
    assert.equal(malformed.status, 400)
    assert.equal(((await malformed.json()) as any).error.code, 'BAD_REQUEST')

    const array = await visit(client, 'sessions.store').bearerToken(tenant.secretKey).json([valid])
    assert.equal(array.status(), 422)

    const form = await visit(client, 'sessions.store')
      .bearerToken(tenant.secretKey)
      .form({ a: '1' })
    form.assertStatus(415)
    assert.equal(form.body().error.code, 'UNSUPPORTED_MEDIA_TYPE')

    const huge = await visit(client, 'sessions.store')
      .bearerToken(tenant.secretKey)
      .json({ ...valid, padding: 'x'.repeat(1100 * 1024) })
    huge.assertStatus(413)
    assert.equal(huge.body().error.code, 'PAYLOAD_TOO_LARGE')
  })

  test('refuses missing, malformed, unknown and wrong-type keys with 401', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    const forged = tenant.secretKey.slice(0, -1) + (tenant.secretKey.endsWith('A') ? 'B' : 'A')
    // A real key of another tenant with this tenant's id swapped in: the hash cannot match.
    const swapped = `sk_${tenant.tenant.id.replaceAll('-', '')}${other.secretKey.slice(35)}`
    for (const auth of [
      undefined,
      'Bearer',
      'Bearer nonsense',
      `Basic ${tenant.secretKey}`,
      `Bearer ${forged}`,
      `Bearer ${swapped}`,
      `Bearer ${tenant.publishableKey}`,
    ]) {
      const request = visit(client, 'sessions.store').json(valid)
      if (auth) request.header('authorization', auth)
      const response = await request
      response.assertStatus(401)
      assert.equal(response.body().error.code, 'AUTHENTICATION_ERROR', auth)
    }
  })

  test('refuses a revoked key with 401 and records its last use', async ({ client, assert }) => {
    const tenant = await makeTenant()
    await mintSession(client, tenant.secretKey)
    const row = await db
      .connection('operator')
      .from('api_keys')
      .where('id', tenant.keyIds.secret)
      .first()
    assert.isNotNull(row.last_used_at)
    assert.isNull(await revokeKey('00000000-0000-7000-8000-000000000000'))
    await revokeKey(tenant.keyIds.secret)
    const response = await visit(client, 'sessions.store').bearerToken(tenant.secretKey).json(valid)
    response.assertStatus(401)
    assert.include(response.body().error.message, 'revoked')

    const fresh = await addKey(tenant.tenant.id, 'secret')
    await mintSession(client, fresh!.plain)
  })

  test('refuses every key of a suspended tenant with 403 until resumed', async ({ client }) => {
    const tenant = await makeTenant()
    await setTenantStatus(tenant.tenant.id, 'suspended')
    const response = await visit(client, 'sessions.store').bearerToken(tenant.secretKey).json(valid)
    response.assertStatus(403)
    response.assertBodyContains({ error: { code: 'AUTHORIZATION_ERROR' } })
    await setTenantStatus(tenant.tenant.id, 'active')
    await mintSession(client, tenant.secretKey)
  })

  test('rate-limits session minting per secret key with 429 and Retry-After', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const limit = Number(process.env.RATE_LIMIT_SESSIONS_PER_MINUTE)
    const statuses: number[] = []
    for (let i = 0; i <= limit; i++) {
      const response = await visit(client, 'sessions.store')
        .bearerToken(tenant.secretKey)
        .json(valid)
      statuses.push(response.status())
      if (response.status() === 429) {
        assert.equal(response.body().error.code, 'RATE_LIMITED')
        assert.isAbove(Number(response.header('retry-after')), 0)
      }
    }
    assert.equal(statuses.filter((s) => s === 201).length, limit)
    assert.equal(statuses.at(-1), 429)
    // Another key is counted on its own.
    await mintSession(client, other.secretKey)
  })
})
