import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import type { ConsoleRole, ConsoleUser, PendingInvitation } from './account-api.js'
import { rolesGivenBy, type ConsoleUsers } from './users-page.js'
import './users-page.js'
import { fakeFetch, json, refuse, $ } from '../test/fake-api.js'

const user = (id: string, role: ConsoleRole, extra: Partial<ConsoleUser> = {}): ConsoleUser => ({
  id,
  email: `${id}@acme.test`,
  name: `User ${id}`,
  role,
  totpEnabled: false,
  lastSignInAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
})

const INVITATIONS: PendingInvitation[] = [
  { id: 'i0', email: 'later@acme.test', role: 'support', expiresAt: '2026-12-01T10:00:00Z' },
  { id: 'i2', email: 'boss@acme.test', role: 'owner', expiresAt: '2026-12-01T11:00:00Z' },
]

/**
 * /v1/console/me, /v1/console/users and DELETE /v1/console/invitations/:id as the server answers
 * them, with its rules: owners manage all, admins all but owners, the last owner stays, others
 * are refused; an invitation no longer pending is 404; inviting an email again replaces its
 * pending invitation.
 */
function mockUsers(meId: string, users: ConsoleUser[], pending = INVITATIONS) {
  let list = [...users]
  let invitations = [...pending]
  let made = 0
  const calls = fakeFetch(async ({ method, path, body }) => {
    const me = list.find((u) => u.id === meId)!
    if (path === '/v1/console/me') return json({ user: me, tenant: { id: 't1', name: 'Acme' } })
    if (path === '/v1/console/users' && method === 'GET')
      return json({ data: list, nextCursor: null, invitations })
    const manages = me.role === 'owner' || me.role === 'admin'
    if (path === '/v1/console/users' && method === 'POST') {
      if (!manages || (me.role !== 'owner' && body.role === 'owner'))
        return refuse(403, 'AUTHORIZATION_ERROR', 'Only owners invite owners')
      const email = String(body.email).trim().toLowerCase()
      if (list.some((u) => u.email === email))
        return refuse(409, 'CONFLICT', 'This email already has a console account')
      made += 1
      const invitation = {
        id: made === 1 ? 'i1' : `i1-${made}`,
        email,
        role: body.role,
        expiresAt: '2026-12-02T10:00:00Z',
      }
      // A pending invitation of the same email is replaced.
      invitations = [...invitations.filter((i) => i.email !== email), invitation]
      const link = 'https://console.example/console/invite#ci_0123456789abcdef'
      return json({ invitation, link }, 201)
    }
    if (path.startsWith('/v1/console/invitations/') && method === 'DELETE') {
      const invitation = invitations.find((i) => i.id === path.split('/').pop())
      if (!invitation) return refuse(404, 'NOT_FOUND', 'Invitation not found')
      if (!manages || (me.role !== 'owner' && invitation.role === 'owner'))
        return refuse(403, 'AUTHORIZATION_ERROR', 'Only owners cancel invitations of owners')
      invitations = invitations.filter((i) => i !== invitation)
      return new Response(null, { status: 204 })
    }
    const id = path.split('/').pop()!
    const target = list.find((u) => u.id === id)
    if (!target) return refuse(404, 'NOT_FOUND', 'User not found')
    if (!manages || (me.role !== 'owner' && target.role === 'owner'))
      return refuse(403, 'AUTHORIZATION_ERROR', 'Only owners change owners')
    const owners = list.filter((u) => u.role === 'owner' && u.id !== id).length
    if (method === 'PATCH') {
      if (target.role === 'owner' && body.role !== 'owner' && owners === 0)
        return refuse(409, 'CONFLICT', 'The tenant must keep at least one owner')
      list = list.map((u) => (u.id === id ? { ...u, role: body.role } : u))
      return json({ user: list.find((u) => u.id === id) })
    }
    if (method === 'DELETE') {
      list = list.filter((u) => u.id !== id)
      return new Response(null, { status: 204 })
    }
    return new Response(null, { status: 404 })
  })
  return calls
}

const row = (page: Element, id: string) => $(page, `tr[data-user="${id}"]`)
/** Whether `selector` is drawn (a boolean: a failing check then prints no element). */
const has = (page: Element, selector: string) => page.shadowRoot!.querySelector(selector) !== null
const focused = (root: Element) => root.shadowRoot!.activeElement as HTMLElement | null

async function openPage() {
  const page = await fixture<ConsoleUsers>(html`<console-users></console-users>`)
  await waitUntil(() => page.shadowRoot!.querySelector('tbody tr'))
  return page
}

