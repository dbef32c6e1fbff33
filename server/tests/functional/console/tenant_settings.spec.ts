import { test } from '@japa/runner'
import { makeTenant, visit } from '#tests/helpers'
import { Browser, makeConsoleUser } from './browser.js'

const TOKENS = { color: { light: { primary: '#1d4ed8' } } }

test.group('Tenant settings: secret key or console role', () => {
  test('the secret key still works, with no cookie set', async ({ client, assert }) => {
    const { secretKey } = await makeTenant('Key')
    const put = await visit(client, 'theme.update').bearerToken(secretKey).json({ tokens: TOKENS })
    put.assertStatus(200)
    assert.notExists(put.header('set-cookie'))
    ;(await visit(client, 'auditEvents.index').bearerToken(secretKey)).assertStatus(200)
    ;(await visit(client, 'theme.update').json({ tokens: TOKENS })).assertStatus(401)
  })

  test('developers change the theme but not the session policy; support reads', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Roles')
    const developer = await makeConsoleUser(tenant.id, { role: 'developer' })
    const support = await makeConsoleUser(tenant.id, { role: 'support' })
    const asDeveloper = new Browser()
    await asDeveloper.signIn(developer.email, developer.password)
    const asSupport = new Browser()
    await asSupport.signIn(support.email, support.password)

    const put = await asDeveloper.put('/v1/theme', { tokens: TOKENS })
    assert.equal(put.status, 200, JSON.stringify(put.body))
    const policy = await asDeveloper.put('/v1/session-policy', { maxTtlSeconds: 600 })
    assert.equal(policy.status, 403)
    assert.equal(policy.body.error.code, 'AUTHORIZATION_ERROR')

    assert.equal((await asSupport.get('/v1/theme')).status, 200)
    assert.equal((await asSupport.get('/v1/session-policy')).status, 200)
    assert.equal((await asSupport.put('/v1/theme', { tokens: TOKENS })).status, 403)

    // The change is audited as the console user.
    const audit = await asSupport.get('/v1/audit-events')
    assert.equal(audit.status, 200)
    const entry = audit.body.data.find((e: any) => e.action === 'theme.updated')
    assert.equal(entry?.actor.type, 'console_user')
  })

  test('admins change the session policy; CSRF applies to cookie requests', async ({ assert }) => {
    const { tenant } = await makeTenant('Admin')
    const admin = await makeConsoleUser(tenant.id, { role: 'admin' })
    const browser = new Browser()
    await browser.signIn(admin.email, admin.password)
    const without = await browser.request(
      'PUT',
      '/v1/session-policy',
      { maxTtlSeconds: 600 },
      { csrf: false }
    )
    assert.equal(without.status, 403)
    const put = await browser.put('/v1/session-policy', { maxTtlSeconds: 600 })
    assert.equal(put.status, 200)
    assert.equal(put.body.maxTtlSeconds, 600)
  })

  test('a revoked console cookie is refused on settings routes', async ({ assert }) => {
    const { tenant } = await makeTenant('Revoked')
    const owner = await makeConsoleUser(tenant.id, { role: 'owner' })
    const browser = new Browser()
    await browser.signIn(owner.email, owner.password)
    await browser.delete('/v1/console/sessions')
    // The browser dropped the cleared cookie; a stale copy of it is what an attacker would hold.
    browser.cookies.set('parley_console', 'stale')
    assert.equal((await browser.get('/v1/theme')).status, 401)
  })
})
