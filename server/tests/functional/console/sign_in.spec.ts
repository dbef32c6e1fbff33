import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers'
import { totpCode } from '#services/console/totp'
import { Browser, makeConsoleUser } from './browser.js'

test.group('Console sign-in', () => {
  test('signs in with email and password; me names the user and tenant', async ({ assert }) => {
    const { tenant } = await makeTenant('Sign-in')
    const { email, password } = await makeConsoleUser(tenant.id, { role: 'developer' })
    const browser = new Browser()
    const signIn = await browser.signIn(email.toUpperCase(), password)
    assert.equal(signIn.status, 201, JSON.stringify(signIn.body))
    assert.equal(signIn.body.user.email, email)
    assert.equal(signIn.body.tenant.id, tenant.id)
    const cookie = signIn.setCookies.find((c) => c.startsWith('parley_console='))!
    assert.match(cookie, /HttpOnly/i)
    assert.match(cookie, /SameSite=Strict/i)
    const me = await browser.get('/v1/console/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.user.role, 'developer')
  })

  test('answers a wrong password and an unknown email alike', async ({ assert }) => {
    const { tenant } = await makeTenant('Alike')
    const { email } = await makeConsoleUser(tenant.id)
    const wrong = await new Browser().signIn(email, 'not the password at all')
    const unknown = await new Browser().signIn('nobody@console.test', 'not the password at all')
    assert.equal(wrong.status, 401)
    assert.equal(unknown.status, 401)
    assert.equal(wrong.body.error.code, unknown.body.error.code)
    assert.equal(wrong.body.error.message, unknown.body.error.message)
    assert.notProperty(wrong.body, 'totpRequired')
  })

  test('asks for a TOTP code, refuses a wrong or reused one', async ({ assert }) => {
    const { tenant } = await makeTenant('Totp')
    const { email, password, totpSecret } = await makeConsoleUser(tenant.id, { totp: true })
    const browser = new Browser()
    const due = await browser.signIn(email, password)
    assert.equal(due.status, 401)
    assert.isTrue(due.body.totpRequired)
    const wrong = await browser.signIn(email, password, { code: '000000' })
    assert.equal(wrong.status, 401)
    assert.isTrue(wrong.body.totpRequired)
    const code = totpCode(totpSecret!)
    const ok = await browser.signIn(email, password, { code })
    assert.equal(ok.status, 201)
    const reused = await new Browser().signIn(email, password, { code })
    assert.equal(reused.status, 401)
    assert.isTrue(reused.body.totpRequired)
  })
})

test.group('Console sign-in: one email in several tenants', () => {
  test('asks which tenant (409) only when the password fits several, then signs in', async ({
    assert,
  }) => {
    const { tenant: one } = await makeTenant('Shared one')
    const { tenant: two } = await makeTenant('Shared two')
    const email = `shared.${Date.now()}@console.test`
    await makeConsoleUser(one.id, { email })
    await makeConsoleUser(two.id, { email })
    const ambiguous = await new Browser().signIn(email, 'correct horse battery')
    assert.equal(ambiguous.status, 409)
    assert.equal(ambiguous.body.error.details[0].field, 'tenantId')
    const chosen = await new Browser().signIn(email, 'correct horse battery', { tenantId: two.id })
    assert.equal(chosen.status, 201)
    assert.equal(chosen.body.tenant.id, two.id)
  })
})

test.group('Console sign-in: lock-out, limits, recovery codes', () => {
  test('locks the account after 10 wrong passwords, even against the right one', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Lock')
    const { email, password } = await makeConsoleUser(tenant.id)
    const browser = await new Browser().prime()
    for (let i = 0; i < 10; i++) {
      const wrong = await browser.post('/v1/console/sessions', { email, password: `wrong ${i}` })
      assert.equal(wrong.status, 401)
    }
    const locked = await browser.post('/v1/console/sessions', { email, password })
    assert.equal(locked.status, 401)
    const unknown = await browser.post('/v1/console/sessions', {
      email: 'nobody@lock.test',
      password,
    })
    assert.equal(locked.body.error.message, unknown.body.error.message)
  })

  test('answers 429 with Retry-After past the per-email limit', async ({ assert }) => {
    const browser = await new Browser().prime()
    let last
    for (let i = 0; i < 21; i++) {
      last = await browser.post('/v1/console/sessions', {
        email: 'limit@console.test',
        password: 'whatever whatever',
      })
    }
    assert.equal(last!.status, 429)
    assert.equal(last!.body.error.code, 'RATE_LIMITED')
    assert.isOk(last!.headers.get('retry-after'))
  })

  test('enrols TOTP; a recovery code signs in once only', async ({ assert }) => {
    const { tenant } = await makeTenant('Recovery')
    const { email, password } = await makeConsoleUser(tenant.id)
    const browser = new Browser()
    assert.equal((await browser.signIn(email, password)).status, 201)
    const started = await browser.post('/v1/console/totp')
    assert.equal(started.status, 200)
    assert.match(started.body.otpauthUrl, /^otpauth:\/\/totp\//)
    const refused = await browser.post('/v1/console/totp/verify', { code: '000000' })
    assert.equal(refused.status, 422)
    const verified = await browser.post('/v1/console/totp/verify', {
      code: totpCode(started.body.secret),
    })
    assert.equal(verified.status, 200)
    assert.lengthOf(verified.body.recoveryCodes, 10)
    assert.isTrue((await browser.get('/v1/console/me')).body.user.totpEnabled)

    const recoveryCode = verified.body.recoveryCodes[3]
    const first = await new Browser().signIn(email, password, { recoveryCode })
    assert.equal(first.status, 201)
    const again = await new Browser().signIn(email, password, { recoveryCode })
    assert.equal(again.status, 401)
    assert.isTrue(again.body.totpRequired)

    // Turning it off needs a current code; the enrolment code itself is spent.
    const off = await browser.request('DELETE', '/v1/console/totp', {
      code: totpCode(started.body.secret, Date.now() + 30_000),
    })
    assert.equal(off.status, 204)
    assert.equal((await new Browser().signIn(email, password)).status, 201)
  })
})

test.group('Console sessions: CSRF and revocation', () => {
  test('refuses an unsafe request without the XSRF token and accepts it with', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Csrf')
    const { email, password } = await makeConsoleUser(tenant.id)
    const browser = await new Browser().prime()
    assert.isTrue(browser.cookies.has('XSRF-TOKEN'))
    const without = await browser.request(
      'POST',
      '/v1/console/sessions',
      { email, password },
      { csrf: false }
    )
    assert.equal(without.status, 403)
    assert.equal(without.body.error.code, 'AUTHORIZATION_ERROR')
    const forged = await browser.request(
      'POST',
      '/v1/console/sessions',
      { email, password },
      { csrf: false, headers: { 'x-xsrf-token': 'e:forged' } }
    )
    assert.equal(forged.status, 403)
    const withToken = await browser.post('/v1/console/sessions', { email, password })
    assert.equal(withToken.status, 201)
    const signedInWithout = await browser.request('POST', '/v1/console/totp', {}, { csrf: false })
    assert.equal(signedInWithout.status, 403)
  })

  test('lists sessions and revokes one: its cookie then answers 401', async ({ assert }) => {
    const { tenant } = await makeTenant('Revoke')
    const { email, password } = await makeConsoleUser(tenant.id)
    const laptop = new Browser()
    const phone = new Browser()
    assert.equal((await laptop.signIn(email, password)).status, 201)
    assert.equal((await phone.signIn(email, password)).status, 201)
    const list = await laptop.get('/v1/console/sessions')
    assert.equal(list.status, 200)
    assert.lengthOf(list.body.data, 2)
    const other = list.body.data.find((s: any) => !s.current)
    assert.notInclude(JSON.stringify(list.body), phone.cookies.get('parley_console')!)
    assert.equal((await laptop.delete(`/v1/console/sessions/${other.id}`)).status, 204)
    assert.equal((await phone.get('/v1/console/me')).status, 401)
    assert.equal((await laptop.get('/v1/console/me')).status, 200)
    assert.equal((await laptop.delete(`/v1/console/sessions/${other.id}`)).status, 404)

    assert.equal((await laptop.delete('/v1/console/sessions')).status, 204)
    assert.equal((await laptop.get('/v1/console/me')).status, 401)
  })

  test('a session cookie means nothing to the public API, which sets no cookie', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('NoCookie')
    const { email, password } = await makeConsoleUser(tenant.id)
    const browser = new Browser()
    await browser.signIn(email, password)
    // /v1/plans is secret-key only (workspaces and other tenant settings accept a console session).
    const plans = await browser.get('/v1/plans')
    assert.equal(plans.status, 401)
    assert.lengthOf(plans.setCookies, 0)
  })
})
