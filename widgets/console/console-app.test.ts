import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import { setLocale } from '../kit/localize.js'
import { adoptConsoleSheet } from './console-element.js'
import './console-app.js'
import type { ConsoleApp } from './console-app.js'
import type { ConsoleSignIn } from './sign-in.js'
import './invite-page.js'
import type { ConsoleInvite, ConsoleInvitationAcceptedEvent } from './invite-page.js'

interface Call {
  method: string
  path: string
  body?: Record<string, unknown>
  headers: Headers
  credentials?: RequestCredentials
}

const ME = {
  user: { id: 'u1', email: 'ana@acme.test', name: 'Ana Lima', role: 'owner' },
  tenant: { id: 't1', name: 'Acme Reseller' },
}

const TENANTS = ['0192f000-0000-7000-8000-0000000000a1', '0192f000-0000-7000-8000-0000000000a2']
const INVITE = `ci_${'0'.repeat(32)}${'a'.repeat(32)}`

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(value === undefined ? null : JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

/**
 * A console API: signed out until a password and then the TOTP code 123456 (or the recovery code
 * abcd-efgh) are sent; `lockAfter` failed attempts answer 429.
 */
function mockApi({ signedIn = false, lockAfter = Infinity } = {}) {
  const calls: Call[] = []
  let session = signedIn
  let failures = 0
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href)
    if (url.origin !== location.origin) return new Response(null, { status: 404 })
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({
      method,
      path: url.pathname,
      body,
      headers: new Headers(init.headers),
      credentials: init.credentials,
    })
    const error = (status: number, code: string, message: string, headers = {}) =>
      json({ error: { code, message } }, status, headers)
    if (url.pathname === '/v1/console/me')
      return session ? json(ME) : error(401, 'AUTHENTICATION_ERROR', 'Authentication required')
    if (url.pathname === '/v1/console/sessions' && method === 'DELETE') {
      session = false
      return new Response(null, { status: 204 })
    }
    if (url.pathname === '/v1/console/sessions' && method === 'POST') {
      if (failures >= lockAfter)
        return error(429, 'RATE_LIMITED', 'Too many attempts', { 'retry-after': '120' })
      if (
        !['ana@acme.test', 'two@acme.test'].includes(body.email) ||
        body.password !== 'correct horse'
      ) {
        failures++
        return error(401, 'AUTHENTICATION_ERROR', 'Invalid credentials')
      }
      if (body.email === 'two@acme.test' && !body.tenantId)
        return json(
          {
            error: {
              code: 'CONFLICT',
              message: 'This email signs in to several tenants: send tenantId',
              details: [{ field: 'tenantId', message: `One of ${TENANTS.join(', ')}` }],
            },
          },
          409
        )
      // As the server answers: 401 carrying totpRequired when a code is due or was wrong.
      const codeDue = () =>
        json(
          {
            error: { code: 'AUTHENTICATION_ERROR', message: 'Enter the code', totpRequired: true },
            totpRequired: true,
          },
          401
        )
      if (!body.code && !body.recoveryCode) return codeDue()
      if (body.code === '123456' || body.recoveryCode === 'abcd-efgh') {
        session = true
        return json(ME, 201)
      }
      failures++
      return codeDue()
    }
    const accept = /^\/v1\/console\/invitations\/([^/]+)\/accept$/.exec(url.pathname)
    if (accept && method === 'POST') {
      if (accept[1] !== INVITE) return error(404, 'NOT_FOUND', 'This link is not valid')
      if (body.password.length < 12)
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [
                { field: 'password', message: 'The password must have at least 12 characters' },
              ],
            },
          },
          422
        )
      return json({ user: { ...ME.user, name: body.name } }, 201)
    }
    if (url.pathname === '/v1/theme') return json({ theme: { tokens: {} } })
    return new Response(null, { status: 404 })
  }) as typeof fetch
  return calls
}

