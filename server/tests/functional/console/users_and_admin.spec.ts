import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import ConsoleInvite from '#commands/console_invite'
import AdminCreate from '#commands/admin_create'
import { makeTenant } from '#tests/helpers'
import { totpCode } from '#services/console/totp'
import { Browser, PASSWORD, makeConsoleUser } from './browser.js'

async function runCommand(command: any, args: string[]) {
  const instance = await ace.create(command, args)
  const before = instance.logger.getLogs().length
  await instance.exec()
  const logs = instance.logger
    .getLogs()
    .slice(before)
    .map((l: { message: string }) => l.message)
  return { instance, json: () => JSON.parse(logs.join('\n')) }
}

const tokenOf = (link: string) => link.split('#')[1]

test.group('Console invitations', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('console:invite prints a link that works once; short passwords are refused', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Invite')
    const run = await runCommand(ConsoleInvite, [
      tenant.id,
      'New.Person@Invite.test',
      '--role',
      'admin',
      '--json',
    ])
    run.instance.assertSucceeded()
    const { link } = run.json()
    assert.match(link, /\/console\/invite#ci_/)
    const browser = await new Browser().prime()
    const accept = (body: object) =>
      browser.post(`/v1/console/invitations/${tokenOf(link)}/accept`, body)
    assert.equal((await accept({ name: 'New', password: 'short' })).status, 422)
    assert.equal((await accept({ name: 'New', password: 'new.person@invite.test' })).status, 422)
    const accepted = await accept({ name: 'New', password: PASSWORD })
    assert.equal(accepted.status, 201)
    assert.equal(accepted.body.user.role, 'admin')
    assert.equal((await accept({ name: 'Again', password: PASSWORD })).status, 404)
    assert.equal((await browser.signIn('new.person@invite.test', PASSWORD)).status, 201)
  })

  test('an expired invitation is refused', async ({ assert }) => {
    const { tenant } = await makeTenant('Expired')
    const { link } = (
      await runCommand(ConsoleInvite, [tenant.id, 'late@invite.test', '--json'])
    ).json()
    await db
      .connection('operator')
      .from('console_invitations')
      .where('tenant_id', tenant.id)
      .update({ expires_at: new Date(Date.now() - 1000) })
    const browser = await new Browser().prime()
    const accept = await browser.post(`/v1/console/invitations/${tokenOf(link)}/accept`, {
      name: 'Late',
      password: PASSWORD,
    })
    assert.equal(accept.status, 404)
  })

  test('console:invite refuses an unknown role or tenant', async () => {
    ;(await runCommand(ConsoleInvite, ['not-a-uuid', 'a@b.test'])).instance.assertFailed()
    const { tenant } = await makeTenant('Role')
    ;(
      await runCommand(ConsoleInvite, [tenant.id, 'a@b.test', '--role', 'king'])
    ).instance.assertFailed()
  })
})

