import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import ConsoleInvite from '#commands/console_invite'
import AdminCreate from '#commands/admin_create'
import { makeTenant } from '#tests/helpers'
import { contractMismatch } from '#tests/contract_responses'
import { totpCode } from '#services/console/totp'
import type { ConsoleRole } from '#models/console_user'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { inviteConsoleUser } from '#services/console/invitations'
import { withTenant } from '#services/tenant_context'
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

/** A console user of a new tenant, signed in, who invites with `invite(email, role)`. */
async function signedIn(tenantId: string, role: ConsoleRole) {
  const account = await makeConsoleUser(tenantId, { role })
  const browser = new Browser()
  assert201((await browser.signIn(account.email, account.password)).status)
  const invite = async (email: string, inviteRole: ConsoleRole) => {
    const created = await browser.post('/v1/console/users', { email, role: inviteRole })
    assert201(created.status)
    return { id: created.body.invitation.id as string, token: tokenOf(created.body.link) }
  }
  return { ...account, browser, invite }
}

function assert201(status: number) {
  if (status !== 201) throw new Error(`expected 201, got ${status}`)
}

const pendingIds = async (browser: Browser) =>
  ((await browser.get('/v1/console/users')).body.invitations as { id: string }[]).map((i) => i.id)

/**
 * DELETE /v1/console/invitations/:id. The Browser's fetch is not the API client the contract hook
 * watches, so its answers are checked against the OpenAPI entry here (unless OPENAPI_RESPONSES=off).
 */
async function cancel(browser: Browser, id: string) {
  const path = `/v1/console/invitations/${id}`
  const answer = await browser.delete(path)
  if (process.env.OPENAPI_RESPONSES !== 'off') {
    const mismatch = await contractMismatch(
      'DELETE',
      new URL(path, 'http://localhost'),
      answer.status,
      answer.headers.get('content-type') ?? '',
      answer.body
    )
    if (mismatch) throw new Error(`Response does not match the OpenAPI contract: ${mismatch}`)
  }
  return answer
}