async function mount() {
  adoptConsoleSheet()
  const app = await fixture<ConsoleApp>(html`<console-app></console-app>`)
  await waitUntil(() => app.status !== 'loading')
  await app.updateComplete
  return app
}

const signIn = (app: ConsoleApp) => app.shadowRoot!.querySelector<ConsoleSignIn>('console-sign-in')!
const $ = <E extends Element = HTMLElement>(root: Element, selector: string) =>
  root.shadowRoot!.querySelector<E>(selector)!

async function type(form: ConsoleSignIn, selector: string, value: string) {
  const input = $<HTMLInputElement>(form, selector)
  input.value = value
}

async function submit(form: ConsoleSignIn) {
  $<HTMLButtonElement>(form, 'button[type=submit]').click()
  await new Promise((r) => setTimeout(r, 0))
  await waitUntil(() => !$<HTMLButtonElement>(form, 'button[type=submit]').disabled)
  await form.updateComplete
}

describe('console shell', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
  })
  afterEach(() => setLocale(undefined))

  it('signs in with a password, then the TOTP code, echoing the XSRF cookie', async () => {
    const calls = mockApi()
    const app = await mount()
    const form = signIn(app)
    expect($(form, 'h1').textContent).to.contain('Sign in to the console')

    await type(form, '#email', 'ana@acme.test')
    await type(form, '#password', 'correct horse')
    await submit(form)
    expect($(form, 'h1').textContent).to.contain('Two-step sign-in')
    // Focus moves to the code field, for keyboard and screen-reader users.
    expect(form.shadowRoot!.activeElement?.id).to.equal('code')

    await type(form, '#code', '000000')
    await submit(form)
    expect($(form, '[role=alert]').textContent).to.contain('That code did not work')

    await type(form, '#code', '123456')
    await submit(form)
    await waitUntil(() => app.status === 'signed-in')
    await app.updateComplete
    expect($(app, '.tenant').textContent).to.contain('Acme Reseller')

    const posts = calls.filter((c) => c.path === '/v1/console/sessions')
    expect(posts.map((c) => c.body)).to.deep.equal([
      { email: 'ana@acme.test', password: 'correct horse' },
      { email: 'ana@acme.test', password: 'correct horse', code: '000000' },
      { email: 'ana@acme.test', password: 'correct horse', code: '123456' },
    ])
    for (const post of posts) {
      expect(post.headers.get('x-xsrf-token')).to.equal('tok=42')
      expect(post.credentials).to.equal('same-origin')
    }
    // A safe request carries no CSRF header.
    expect(calls.find((c) => c.path === '/v1/console/me')!.headers.has('x-xsrf-token')).to.equal(
      false
    )
  })

  it('takes a recovery code instead of the app’s code', async () => {
    const calls = mockApi()
    const app = await mount()
    const form = signIn(app)
    await type(form, '#email', 'ana@acme.test')
    await type(form, '#password', 'correct horse')
    await submit(form)
    $<HTMLButtonElement>(form, '.button.link').click()
    await form.updateComplete
    expect($(form, 'label[for=code]').textContent).to.contain('Recovery code')
    await type(form, '#code', 'abcd-efgh')
    await submit(form)
    await waitUntil(() => app.status === 'signed-in')
    expect(calls.at(-2)?.body).to.deep.include({ recoveryCode: 'abcd-efgh' })
  })

  it('says a wrong password in words, and how long to wait when locked out', async () => {
    mockApi({ lockAfter: 1 })
    const app = await mount()
    const form = signIn(app)
    await type(form, '#email', 'ana@acme.test')
    await type(form, '#password', 'wrong')
    await submit(form)
    expect($(form, '[role=alert]').textContent).to.contain(
      'That email and password do not match an account'
    )
    await submit(form)
    expect($(form, '[role=alert]').textContent).to.contain('Too many attempts. Wait 2 min')
  })

  it('asks which tenant when the email signs in to several', async () => {
    const calls = mockApi()
    const app = await mount()
    const form = signIn(app)
    await type(form, '#email', 'two@acme.test')
    await type(form, '#password', 'correct horse')
    await submit(form)
    const select = $<HTMLSelectElement>(form, '#tenant')
    expect([...select.options].map((o) => o.value)).to.deep.equal(TENANTS)
    expect(form.shadowRoot!.activeElement).to.equal(select)
    select.value = TENANTS[1]
    await submit(form)
    expect($(form, 'h1').textContent).to.contain('Two-step sign-in')
    expect(calls.at(-1)?.body).to.deep.equal({
      email: 'two@acme.test',
      password: 'correct horse',
      tenantId: TENANTS[1],
    })
    await type(form, '#code', '123456')
    await submit(form)
    await waitUntil(() => app.status === 'signed-in')
    expect(calls.at(-2)?.body).to.deep.include({ tenantId: TENANTS[1], code: '123456' })
  })

  it('accepts an invitation, then offers sign-in with the email filled in', async () => {
    const calls = mockApi()
    const invite = await fixture<ConsoleInvite>(
      html`<console-invite token=${INVITE}></console-invite>`
    )
    let accepted: ConsoleInvitationAcceptedEvent | undefined
    invite.addEventListener(
      'console-invitation-accepted',
      (e) => (accepted = e as ConsoleInvitationAcceptedEvent)
    )
    $<HTMLInputElement>(invite, '#name').value = 'Ana Lima'
    $<HTMLInputElement>(invite, '#password').value = 'short'
    $<HTMLButtonElement>(invite, 'button[type=submit]').click()
    await invite.updateComplete
    expect($(invite, '#password-hint').textContent).to.contain('At least 12 characters')
    expect(calls.filter((c) => c.path.includes('invitations'))).to.have.length(0)
    $<HTMLInputElement>(invite, '#password').value = 'a long enough password'
    $<HTMLButtonElement>(invite, 'button[type=submit]').click()
    await waitUntil(() => accepted)
    const post = calls.find((c) => c.path.includes('invitations'))!
    expect(post.path).to.equal(`/v1/console/invitations/${INVITE}/accept`)
    expect(post.body).to.deep.equal({ name: 'Ana Lima', password: 'a long enough password' })
    expect(post.headers.get('x-xsrf-token')).to.equal('tok=42')
    expect(accepted!.user.email).to.equal('ana@acme.test')

    const spent = await fixture<ConsoleInvite>(
      html`<console-invite token="ci_nope"></console-invite>`
    )
    expect($(spent, '[role=alert]').textContent).to.contain('This link is not valid')
    expect($<HTMLButtonElement>(spent, 'button[type=submit]').disabled).to.equal(true)

    const used = await fixture<ConsoleInvite>(
      html`<console-invite token=${`ci_${'0'.repeat(32)}${'b'.repeat(32)}`}></console-invite>`
    )
    $<HTMLInputElement>(used, '#name').value = 'Ana'
    $<HTMLInputElement>(used, '#password').value = 'a long enough password'
    $<HTMLButtonElement>(used, 'button[type=submit]').click()
    await waitUntil(() => used.shadowRoot!.querySelector('[role=alert]'))
    expect($(used, '[role=alert]').textContent).to.contain('it was used already, has expired')
  })

  it('asks for both fields before calling the API', async () => {
    const calls = mockApi()
    const app = await mount()
    const form = signIn(app)
    await submit(form)
    expect($(form, '[role=alert]').textContent).to.contain('Enter your email and password')
    expect(calls.filter((c) => c.path === '/v1/console/sessions')).to.have.length(0)
  })

  it('moves through the navigation by keyboard to every page', async () => {
    mockApi({ signedIn: true })
    const app = await mount()
    const links = [...app.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')]
    expect(links.map((a) => a.textContent!.trim())).to.deep.equal([
      'Theme',
      'Branding',
      'Domains',
      'Keys',
      'Origins',
      'Providers',
      'Workspaces',
      'Usage',
      'Audit log',
      'Users',
      'Security',
    ])
    expect(links[0].getAttribute('aria-current')).to.equal('page')
    links[0].focus()
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'ArrowDown' })
    expect(app.shadowRoot!.activeElement).to.equal(links[2])
    // Up from the first wraps to the last.
    await sendKeys({ press: 'Home' })
    await sendKeys({ press: 'ArrowUp' })
    await sendKeys({ press: 'ArrowUp' })
    expect(app.shadowRoot!.activeElement).to.equal(links[9])
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => app.page === 'users')
    await app.updateComplete
    expect(links[9].getAttribute('aria-current')).to.equal('page')
    expect(app.shadowRoot!.activeElement?.id).to.equal('main')
    expect($(app, 'console-users')).to.exist
    await sendKeys({ press: 'End' }) // outside the nav: nothing moves
    links[8].focus()
    await sendKeys({ press: 'Home' })
    expect(app.shadowRoot!.activeElement).to.equal(links[0])
  })

  it('signs out from the account menu, with the CSRF header', async () => {
    const calls = mockApi({ signedIn: true })
    const app = await mount()
    const menu = $(app, 'console-account-menu')
    $<HTMLButtonElement>(menu, '#toggle').click()
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete
    expect($(menu, '#toggle').getAttribute('aria-expanded')).to.equal('true')
    expect($(menu, '.who').textContent).to.contain('ana@acme.test')
    // Escape closes it and gives focus back to the button.
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !$(menu, '#panel'))
    expect(menu.shadowRoot!.activeElement?.id).to.equal('toggle')
    $<HTMLButtonElement>(menu, '#toggle').click()
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete
    $<HTMLButtonElement>(menu, '#sign-out').click()
    await waitUntil(() => app.status === 'signed-out')
    const out = calls.find((c) => c.method === 'DELETE')!
    expect(out.path).to.equal('/v1/console/sessions')
    expect(out.headers.get('x-xsrf-token')).to.equal('tok=42')
  })

  it('goes back to sign-in, with the email filled in, when the session ends', async () => {
    mockApi({ signedIn: true })
    const app = await mount()
    const inner = window.fetch
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input) === '/v1/theme'
        ? json({ error: { code: 'AUTHENTICATION_ERROR', message: 'Sign in' } }, 401)
        : inner(input, init)) as typeof fetch
    const editor = $(app, 'console-theme-editor') as unknown as { load(): Promise<void> }
    await editor.load()
    await waitUntil(() => app.status === 'signed-out')
    await app.updateComplete
    const form = signIn(app)
    await form.updateComplete
    expect($(form, '[role=status]').textContent).to.contain('Your session ended')
    expect($<HTMLInputElement>(form, '#email').value).to.equal('ana@acme.test')
  })

  it('speaks Spanish', async () => {
    mockApi()
    setLocale('es')
    const app = await mount()
    const form = signIn(app)
    expect($(form, 'h1').textContent).to.contain('Inicia sesión en la consola')
    expect($(form, 'label[for=password]').textContent).to.contain('Contraseña')
    await type(form, '#email', 'ana@acme.test')
    await type(form, '#password', 'wrong')
    await submit(form)
    expect($(form, '[role=alert]').textContent).to.contain('no corresponden a ninguna cuenta')
  })

  it('fits 360 px: the navigation folds behind a Menu button', async () => {
    await setViewport({ width: 360, height: 740 })
    try {
      mockApi({ signedIn: true })
      const app = await mount()
      const nav = $(app, 'nav')
      expect(getComputedStyle(nav).display).to.equal('none')
      const toggle = $<HTMLButtonElement>(app, '#menu-toggle')
      toggle.click()
      await app.updateComplete
      expect(getComputedStyle(nav).display).to.equal('block')
      expect(toggle.getAttribute('aria-expanded')).to.equal('true')
      expect(document.documentElement.scrollWidth).to.be.at.most(360)
    } finally {
      await setViewport({ width: 1280, height: 800 })
    }
  })
})
