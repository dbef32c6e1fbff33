import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant } from '#tests/helpers'
import { totpCode } from '#services/console/totp'
import { Browser, makeConsoleUser } from './browser.js'

const LAPTOP_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'

/** Signs in from a browser that says which it is. */
async function signInAs(userAgent: string, email: string, password: string) {
  const browser = await new Browser().prime()
  const answer = await browser.request(
    'POST',
    '/v1/console/sessions',
    { email, password },
    { headers: { 'user-agent': userAgent } }
  )
  return { browser, answer }
}

const minutesAgo = (iso: string) => (Date.now() - new Date(iso).getTime()) / 60_000

test.group('Console account pages: sessions', () => {
  test('each session says its browser, address, start and last use', async ({ assert }) => {
    const { tenant } = await makeTenant('AccountSessions')
    const { email, password } = await makeConsoleUser(tenant.id)
    const laptop = await signInAs(LAPTOP_UA, email, password)
    const phone = await signInAs(PHONE_UA, email, password)
    assert.equal(laptop.answer.status, 201)
    assert.equal(phone.answer.status, 201)

    // The phone was last used an hour ago: its row expires 11 of the 12 idle hours from now.
    await db
      .connection('operator')
      .from('web_sessions')
      .where('user_id', `console:${laptop.answer.body.user.id}`)
      .whereNot('id', laptop.browser.cookies.get('parley_console')!)
      .update({ expires_at: new Date(Date.now() + 11 * 3_600_000) })

    const list = await laptop.browser.get('/v1/console/sessions')
    assert.equal(list.status, 200)
    const mine = list.body.data.find((s: any) => s.current)
    const other = list.body.data.find((s: any) => !s.current)
    assert.equal(mine.userAgent, LAPTOP_UA)
    assert.equal(other.userAgent, PHONE_UA)
    assert.isString(other.ip)
    assert.isAtMost(minutesAgo(mine.lastSeenAt), 1)
    assert.closeTo(minutesAgo(other.lastSeenAt), 60, 2)
    assert.isAtMost(minutesAgo(other.createdAt), 2)

    // Using the phone moves its last use to now.
    assert.equal((await phone.browser.get('/v1/console/me')).status, 200)
    const again = await laptop.browser.get('/v1/console/sessions')
    const seen = again.body.data.find((s: any) => s.id === other.id)
    assert.isAtMost(minutesAgo(seen.lastSeenAt), 1)
  })

  test("revoking this browser's own session signs it out", async ({ assert }) => {
    const { tenant } = await makeTenant('AccountSelfRevoke')
    const { email, password } = await makeConsoleUser(tenant.id)
    const { browser } = await signInAs(LAPTOP_UA, email, password)
    const list = await browser.get('/v1/console/sessions')
    const mine = list.body.data.find((s: any) => s.current)
    assert.equal((await browser.delete(`/v1/console/sessions/${mine.id}`)).status, 204)
    assert.equal((await browser.get('/v1/console/me')).status, 401)
  })
})

test.group('Console account pages: users and two-step sign-in', () => {
  test('the users list says who has two-step sign-in on and when they last signed in', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('AccountUsers')
    const owner = await makeConsoleUser(tenant.id, { role: 'owner' })
    const dev = await makeConsoleUser(tenant.id, { role: 'developer', totp: true })
    const { browser } = await signInAs(LAPTOP_UA, owner.email, owner.password)
    const invited = await browser.post('/v1/console/users', {
      email: 'new@account-users.test',
      role: 'support',
    })
    assert.equal(invited.status, 201)

    const list = await browser.get('/v1/console/users')
    assert.equal(list.status, 200)
    const byEmail = new Map(list.body.data.map((u: any) => [u.email, u]))
    const me = byEmail.get(owner.email) as any
    const other = byEmail.get(dev.email) as any
    assert.isFalse(me.totpEnabled)
    assert.isTrue(other.totpEnabled)
    assert.isAtMost(minutesAgo(me.lastSignInAt), 2)
    assert.isNull(other.lastSignInAt)
    assert.deepEqual(
      list.body.invitations.map((i: any) => [i.email, i.role]),
      [['new@account-users.test', 'support']]
    )
  })

  test("a user's name or role cannot be emptied (422); what is named changes", async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('AccountRename')
    const owner = await makeConsoleUser(tenant.id, { role: 'owner' })
    const dev = await makeConsoleUser(tenant.id, { role: 'developer' })
    const { browser } = await signInAs(LAPTOP_UA, owner.email, owner.password)
    const url = `/v1/console/users/${dev.user.id}`
    const renamed = await browser.request('PATCH', url, { name: ' Dana ' })
    assert.equal(renamed.status, 200)
    assert.include(renamed.body.user, { name: 'Dana', role: 'developer' })
    // Blank reaches the validator as null (the body parser trims strings and turns '' into
    // null): it was 200 with the old value silently kept.
    for (const body of [
      { name: ' ' },
      { name: '' },
      { name: null },
      { role: '' },
      { role: null },
    ]) {
      const refused = await browser.request('PATCH', url, body)
      assert.equal(refused.status, 422, JSON.stringify(body))
      assert.deepEqual(
        refused.body.error.details.map((d: any) => d.field),
        Object.keys(body)
      )
    }
    const list = await browser.get('/v1/console/users')
    const shown = list.body.data.find((u: any) => u.id === dev.user.id)
    assert.include(shown, { name: 'Dana', role: 'developer' })
  })

  test('a wrong code keeps two-step sign-in as it was, on and off', async ({ assert }) => {
    const { tenant } = await makeTenant('AccountTotp')
    const { email, password } = await makeConsoleUser(tenant.id)
    const { browser } = await signInAs(LAPTOP_UA, email, password)
    const started = await browser.post('/v1/console/totp')
    assert.equal(started.status, 200)
    const wrong = await browser.post('/v1/console/totp/verify', { code: '000000' })
    assert.equal(wrong.status, 422)
    assert.equal(wrong.body.error.details[0].field, 'code')
    assert.isFalse((await browser.get('/v1/console/me')).body.user.totpEnabled)
    // The secret stays pending: a right code after a wrong one still turns it on.
    const right = await browser.post('/v1/console/totp/verify', {
      code: totpCode(started.body.secret),
    })
    assert.equal(right.status, 200)
    assert.equal((await browser.post('/v1/console/totp')).status, 409)

    const wrongOff = await browser.request('DELETE', '/v1/console/totp', { code: '000000' })
    assert.equal(wrongOff.status, 422)
    assert.equal(wrongOff.body.error.details[0].field, 'code')
    assert.isTrue((await browser.get('/v1/console/me')).body.user.totpEnabled)
  })
})