test.group('Cancelling console invitations', () => {
  test('an owner cancels one: 204, the link is refused, the list and the audit say so', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Cancel')
    const owner = await signedIn(tenant.id, 'owner')
    const wrong = await owner.invite('Wrong.Address@cancel.test', 'owner')
    const kept = await owner.invite('right@cancel.test', 'developer')

    const cancelled = await cancel(owner.browser, wrong.id)
    assert.equal(cancelled.status, 204)
    assert.deepEqual(await pendingIds(owner.browser), [kept.id])

    const accept = await new Browser()
      .prime()
      .then((b) =>
        b.post(`/v1/console/invitations/${wrong.token}/accept`, { name: 'W', password: PASSWORD })
      )
    assert.equal(accept.status, 404)
    assert.equal(accept.body.error.code, 'NOT_FOUND')
    // Cancelled once: a second time it is no pending invitation.
    assert.equal((await cancel(owner.browser, wrong.id)).status, 404)

    const events = await db
      .connection('operator')
      .from('audit_events')
      .where('tenant_id', tenant.id)
      .where('action', 'console_invitation.cancelled')
    assert.deepEqual(
      events.map((e) => [e.actor_type, e.actor_id, e.target_type, e.target_id, e.data]),
      [
        [
          'console_user',
          owner.user.id,
          'console_invitation',
          wrong.id,
          { email: 'wrong.address@cancel.test', role: 'owner' },
        ],
      ]
    )
  })

  test("admins cancel all but owners' invitations; developers and support are refused", async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('CancelRoles')
    const owner = await signedIn(tenant.id, 'owner')
    const admin = await signedIn(tenant.id, 'admin')
    const developer = await signedIn(tenant.id, 'developer')
    const support = await signedIn(tenant.id, 'support')
    const forOwner = await owner.invite('o@cancel-roles.test', 'owner')
    const forDeveloper = await owner.invite('d@cancel-roles.test', 'developer')
    const forSupport = await admin.invite('s@cancel-roles.test', 'support')

    const refused = await cancel(admin.browser, forOwner.id)
    assert.equal(refused.status, 403)
    assert.equal(refused.body.error.code, 'AUTHORIZATION_ERROR')
    for (const other of [developer, support]) {
      assert.equal((await cancel(other.browser, forSupport.id)).status, 403)
      assert.equal((await cancel(other.browser, forDeveloper.id)).status, 403)
    }
    assert.sameMembers(await pendingIds(owner.browser), [
      forOwner.id,
      forDeveloper.id,
      forSupport.id,
    ])

    assert.equal((await cancel(admin.browser, forDeveloper.id)).status, 204)
    assert.equal((await cancel(admin.browser, forSupport.id)).status, 204)
    assert.deepEqual(await pendingIds(owner.browser), [forOwner.id])
  })

  test("answers 404 for another tenant's invitation, and leaves it working", async ({ assert }) => {
    const { tenant: one } = await makeTenant('CancelOne')
    const { tenant: two } = await makeTenant('CancelTwo')
    const owner = await signedIn(one.id, 'owner')
    const stranger = await signedIn(two.id, 'owner')
    const theirs = await stranger.invite('theirs@cancel-two.test', 'support')

    const refused = await cancel(owner.browser, theirs.id)
    assert.equal(refused.status, 404)
    assert.equal(refused.body.error.code, 'NOT_FOUND')
    assert.deepEqual(await pendingIds(stranger.browser), [theirs.id])
    const accept = await new Browser()
      .prime()
      .then((b) =>
        b.post(`/v1/console/invitations/${theirs.token}/accept`, { name: 'T', password: PASSWORD })
      )
    assert.equal(accept.status, 201)
  })

  test('answers 404 for an accepted, expired, unknown or malformed id', async ({ assert }) => {
    const { tenant } = await makeTenant('CancelGone')
    const owner = await signedIn(tenant.id, 'owner')
    const accepted = await owner.invite('joined@cancel-gone.test', 'support')
    const expired = await owner.invite('late@cancel-gone.test', 'support')
    const guest = await new Browser().prime()
    const joined = await guest.post(`/v1/console/invitations/${accepted.token}/accept`, {
      name: 'J',
      password: PASSWORD,
    })
    assert.equal(joined.status, 201)
    await db
      .connection('operator')
      .from('console_invitations')
      .where('id', expired.id)
      .update({ expires_at: new Date(Date.now() - 1000) })

    for (const id of [
      accepted.id,
      expired.id,
      '0192f0a4-0000-7000-8000-000000000000',
      'not-an-id',
    ]) {
      const answer = await cancel(owner.browser, id)
      assert.equal(answer.status, 404, id)
      assert.equal(answer.body.error.code, 'NOT_FOUND', id)
    }
    // The joined user is still there.
    const list = await owner.browser.get('/v1/console/users')
    assert.include(JSON.stringify(list.body.data), 'joined@cancel-gone.test')
  })
})

/** POST /v1/console/invitations/:token/accept from a new browser; answers the status. */
const acceptStatus = async (token: string, name = 'N') =>
  (
    await new Browser()
      .prime()
      .then((b) => b.post(`/v1/console/invitations/${token}/accept`, { name, password: PASSWORD }))
  ).status

/** The tenant's open (not accepted) invitation rows, straight from the database. */
const openRows = (tenantId: string) =>
  db
    .connection('operator')
    .from('console_invitations')
    .where('tenant_id', tenantId)
    .whereNull('accepted_at')

