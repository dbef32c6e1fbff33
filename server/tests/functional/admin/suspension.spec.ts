import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import TenantSuspend from '#commands/tenant_suspend'
import TenantResume from '#commands/tenant_resume'
import { channelNames } from '#services/realtime/channels'
import { withTenant } from '#services/tenant_context'
import { makeTenant, mintSession, until, visit, ORIGIN } from '#tests/helpers'
import { holdStream, ticket } from '#tests/realtime_helpers'
import { Browser, makeConsoleUser } from '../console/browser.js'
import { signedInAdmin } from './admin_browser.js'

const REASON = 'Your invoice of May is unpaid. Write to billing@example.com.'
const NOTE = 'Third reminder ignored; card declined twice'

const suspend = (browser: Browser, id: string, body: object) =>
  browser.post(`/v1/admin/tenants/${id}/suspend`, body)
const resume = (browser: Browser, id: string) => browser.post(`/v1/admin/tenants/${id}/resume`)

test.group('Admin tenants: suspend and resume', () => {
  test('suspends with a category and reason, kept as history; resumes; 409 when already so; audited', async ({
    assert,
  }) => {
    const { browser, admin } = await signedInAdmin()
    const { tenant } = await makeTenant('History')

    const suspended = await suspend(browser, tenant.id, {
      category: 'payment',
      reason: REASON,
      note: NOTE,
    })
    assert.equal(suspended.status, 200)
    assert.equal(suspended.body.status, 'suspended')
    assert.isString(suspended.body.suspendedAt)
    assert.containsSubset(suspended.body.suspension, {
      category: 'payment',
      reason: REASON,
      note: NOTE,
      suspendedBy: { type: 'platform_user', id: admin.user.id, email: admin.email },
      resumedAt: null,
      resumedBy: null,
    })
    const again = await suspend(browser, tenant.id, { category: 'abuse', reason: 'Again' })
    assert.equal(again.status, 409)
    assert.equal(again.body.error.code, 'CONFLICT')

    const resumed = await resume(browser, tenant.id)
    assert.equal(resumed.status, 200)
    assert.equal(resumed.body.status, 'active')
    assert.isNull(resumed.body.suspendedAt)
    assert.isNull(resumed.body.suspension)
    assert.containsSubset(resumed.body.suspensions[0], {
      resumedBy: { type: 'platform_user', id: admin.user.id, email: admin.email },
    })
    assert.isString(resumed.body.suspensions[0].resumedAt)
    assert.equal((await resume(browser, tenant.id)).status, 409)

    // A second suspension: newest first.
    assert.equal(
      (await suspend(browser, tenant.id, { category: 'abuse', reason: 'Spam from your widgets' }))
        .status,
      200
    )
    const detail = await browser.get(`/v1/admin/tenants/${tenant.id}`)
    assert.deepEqual(
      detail.body.suspensions.map((s: any) => [s.category, s.resumedAt === null]),
      [
        ['abuse', true],
        ['payment', false],
      ]
    )

    const actions = await db
      .connection('operator')
      .from('audit_events')
      .where('tenant_id', tenant.id)
      .whereIn('action', ['tenant.suspended', 'tenant.resumed'])
      .orderBy('id')
    assert.deepEqual(
      actions.map((a) => [a.action, a.actor_type, a.actor_id]),
      [
        ['tenant.suspended', 'platform_user', admin.user.id],
        ['tenant.resumed', 'platform_user', admin.user.id],
        ['tenant.suspended', 'platform_user', admin.user.id],
      ]
    )
    // The tenant reads its audit log: the shared reason is there, the admin's note is not.
    assert.equal(actions[0].data.reason, REASON)
    assert.notInclude(JSON.stringify(actions), NOTE)
  })

  test('a bad category, an empty reason or an unknown field is 422, and nothing changes', async ({
    assert,
  }) => {
    const { browser } = await signedInAdmin()
    const { tenant } = await makeTenant('Invalid')
    const cases: [object, string][] = [
      [{ category: 'rude', reason: 'x' }, 'category'],
      [{ reason: 'x' }, 'category'],
      [{ category: 'abuse', reason: '   ' }, 'reason'],
      [{ category: 'abuse' }, 'reason'],
      [{ category: 'abuse', reason: 'x'.repeat(1001) }, 'reason'],
      [{ category: 'abuse', reason: 'x', silently: true }, 'silently'],
    ]
    for (const [body, field] of cases) {
      const refused = await suspend(browser, tenant.id, body)
      assert.equal(refused.status, 422, JSON.stringify(body))
      assert.include(
        refused.body.error.details.map((d: any) => d.field),
        field
      )
    }
    const detail = await browser.get(`/v1/admin/tenants/${tenant.id}`)
    assert.equal(detail.body.status, 'active')
    assert.deepEqual(detail.body.suspensions, [])
  })

  test('tenant:suspend takes --category, --reason and --note and writes the same history; tenant:resume closes it', async ({
    assert,
  }) => {
    ace.ui.switchMode('raw')
    try {
      const { tenant } = await makeTenant('Command')
      const run = async (command: any, args: string[]) => {
        const instance = await ace.create(command, args)
        await instance.exec()
        return instance
      }
      ;(await run(TenantSuspend, [tenant.id, '--category', 'rude'])).assertFailed()
      ;(
        await run(TenantSuspend, [
          tenant.id,
          '--category',
          'request',
          '--reason',
          'Closed at your request',
          '--note',
          'Ticket 4411',
        ])
      ).assertSucceeded()
      // Already suspended: said, not an error, and no second row.
      ;(await run(TenantSuspend, [tenant.id])).assertSucceeded()
      const { browser } = await signedInAdmin()
      const suspended = await browser.get(`/v1/admin/tenants/${tenant.id}`)
      assert.lengthOf(suspended.body.suspensions, 1)
      assert.containsSubset(suspended.body.suspension, {
        category: 'request',
        reason: 'Closed at your request',
        note: 'Ticket 4411',
        suspendedBy: { type: 'operator', email: null },
      })
      ;(await run(TenantResume, [tenant.id])).assertSucceeded()
      const resumed = await browser.get(`/v1/admin/tenants/${tenant.id}`)
      assert.equal(resumed.body.status, 'active')
      assert.equal(resumed.body.suspensions[0].resumedBy.type, 'operator')
    } finally {
      ace.ui.switchMode('normal')
    }
  })
})

