import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import { setLocale } from '../kit/localize.js'
import { adoptConsoleSheet } from './console-element.js'
import './console-app.js'
import type { ConsoleApp } from './console-app.js'
import type { ConsoleSignIn } from './sign-in.js'

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
      if (body.email !== 'ana@acme.test' || body.password !== 'correct horse') {
        failures++
        return error(401, 'AUTHENTICATION_ERROR', 'Invalid credentials')
      }
      if (!body.code && !body.recoveryCode) return json({ totpRequired: true })
      if (body.code === '123456' || body.recoveryCode === 'abcd-efgh') {
        session = true
        return json(ME, 201)
      }
      failures++
      return error(401, 'AUTHENTICATION_ERROR', 'Invalid code')
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

  it('asks for both fields before calling the API', async () => {
    const calls = mockApi()
    const app = await mount()
    const form = signIn(app)
    await submit(form)
    expect($(form, '[role=alert]').textContent).to.contain('Enter your email and password')
    expect(calls.filter((c) => c.path === '/v1/console/sessions')).to.have.length(0)
  })

  it('moves through the navigation by keyboard; pages without a console UI say they are coming', async () => {
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
    ])
    expect(links[0].getAttribute('aria-current')).to.equal('page')
    links[0].focus()
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'ArrowDown' })
    expect(app.shadowRoot!.activeElement).to.equal(links[2])
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => app.page === 'domains')
    await app.updateComplete
    expect(links[2].getAttribute('aria-current')).to.equal('page')
    expect(app.shadowRoot!.activeElement?.id).to.equal('main')
    const coming = $(app, 'console-coming')
    await (coming as unknown as { updateComplete: Promise<unknown> }).updateComplete
    expect($(coming, 'h1').textContent).to.contain('Domains is coming')
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