test.group('Inviting an email again', () => {
  test('a re-invite replaces the pending invitation: the old link is refused, the new works', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('Reinvite')
    const owner = await signedIn(tenant.id, 'owner')
    const first = await owner.invite('Sam@Reinvite.test', 'support')
    const second = await owner.invite('sam@reinvite.TEST', 'admin')

    assert.notEqual(second.id, first.id)
    const list = await owner.browser.get('/v1/console/users')
    assert.deepEqual(
      list.body.invitations.map((i: { id: string; email: string; role: string }) => [
        i.id,
        i.email,
        i.role,
      ]),
      [[second.id, 'sam@reinvite.test', 'admin']]
    )
    assert.equal((await cancel(owner.browser, first.id)).status, 404)
    assert.equal(await acceptStatus(first.token), 404)
    assert.equal(await acceptStatus(second.token), 201)
    const joined = (await owner.browser.get('/v1/console/users')).body.data.find(
      (u: { email: string }) => u.email === 'sam@reinvite.test'
    )
    assert.equal(joined.role, 'admin')

    const events = await db
      .connection('operator')
      .from('audit_events')
      .where('tenant_id', tenant.id)
      .where('action', 'console_user.invited')
      .orderBy('created_at')
    assert.deepEqual(
      events.map((e) => [e.target_id, e.data.role, e.data.replaced?.id ?? null]),
      [
        [first.id, 'support', null],
        [second.id, 'admin', first.id],
      ]
    )
    assert.equal(events[1].data.replaced.role, 'support')
  })

  test('concurrent invitations of one email leave exactly one pending, whose link works', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('ReinviteRace')
    const owner = await signedIn(tenant.id, 'owner')
    // Several people at once. The tests' app pool has one connection, so these overlap in the
    // database only with DB_POOL_MAX > 1; the next test interleaves two transactions itself.
    const inviters = [
      owner,
      ...(await Promise.all([1, 2, 3, 4].map(() => signedIn(tenant.id, 'admin')))),
    ]
    const emails = [
      'kim@race.test',
      'KIM@race.test',
      'Kim@Race.test',
      'kim@RACE.test',
      'kim@race.test',
    ]
    const invited = await Promise.all(
      inviters.map((inviter, n) => inviter.invite(emails[n], 'developer'))
    )

    const pending = await pendingIds(owner.browser)
    assert.lengthOf(pending, 1)
    assert.lengthOf(await openRows(tenant.id), 1)
    const kept = invited.find((i) => i.id === pending[0])!
    for (const other of invited.filter((i) => i !== kept))
      assert.equal(await acceptStatus(other.token), 404)
    assert.equal(await acceptStatus(kept.token), 201)
  })

  test('an invitation made while another is uncommitted replaces it once that commits', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('ReinviteHeld')
    const actor = { type: 'operator' as const, id: 'test' }
    const invite = (role: ConsoleRole) => (trx: TransactionClientContract) =>
      inviteConsoleUser(trx, { tenantId: tenant.id, email: 'held@race.test', role, actor })
    let started!: () => void
    const firstStarted = new Promise<void>((resolve) => (started = resolve))
    // The first transaction stays open after inviting while the second invites the same email.
    const first = withTenant({ tenantId: tenant.id }, async (trx) => {
      const made = await invite('support')(trx)
      started()
      await new Promise((resolve) => setTimeout(resolve, 300))
      return made
    })
    await firstStarted
    // On the operator's pool: the tests' app pool has one connection, which the first holds.
    const second = withTenant({ tenantId: tenant.id }, invite('admin'), 'operator')
    const [a, b] = await Promise.all([first, second])

    const open = await openRows(tenant.id)
    assert.deepEqual(
      open.map((row) => [row.id, row.role]),
      [[b.invitation.id, 'admin']]
    )
    assert.equal(await acceptStatus(a.token), 404)
    assert.equal(await acceptStatus(b.token), 201)
  })

  test('an email that is already a console user of the tenant answers 409', async ({ assert }) => {
    const { tenant } = await makeTenant('ReinviteMember')
    const owner = await signedIn(tenant.id, 'owner')
    const member = await makeConsoleUser(tenant.id, { role: 'support' })

    const path = '/v1/console/users'
    const refused = await owner.browser.post(path, {
      email: member.email.toUpperCase(),
      role: 'admin',
    })
    assert.equal(refused.status, 409)
    assert.equal(refused.body.error.code, 'CONFLICT')
    assert.equal(refused.body.error.message, 'This email already has a console account')
    if (process.env.OPENAPI_RESPONSES !== 'off') {
      const mismatch = await contractMismatch(
        'POST',
        new URL(path, 'http://localhost'),
        refused.status,
        refused.headers.get('content-type') ?? '',
        refused.body
      )
      assert.isUndefined(mismatch)
    }
    assert.deepEqual(await pendingIds(owner.browser), [])
  })

  test("another tenant's invitation of the same email is left alone", async ({ assert }) => {
    const { tenant: one } = await makeTenant('ReinviteOne')
    const { tenant: two } = await makeTenant('ReinviteTwo')
    const ownerOne = await signedIn(one.id, 'owner')
    const ownerTwo = await signedIn(two.id, 'owner')
    const theirs = await ownerTwo.invite('lee@both.test', 'support')
    await ownerOne.invite('lee@both.test', 'developer')
    const ours = await ownerOne.invite('LEE@both.test', 'admin')

    assert.deepEqual(await pendingIds(ownerOne.browser), [ours.id])
    assert.deepEqual(await pendingIds(ownerTwo.browser), [theirs.id])
    assert.equal(await acceptStatus(theirs.token), 201)
    assert.equal(await acceptStatus(ours.token), 201)
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
