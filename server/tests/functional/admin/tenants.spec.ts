import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, visit, ORIGIN } from '#tests/helpers'
import { Browser, PASSWORD, makeConsoleUser } from '../console/browser.js'
import { makePlatformUser, signedInAdmin } from './admin_browser.js'

const UNKNOWN = '00000000-0000-7000-8000-000000000000'

test.group('Admin tenants: access', () => {
  test('every admin route refuses no session, a console session, a secret key and an admin without TOTP', async ({
    assert,
    client,
  }) => {
    const { tenant, secretKey } = await makeTenant('Access')
    const routes: [string, string, object?][] = [
      ['GET', '/v1/admin/tenants'],
      ['POST', '/v1/admin/tenants', { name: 'X', origins: [] }],
      ['GET', `/v1/admin/tenants/${tenant.id}`],
      ['POST', `/v1/admin/tenants/${tenant.id}/suspend`, { category: 'other', reason: 'x' }],
      ['POST', `/v1/admin/tenants/${tenant.id}/resume`],
      ['GET', '/v1/admin/usage'],
    ]

    const nobody = await new Browser().prime('/v1/admin')
    const consoleUser = await makeConsoleUser(tenant.id, { role: 'owner' })
    const asConsole = new Browser()
    assert.equal((await asConsole.signIn(consoleUser.email, consoleUser.password)).status, 201)
    const pending = await makePlatformUser({ totp: false })
    const asPending = new Browser()
    const first = await asPending.signIn(pending.email, PASSWORD, {}, '/v1/admin')
    assert.isTrue(first.body.totpSetupRequired)

    for (const [method, path, body] of routes) {
      assert.equal((await nobody.request(method, path, body)).status, 401, `${method} ${path}`)
      // The console's cookie is not the admin's: no admin session at all.
      assert.equal((await asConsole.request(method, path, body)).status, 401, `${method} ${path}`)
      assert.equal((await asPending.request(method, path, body)).status, 403, `${method} ${path}`)
      const keyed = await client[method.toLowerCase() as 'get' | 'post'](path)
        .bearerToken(secretKey)
        .json(body ?? {})
      assert.include([401, 403], keyed.status(), `${method} ${path} with a secret key`)
    }
    // Nothing happened on the way.
    const row = await db.connection('operator').from('tenants').where('id', tenant.id).first()
    assert.equal(row.status, 'active')
  })

  test('unsafe admin requests without the CSRF token are refused', async ({ assert }) => {
    const { browser } = await signedInAdmin()
    const refused = await browser.request(
      'POST',
      '/v1/admin/tenants',
      { name: 'No CSRF' },
      { csrf: false }
    )
    assert.equal(refused.status, 403)
    assert.equal(refused.body.error.code, 'AUTHORIZATION_ERROR')
  })
})