test.group('Console users and roles', () => {
  test('owners and admins invite; admins cannot touch owners; others read', async ({ assert }) => {
    const { tenant } = await makeTenant('Roles')
    const owner = await makeConsoleUser(tenant.id, { role: 'owner' })
    const admin = await makeConsoleUser(tenant.id, { role: 'admin' })
    const support = await makeConsoleUser(tenant.id, { role: 'support' })
    const asAdmin = new Browser()
    await asAdmin.signIn(admin.email, admin.password)
    const asSupport = new Browser()
    await asSupport.signIn(support.email, support.password)

    const list = await asSupport.get('/v1/console/users')
    assert.equal(list.status, 200)
    assert.lengthOf(list.body.data, 3)
    assert.notInclude(JSON.stringify(list.body), 'passwordHash')
    assert.equal(
      (await asSupport.post('/v1/console/users', { email: 'x@roles.test', role: 'support' }))
        .status,
      403
    )

    assert.equal(
      (await asAdmin.post('/v1/console/users', { email: 'o@roles.test', role: 'owner' })).status,
      403
    )
    const invited = await asAdmin.post('/v1/console/users', {
      email: 'd@roles.test',
      role: 'developer',
    })
    assert.equal(invited.status, 201)
    assert.match(invited.body.link, /#ci_/)

    assert.equal(
      (await asAdmin.patch(`/v1/console/users/${owner.user.id}`, { role: 'support' })).status,
      403
    )
    assert.equal((await asAdmin.delete(`/v1/console/users/${owner.user.id}`)).status, 403)
    const demoted = await asAdmin.patch(`/v1/console/users/${support.user.id}`, {
      role: 'developer',
    })
    assert.equal(demoted.status, 200)
    assert.equal(demoted.body.user.role, 'developer')

    // Removing a user ends their sessions.
    assert.equal((await asAdmin.delete(`/v1/console/users/${support.user.id}`)).status, 204)
    assert.equal((await asSupport.get('/v1/console/me')).status, 401)
  })

  test('the last owner stays', async ({ assert }) => {
    const { tenant } = await makeTenant('LastOwner')
    const owner = await makeConsoleUser(tenant.id, { role: 'owner' })
    const browser = new Browser()
    await browser.signIn(owner.email, owner.password)
    const demote = await browser.patch(`/v1/console/users/${owner.user.id}`, { role: 'admin' })
    assert.equal(demote.status, 409)
  })

  test("answers 404 for another tenant's console user ids", async ({ assert }) => {
    const { tenant: one } = await makeTenant('One')
    const { tenant: two } = await makeTenant('Two')
    const owner = await makeConsoleUser(one.id, { role: 'owner' })
    const stranger = await makeConsoleUser(two.id, { role: 'support' })
    const browser = new Browser()
    await browser.signIn(owner.email, owner.password)
    const path = `/v1/console/users/${stranger.user.id}`
    assert.equal((await browser.patch(path, { role: 'owner' })).status, 404)
    assert.equal((await browser.delete(path)).status, 404)
    assert.equal((await browser.patch('/v1/console/users/not-an-id', { name: 'x' })).status, 404)
    const list = await browser.get('/v1/console/users')
    assert.notInclude(JSON.stringify(list.body), stranger.email)
  })
})

test.group('Platform admin', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('admin:create link, first sign-in enrols TOTP, later sign-ins need a code', async ({
    assert,
  }) => {
    const email = `root.${Date.now()}@platform.test`
    const run = await runCommand(AdminCreate, [email, '--json'])
    run.instance.assertSucceeded()
    const { link } = run.json()
    assert.match(link, /\/admin\/invite#pa_/)
    const browser = await new Browser().prime('/v1/admin')
    const set = await browser.post(`/v1/admin/invitations/${tokenOf(link)}/accept`, {
      password: PASSWORD,
    })
    assert.equal(set.status, 201)
    assert.equal(
      (
        await browser.post(`/v1/admin/invitations/${tokenOf(link)}/accept`, {
          password: PASSWORD,
        })
      ).status,
      404
    )

    const first = await browser.signIn(email, PASSWORD, {}, '/v1/admin')
    assert.equal(first.status, 201)
    assert.isTrue(first.body.totpSetupRequired)
    // Only TOTP set-up until it is on.
    assert.equal((await browser.get('/v1/admin/sessions')).status, 403)
    const started = await browser.post('/v1/admin/totp')
    assert.equal(started.status, 200)
    const verified = await browser.post('/v1/admin/totp/verify', {
      code: totpCode(started.body.secret),
    })
    assert.equal(verified.status, 200)
    assert.equal((await browser.get('/v1/admin/sessions')).status, 200)
    assert.equal(
      (await browser.request('DELETE', '/v1/admin/totp', { code: '123456' })).status,
      403
    )

    const later = new Browser()
    const due = await later.signIn(email, PASSWORD, {}, '/v1/admin')
    assert.equal(due.status, 401)
    assert.isTrue(due.body.totpRequired)
    const ok = await later.signIn(
      email,
      PASSWORD,
      { code: totpCode(started.body.secret, Date.now() + 30_000) },
      '/v1/admin'
    )
    assert.equal(ok.status, 201)
    assert.notProperty(ok.body, 'totpSetupRequired')

    // A console cookie is no admin session, and the other way round.
    assert.equal((await later.get('/v1/console/me')).status, 401)
  })
})

test.group('Demo accounts (npm run dev)', () => {
  test('the demo owner signs in without a code, the demo admin with its printed secret', async ({
    assert,
  }) => {
    const { seedDemoAccounts } = await import('#services/console/demo_accounts')
    const { tenant } = await makeTenant('Demo')
    const first = await seedDemoAccounts(tenant.id)
    const again = await seedDemoAccounts(tenant.id)
    assert.equal(again.admin.totpSecret, first.admin.totpSecret)
    // The demo:seed test made the same owner in the demo tenant: one email, two tenants.
    const ambiguous = await new Browser().signIn(first.console.email, first.console.password)
    assert.include([201, 409], ambiguous.status)
    const owner = await new Browser().signIn(first.console.email, first.console.password, {
      tenantId: tenant.id,
    })
    assert.equal(owner.status, 201)
    assert.equal(owner.body.user.role, 'owner')
    const admin = await new Browser().signIn(
      first.admin.email,
      first.admin.password,
      { code: totpCode(first.admin.totpSecret!) },
      '/v1/admin'
    )
    assert.equal(admin.status, 201)
    assert.notProperty(admin.body, 'totpSetupRequired')
  })
})