async function chooseRole(page: Element, id: string, role: ConsoleRole) {
  const select = $<HTMLSelectElement>(page, `select[data-role="${id}"]`)
  select.value = role
  select.dispatchEvent(new Event('change'))
  await (page as ConsoleUsers).updateComplete
  $<HTMLButtonElement>(page, `[data-change-role="${id}"]`).click()
}

describe('users page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('gives the roles each role may give', () => {
    expect(rolesGivenBy('owner')).to.deep.equal(['owner', 'admin', 'developer', 'support'])
    expect(rolesGivenBy('admin')).to.deep.equal(['admin', 'developer', 'support'])
    expect(rolesGivenBy('developer')).to.deep.equal([])
    expect(rolesGivenBy(undefined)).to.deep.equal([])
  })

  it('lists users with role, two-step sign-in and last sign-in; pending invitations', async () => {
    mockUsers('o1', [
      user('o1', 'owner', { totpEnabled: true, lastSignInAt: '2026-11-27T08:00:00Z' }),
      user('d1', 'developer', { name: null }),
    ])
    const page = await openPage()
    expect(row(page, 'o1').textContent).to.contain('User o1').and.contain('You').and.contain('On')
    expect(row(page, 'o1').textContent).to.contain('2026')
    expect(row(page, 'd1').textContent).to.contain('d1@acme.test').and.contain('Off')
    expect(row(page, 'd1').textContent).to.contain('Never')
    expect($(page, '[data-invitation="i0"]').textContent).to.contain('later@acme.test')
    expect($(page, 'dl').textContent).to.contain('Reads every page and changes nothing')
    // The only owner can be neither demoted nor removed: said in place of the controls.
    expect(row(page, 'o1').querySelector('select, [data-remove]')).to.equal(null)
    expect($(page, '[data-reason="o1"]').textContent).to.contain('The only owner')
    expect(row(page, 'd1').querySelector('select')).to.exist
  })

  it('invites: the one-time link is shown to copy, then gone', async () => {
    const calls = mockUsers('o1', [user('o1', 'owner')])
    const page = await openPage()
    const roles = [...page.shadowRoot!.querySelectorAll('#invite-role option')].map(
      (o) => (o as HTMLOptionElement).value
    )
    expect(roles).to.deep.equal(['owner', 'admin', 'developer', 'support'])

    // Empty: said under the field, nothing sent.
    $<HTMLButtonElement>(page, 'form.invite button[type=submit]').click()
    await page.updateComplete
    expect($(page, '#invite-error').textContent).to.contain('Enter the email')
    expect(calls.filter((c) => c.method === 'POST')).to.have.length(0)

    $<HTMLInputElement>(page, '#invite-email').value = 'new@acme.test'
    $<HTMLSelectElement>(page, '#invite-role').value = 'support'
    $<HTMLButtonElement>(page, 'form.invite button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#link-card'))
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).to.deep.equal({ email: 'new@acme.test', role: 'support' })
    expect(post.xsrf).to.equal('tok=42')
    expect($(page, '#link').textContent).to.equal(
      'https://console.example/console/invite#ci_0123456789abcdef'
    )
    expect($(page, '#link-card').textContent).to.contain('only time it is shown')
    expect(focused(page)?.id).to.equal('copy-link')
    expect($(page, '[data-invitation="i1"]').textContent).to.contain('new@acme.test')

    $<HTMLButtonElement>(page, '#link-done').click()
    await page.updateComplete
    expect(page.shadowRoot!.textContent).to.not.contain('ci_0123456789abcdef')
    expect(focused(page)?.id).to.equal('invite-email')
  })

  it('inviting a pending email again lists only the new invitation', async () => {
    mockUsers('o1', [user('o1', 'owner')])
    const page = await openPage()
    $<HTMLInputElement>(page, '#invite-email').value = 'Later@acme.test'
    $<HTMLSelectElement>(page, '#invite-role').value = 'developer'
    $<HTMLButtonElement>(page, 'form.invite button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('[data-invitation="i1"]'))
    const listed = [...page.shadowRoot!.querySelectorAll('[data-invitation]')].map((item) => [
      item.getAttribute('data-invitation'),
      item.textContent!.includes('later@acme.test'),
    ])
    expect(listed).to.deep.equal([
      ['i2', false],
      ['i1', true],
    ])
  })

  it('an email that already has an account is said under the field', async () => {
    mockUsers('o1', [user('o1', 'owner'), user('d1', 'developer')])
    const page = await openPage()
    $<HTMLInputElement>(page, '#invite-email').value = 'd1@acme.test'
    $<HTMLButtonElement>(page, 'form.invite button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#invite-error'))
    expect($(page, '#invite-error').textContent).to.contain('already has a console account')
    expect($(page, '#invite-email').getAttribute('aria-invalid')).to.equal('true')
  })

  it('changes a role; a refusal from the server is shown under the control', async () => {
    const calls = mockUsers('o1', [
      user('o1', 'owner'),
      user('o2', 'owner'),
      user('d1', 'developer'),
    ])
    const page = await openPage()
    // Save appears once another role is chosen.
    expect(page.shadowRoot!.querySelector('[data-change-role="d1"]')).to.equal(null)
    await chooseRole(page, 'd1', 'admin')
    await waitUntil(() => $(page, '#message')?.textContent?.includes('User d1 is now Admin'))
    expect(calls.find((c) => c.method === 'PATCH')!.body).to.deep.equal({ role: 'admin' })
    expect($<HTMLSelectElement>(page, 'select[data-role="d1"]').value).to.equal('admin')

    // Another owner demoted o2 meanwhile: the page still offers o1's role, the server refuses.
    mockUsers('o1', [user('o1', 'owner'), user('o2', 'support'), user('d1', 'admin')])
    await chooseRole(page, 'o1', 'admin')
    await waitUntil(() => page.shadowRoot!.querySelector('#role-error-o1'))
    const error = $(page, '#role-error-o1')
    expect(error.textContent).to.contain('must keep an owner')
    const select = $<HTMLSelectElement>(page, 'select[data-role="o1"]')
    expect(select.getAttribute('aria-describedby')).to.equal('role-error-o1')
    expect(select.value).to.equal('owner')
    expect(focused(page)).to.equal(select)
  })

  it('an admin cannot touch owners or make one, and is told why', async () => {
    const calls = mockUsers('a1', [user('o1', 'owner'), user('a1', 'admin'), user('s1', 'support')])
    const page = await openPage()
    expect(row(page, 'o1').querySelector('select')).to.equal(null)
    expect(row(page, 'o1').querySelector('[data-remove]')).to.equal(null)
    expect($(page, '[data-reason="o1"]').textContent).to.contain('Only an owner')
    const options = [...row(page, 's1').querySelectorAll('option')].map((o) => o.value)
    expect(options).to.deep.equal(['admin', 'developer', 'support'])
    expect($(page, 'form.invite').textContent).to.not.contain('Owner')
    expect(page.shadowRoot!.textContent).to.contain('only owners invite owners')

    // Remove after confirming; Cancel sends nothing.
    const dialog = $(page, 'console-confirm')
    $<HTMLButtonElement>(page, '[data-remove="s1"]').click()
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain('Remove User s1?')
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#cancel')!.click()
    await waitUntil(() => !dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(calls.some((c) => c.method === 'DELETE')).to.equal(false)
    $<HTMLButtonElement>(page, '[data-remove="s1"]').click()
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => !page.shadowRoot!.querySelector('tr[data-user="s1"]'))
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/v1/console/users/s1')
    expect($(page, '#message').textContent).to.contain('User s1 is removed')
    expect(focused(page)?.id).to.equal('list-title')
  })

  it('removing yourself signs you out', async () => {
    mockUsers('a1', [user('o1', 'owner'), user('a1', 'admin')])
    const page = await openPage()
    $<HTMLButtonElement>(page, '[data-remove="a1"]').click()
    const dialog = $(page, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain('Remove yourself?')
    const signedOut = oneEvent(page, 'console-sign-out')
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await signedOut
  })

  it('cancels an invitation by keyboard, after confirming; Keep it sends nothing', async () => {
    const calls = mockUsers('o1', [user('o1', 'owner')])
    const page = await openPage()
    const dialog = $(page, 'console-confirm')
    const isOpen = () => dialog.shadowRoot!.querySelector('dialog')!.open
    // An owner cancels any invitation, an owner's too.
    expect(has(page, '[data-cancel-invitation="i2"]')).to.equal(true)
    const button = $<HTMLButtonElement>(page, '[data-cancel-invitation="i0"]')
    expect(button.getAttribute('aria-label')).to.equal('Cancel invitation for later@acme.test')
    await expect(page).to.be.accessible()

    button.focus()
    await sendKeys({ press: 'Enter' })
    await waitUntil(isOpen)
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain(
      'Cancel the invitation for later@acme.test?'
    )
    expect(focused(dialog)?.id).to.equal('cancel')
    expect(focused(dialog)?.textContent?.trim()).to.equal('Keep it')
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !isOpen())
    expect(calls.some((c) => c.method === 'DELETE')).to.equal(false)
    expect(focused(page)?.dataset.cancelInvitation).to.equal('i0')

    await sendKeys({ press: 'Enter' })
    await waitUntil(isOpen)
    await sendKeys({ press: 'Tab' })
    expect(focused(dialog)?.id).to.equal('confirm')
    expect(focused(dialog)?.textContent?.trim()).to.equal('Cancel invitation')
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => !page.shadowRoot!.querySelector('[data-invitation="i0"]'))
    const sent = calls.find((c) => c.method === 'DELETE')!
    expect(sent.path).to.equal('/v1/console/invitations/i0')
    expect(sent.xsrf).to.equal('tok=42')
    expect($(page, '#message').textContent).to.contain('later@acme.test is cancelled')
    expect(has(page, '[data-invitation="i2"]')).to.equal(true)
    expect(focused(page)?.id).to.equal('pending-title')

    // The last one: the section goes, focus moves to the people list.
    $<HTMLButtonElement>(page, '[data-cancel-invitation="i2"]').click()
    await waitUntil(isOpen)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => !page.shadowRoot!.querySelector('#pending-title'))
    expect(focused(page)?.id).to.equal('list-title')
  })

  it("an admin cancels all but an owner's invitation, which says why", async () => {
    const calls = mockUsers('a1', [user('o1', 'owner'), user('a1', 'admin')])
    const page = await openPage()
    expect(has(page, '[data-cancel-invitation="i2"]')).to.equal(false)
    expect($(page, '[data-invitation-reason="i2"]').textContent).to.contain(
      "Only an owner cancels an owner's invitation"
    )
    $<HTMLButtonElement>(page, '[data-cancel-invitation="i0"]').click()
    const dialog = $(page, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => !page.shadowRoot!.querySelector('[data-invitation="i0"]'))
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).to.deep.equal([
      '/v1/console/invitations/i0',
    ])
  })

  it('an invitation accepted meanwhile is said, and the lists are read again', async () => {
    mockUsers('o1', [user('o1', 'owner')])
    const page = await openPage()
    // Meanwhile later@acme.test accepted: no longer pending (404), now a user.
    mockUsers(
      'o1',
      [user('o1', 'owner'), user('n1', 'support', { email: 'later@acme.test' })],
      INVITATIONS.filter((i) => i.id !== 'i0')
    )
    $<HTMLButtonElement>(page, '[data-cancel-invitation="i0"]').click()
    const dialog = $(page, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => page.shadowRoot!.querySelector('tr[data-user="n1"]'))
    expect(has(page, '[data-invitation="i0"]')).to.equal(false)
    expect($(page, '#message').textContent).to.contain('no longer pending')
  })

  it('cancelling the invitation whose link is on screen takes the link away', async () => {
    mockUsers('o1', [user('o1', 'owner')])
    const page = await openPage()
    $<HTMLInputElement>(page, '#invite-email').value = 'typo@acme.tset'
    $<HTMLButtonElement>(page, 'form.invite button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#link-card'))
    $<HTMLButtonElement>(page, '[data-cancel-invitation="i1"]').click()
    const dialog = $(page, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => !page.shadowRoot!.querySelector('[data-invitation="i1"]'))
    expect(has(page, '#link-card')).to.equal(false)
  })

  it('reads only for developer and support, saying who can change things', async () => {
    mockUsers('s1', [user('o1', 'owner'), user('s1', 'support')])
    const page = await openPage()
    expect(page.shadowRoot!.querySelector('form.invite')).to.equal(null)
    expect(page.shadowRoot!.querySelector('select')).to.equal(null)
    expect(page.shadowRoot!.querySelector('[data-remove]')).to.equal(null)
    expect(has(page, '[data-cancel-invitation]')).to.equal(false)
    expect(has(page, '[data-invitation-reason]')).to.equal(false)
    expect($(page, '#read-only').textContent).to.contain('your role is Support')
    expect(row(page, 'o1').textContent).to.contain('Owner')
  })

  it('speaks Spanish', async () => {
    mockUsers('o1', [user('o1', 'owner')])
    setLocale('es')
    const page = await openPage()
    expect($(page, 'h1').textContent).to.equal('Usuarios')
    expect(row(page, 'o1').textContent).to.contain('Tú').and.contain('Desactivado')
    expect($(page, 'dl').textContent).to.contain('Propietario')
    expect($(page, '[data-cancel-invitation="i0"]').textContent!.trim()).to.equal(
      'Cancelar invitación'
    )
  })
})