test.group('Admin tenants: list, create, detail', () => {
  test('creates a tenant with its first keys (secret shown once), audited as the admin', async ({
    assert,
    client,
  }) => {
    const { browser, admin } = await signedInAdmin()
    const created = await browser.post('/v1/admin/tenants', {
      name: '  Created by admin ',
      origins: ['https://app.created.test', 'https://app.created.test/'],
    })
    assert.equal(created.status, 201)
    const { tenant, keys } = created.body
    assert.equal(tenant.name, 'Created by admin')
    assert.equal(tenant.status, 'active')
    assert.deepEqual(tenant.origins, ['https://app.created.test'])
    assert.equal(tenant.originsCount, 1)
    assert.equal(tenant.workspacesCount, 0)
    assert.deepEqual(tenant.suspensions, [])
    assert.match(keys.secret.key, /^sk_/)
    assert.match(keys.publishable.key, /^pk_/)

    // The keys work, and the detail never shows the secret again.
    const session = await mintSession(client, keys.secret.key, { workspace: 'first-co' })
    assert.equal(session.tenantId, tenant.id)
    const detail = await browser.get(`/v1/admin/tenants/${tenant.id}`)
    assert.notInclude(JSON.stringify(detail.body), keys.secret.key)
    assert.equal(detail.body.workspacesCount, 1)

    const audit = await db
      .connection('operator')
      .from('audit_events')
      .where('tenant_id', tenant.id)
      .where('action', 'tenant.created')
      .first()
    assert.equal(audit.actor_type, 'platform_user')
    assert.equal(audit.actor_id, admin.user.id)
  })

  test('create refuses a missing name, a bad origin and unknown fields with 422', async ({
    assert,
  }) => {
    const { browser } = await signedInAdmin()
    const cases: [object, string][] = [
      [{ origins: [] }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'Bad origin', origins: ['https://ok.test', 'ftp://nope.test'] }, 'origins.1'],
      [{ name: 'Path', origins: ['https://ok.test/path'] }, 'origins.0'],
      [{ name: 'Wildcard', origins: ['https://*.ok.test'] }, 'origins.0'],
      [{ name: 'Port 0', origins: ['https://ok.test', 'https://ok.test:0'] }, 'origins.1'],
      [{ name: 'Extra', plan: 'gold' }, 'plan'],
    ]
    for (const [body, field] of cases) {
      const refused = await browser.post('/v1/admin/tenants', body)
      assert.equal(refused.status, 422, JSON.stringify(body))
      assert.equal(refused.body.error.code, 'VALIDATION_ERROR')
      assert.include(
        refused.body.error.details.map((d: any) => d.field),
        field
      )
    }
  })

  test('lists newest first with counts and usage, searches by name or id prefix, filters by status, pages by cursor', async ({
    assert,
  }) => {
    const { browser } = await signedInAdmin()
    const tag = `Paging${Date.now()}`
    const made = []
    for (const n of [1, 2, 3])
      made.push(await makeTenant(`${tag} ${n}`, [ORIGIN, `https://${n}.test`]))
    await browser.post(`/v1/admin/tenants/${made[1].tenant.id}/suspend`, {
      category: 'payment',
      reason: 'Invoice overdue',
    })

    const first = await browser.get(`/v1/admin/tenants?q=${tag.toLowerCase()}&limit=2`)
    assert.equal(first.status, 200)
    assert.deepEqual(
      first.body.data.map((t: any) => t.name),
      [`${tag} 3`, `${tag} 2`]
    )
    assert.isString(first.body.nextCursor)
    const item = first.body.data[0]
    assert.containsSubset(item, { id: made[2].tenant.id, status: 'active', originsCount: 2 })
    assert.equal(item.workspacesCount, 0)
    assert.deepEqual(item.usage.features, {
      transcriptionMinutes: 0,
      messagesSent: 0,
      campaignRecipients: 0,
    })
    assert.match(item.usage.from, /^\d{4}-\d{2}-01T00:00:00.000Z$/)
    assert.equal(first.body.data[1].status, 'suspended')
    assert.isString(first.body.data[1].suspendedAt)

    const second = await browser.get(
      `/v1/admin/tenants?q=${tag}&limit=2&cursor=${first.body.nextCursor}`
    )
    assert.deepEqual(
      second.body.data.map((t: any) => t.name),
      [`${tag} 1`]
    )
    assert.isNull(second.body.nextCursor)

    const suspended = await browser.get(`/v1/admin/tenants?q=${tag}&status=suspended`)
    assert.deepEqual(
      suspended.body.data.map((t: any) => t.id),
      [made[1].tenant.id]
    )
    const active = await browser.get(`/v1/admin/tenants?q=${tag}&status=active`)
    assert.sameMembers(
      active.body.data.map((t: any) => t.id),
      [made[0].tenant.id, made[2].tenant.id]
    )

    const byId = await browser.get(`/v1/admin/tenants?q=${made[0].tenant.id.slice(0, 13)}`)
    assert.include(
      byId.body.data.map((t: any) => t.id),
      made[0].tenant.id
    )
    // LIKE's wildcards are searched as text.
    const wildcard = await browser.get(`/v1/admin/tenants?q=${encodeURIComponent('%_%')}`)
    assert.deepEqual(wildcard.body.data, [])

    for (const qs of ['status=gone', 'limit=0', 'limit=201', 'cursor=nope', 'sort=name']) {
      const refused = await browser.get(`/v1/admin/tenants?${qs}`)
      assert.equal(refused.status, 422, qs)
    }
  })

  test('detail: origins, domains, workspaces, this month’s usage; unknown or malformed ids 404', async ({
    assert,
    client,
  }) => {
    const { browser } = await signedInAdmin()
    const made = await makeTenant('Detail', [ORIGIN, 'https://b.detail.test'])
    const session = await mintSession(client, made.secretKey, { workspace: 'detail-co' })
    await mintSession(client, made.secretKey, { workspace: 'other-co' })
    for (const n of [1, 2]) {
      const created = await visit(client, 'conversations.store')
        .bearerToken(session.token)
        .json({ channel: 'web', contact: { email: `c${n}@detail.test` }, body: 'Hello' })
      created.assertStatus(201)
    }
    await db
      .connection('operator')
      .table('custom_domains')
      .insert({
        tenant_id: made.tenant.id,
        id: crypto.randomUUID(),
        hostname: `widgets.${Date.now()}.detail.test`,
        token: 'x'.repeat(32),
        status: 'pending',
      })

    const detail = await browser.get(`/v1/admin/tenants/${made.tenant.id}`)
    assert.equal(detail.status, 200)
    const body = detail.body
    assert.deepEqual(body.origins, ['https://app.one.test', 'https://b.detail.test'].sort())
    assert.lengthOf(body.domains, 1)
    assert.equal(body.domains[0].status, 'pending')
    assert.match(body.domains[0].hostname, /^widgets\./)
    assert.equal(body.workspacesCount, 2)
    assert.equal(body.usage.features.messagesSent, 2)
    assert.deepEqual(body.usage.whatsappNumbers, { connected: 0, total: 0 })
    assert.isNull(body.suspension)
    assert.deepEqual(body.suspensions, [])

    for (const id of [UNKNOWN, 'not-a-uuid']) {
      for (const [method, path] of [
        ['GET', `/v1/admin/tenants/${id}`],
        ['POST', `/v1/admin/tenants/${id}/resume`],
        ['POST', `/v1/admin/tenants/${id}/suspend`],
      ]) {
        const payload = method === 'POST' ? { category: 'abuse', reason: 'Spam' } : undefined
        const missing = await browser.request(method, path, payload)
        assert.equal(missing.status, 404, `${method} ${path}`)
        assert.equal(missing.body.error.code, 'NOT_FOUND')
      }
    }
  })
})