test.group('Suspension effects', () => {
  test('widgets stop at once: the open event stream ends, sessions, visitors, chat and the embed config are refused in neutral words; resume restores', async ({
    assert,
    client,
  }) => {
    const { browser } = await signedInAdmin()
    const made = await makeTenant('Effects')
    const session = await mintSession(client, made.secretKey, { workspace: 'acme' })
    await visit(client, 'workspaces.update', { id: session.workspaceId })
      .bearerToken(made.secretKey)
      .json({ webChat: { enabled: true } })
    const issued = await ticket(client, session.token)
    const held = holdStream(issued.url)
    await held.opened
    ;(
      await visit(client, 'realtime.subscribe')
        .bearerToken(session.token)
        .json({
          uid: issued.stream,
          channel: channelNames.inbox(session.tenantId, session.workspaceId),
        })
    ).assertStatus(204)

    assert.equal(
      (await suspend(browser, made.tenant.id, { category: 'abuse', reason: REASON })).status,
      200
    )
    await until(held.isEnded, 'the open stream to end', 5000)

    const widgetCalls = [
      visit(client, 'me.show').bearerToken(session.token),
      visit(client, 'conversations.index').bearerToken(session.token),
      visit(client, 'realtime.ticket').bearerToken(session.token).json({}),
      visit(client, 'embed.config').qs({ key: made.publishableKey }).header('origin', ORIGIN),
      visit(client, 'chat.visitors.store')
        .qs({ key: made.publishableKey })
        .header('origin', ORIGIN)
        .json({ workspace: 'acme' }),
    ]
    for (const call of widgetCalls) {
      const refused = await call
      refused.assertStatus(403)
      assert.equal(refused.body().error.code, 'TENANT_SUSPENDED')
      // End users may see these words: neither the platform's name nor the admin's reason.
      assert.notMatch(refused.body().error.message, /parley/i)
      assert.notInclude(JSON.stringify(refused.body()), REASON)
    }
    // The embed config still names the tenant's elements, so the loader defines them.
    const config = await visit(client, 'embed.config')
      .qs({ key: made.publishableKey })
      .header('origin', ORIGIN)
    assert.containsSubset(config.body().error, { elementPrefix: null, parleyElements: true })
    // Secret-key calls are refused as before.
    for (const name of ['sessions.store', 'chat.sessions.store']) {
      const refused = await visit(client, name)
        .bearerToken(made.secretKey)
        .json({ workspace: { id: 'acme' }, user: { id: 'u_2', role: 'agent' } })
      refused.assertStatus(403)
    }

    assert.equal((await resume(browser, made.tenant.id)).status, 200)
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(200)
    ;(
      await visit(client, 'embed.config').qs({ key: made.publishableKey }).header('origin', ORIGIN)
    ).assertStatus(200)
    await mintSession(client, made.secretKey, { workspace: 'acme', user: 'u_3' })
  })

  test('console users of a suspended tenant sign in, see why, read, and every write is 403 TENANT_SUSPENDED until resumed', async ({
    assert,
    client,
  }) => {
    const { browser: admin } = await signedInAdmin()
    const made = await makeTenant('Console view')
    const owner = await makeConsoleUser(made.tenant.id, { role: 'owner' })
    assert.equal(
      (await suspend(admin, made.tenant.id, { category: 'payment', reason: REASON, note: NOTE }))
        .status,
      200
    )

    const console = new Browser()
    assert.equal((await console.signIn(owner.email, owner.password)).status, 201)
    const me = await console.get('/v1/console/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.tenant.status, 'suspended')
    assert.containsSubset(me.body.tenant.suspension, { category: 'payment', reason: REASON })
    assert.isString(me.body.tenant.suspension.since)
    assert.notInclude(JSON.stringify(me.body), NOTE)

    // Reads work.
    assert.equal((await console.get('/v1/console/users')).status, 200)
    assert.equal((await console.get('/v1/origins')).status, 200)
    assert.equal((await console.get('/v1/keys')).status, 200)
    // Writes of the tenant do not.
    const writes: [string, string, object?][] = [
      ['POST', '/v1/console/users', { email: 'new@console.test', role: 'support' }],
      ['PATCH', `/v1/console/users/${owner.user.id}`, { role: 'admin' }],
      ['PUT', '/v1/origins', { origins: ['https://new.test'] }],
      ['POST', '/v1/keys', { type: 'secret', label: 'x' }],
      ['PATCH', '/v1/branding', { name: 'Renamed' }],
    ]
    for (const [method, path, body] of writes) {
      const refused = await console.request(method, path, body)
      assert.equal(refused.status, 403, `${method} ${path}`)
      assert.equal(refused.body.error.code, 'TENANT_SUSPENDED', `${method} ${path}`)
    }
    // Their own sign-in security stays theirs to manage.
    assert.equal((await console.post('/v1/console/totp')).status, 200)
    // A secret key is refused altogether, as before.
    ;(await visit(client, 'origins.show').bearerToken(made.secretKey)).assertStatus(403)

    // The application role cannot read the admin's note or who suspended, even by asking.
    await assert.rejects(
      () =>
        withTenant({ tenantId: made.tenant.id }, (trx) =>
          trx.from('tenant_suspensions').select('note')
        ),
      /permission denied/
    )

    assert.equal((await resume(admin, made.tenant.id)).status, 200)
    const after = await console.get('/v1/console/me')
    assert.equal(after.body.tenant.status, 'active')
    assert.isNull(after.body.tenant.suspension)
    const put = await console.put('/v1/origins', { origins: [ORIGIN, 'https://new.test'] })
    assert.equal(put.status, 200)
  })
})
