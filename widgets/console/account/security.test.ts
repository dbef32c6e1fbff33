import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import { describeUserAgent } from './user-agent.js'
import type { ConsoleSession } from './account-api.js'
import type { ConsoleSecurity } from './security-page.js'
import type { ConsoleSessions } from './sessions-list.js'
import type { ConsoleTotpEnrolment } from './totp-enrolment.js'
import './security-page.js'
import { fakeFetch, json, $ } from '../test/fake-api.js'

const invalidCode = () =>
  json(
    {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid',
        details: [{ field: 'code', message: 'The code is wrong or has expired' }],
      },
    },
    422
  )

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const CODES = ['aaaa-1111', 'bbbb-2222', 'cccc-3333']
const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'

/** /v1/console/me, sessions and totp as the server answers them: code 123456 is right. */
function mockAccount(options: { totpEnabled?: boolean } = {}) {
  let totpEnabled = options.totpEnabled ?? false
  let pending = false
  let sessions: ConsoleSession[] = [
    {
      id: 's1',
      createdAt: '2026-11-27T08:00:00Z',
      lastSeenAt: new Date().toISOString(),
      ip: '203.0.113.7',
      userAgent: CHROME_MAC,
      current: true,
    },
    {
      id: 's2',
      createdAt: '2026-11-20T08:00:00Z',
      lastSeenAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      ip: '198.51.100.4',
      userAgent: SAFARI_IPHONE,
      current: false,
    },
    {
      id: 's3',
      createdAt: '2026-11-18T08:00:00Z',
      lastSeenAt: null,
      ip: '198.51.100.9',
      userAgent: null,
      current: false,
    },
  ]
  const calls = fakeFetch(async ({ method, path, body }) => {
    if (path === '/v1/console/me')
      return json({
        user: {
          id: 'u1',
          email: 'ana@acme.test',
          name: 'Ana',
          role: 'developer',
          totpEnabled,
          lastSignInAt: null,
          createdAt: '2026-01-01T00:00:00Z',
        },
        tenant: { id: 't1', name: 'Acme' },
      })
    if (path === '/v1/console/sessions') return json({ data: sessions, nextCursor: null })
    if (path.startsWith('/v1/console/sessions/') && method === 'DELETE') {
      const id = path.split('/').pop()
      sessions = sessions.filter((s) => s.id !== id)
      return new Response(null, { status: 204 })
    }
    if (path === '/v1/console/totp' && method === 'POST') {
      pending = true
      return json({
        otpauthUrl: `otpauth://totp/Parley:ana@acme.test?secret=${SECRET}`,
        secret: SECRET,
      })
    }
    if (path === '/v1/console/totp/verify') {
      if (!pending || body.code !== '123456') return invalidCode()
      totpEnabled = true
      return json({ recoveryCodes: CODES })
    }
    if (path === '/v1/console/totp' && method === 'DELETE') {
      if (body.code !== '123456') return invalidCode()
      totpEnabled = false
      return new Response(null, { status: 204 })
    }
    return new Response(null, { status: 404 })
  })
  return calls
}

/** The focused element, through the shadow roots of the elements on the way. */
const focused = (root: Element) => {
  let active = root.shadowRoot!.activeElement as HTMLElement | null
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement
  return active
}
/** The enrolment step's element, where the code, the key and the recovery codes are. */
const enrolment = (page: ConsoleSecurity) => $<ConsoleTotpEnrolment>(page, 'console-totp-enrolment')
const sessionsOf = (page: ConsoleSecurity) => $<ConsoleSessions>(page, 'console-sessions')

async function typeCode(host: Element, code: string) {
  $<HTMLInputElement>(host, '#code').value = code
  $<HTMLButtonElement>(host, 'form button[type=submit]').click()
}

describe('security page: two-step sign-in', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('turns on: QR and key, a wrong code keeps the step, then the recovery codes once', async () => {
    const calls = mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-on'))
    expect($(page, 'section').textContent).to.contain('Off')

    $<HTMLButtonElement>(page, '#turn-on').click()
    await waitUntil(() => enrolment(page)?.shadowRoot?.querySelector('#enrol'))
    const enrol = enrolment(page)
    expect(calls.find((c) => c.path === '/v1/console/totp')!.xsrf).to.equal('tok=42')
    // The QR code is drawn inline, and the key is readable in groups of four.
    const qr = $(enrol, 'svg.qr')
    expect(qr.getAttribute('role')).to.equal('img')
    expect(qr.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(500)
    expect($(enrol, '#secret').textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')
    expect(focused(page)?.id).to.equal('step-title')

    // Not six digits: said at once, nothing sent.
    await typeCode(enrol, '12')
    await waitUntil(() => $(enrol, '#code-error'))
    expect($(enrol, '#code-error').textContent).to.contain('six-digit')
    expect(calls.filter((c) => c.path === '/v1/console/totp/verify')).to.have.length(0)

    await typeCode(enrol, '000 000')
    await waitUntil(() => $(enrol, '#code-error')?.textContent?.includes('did not work'))
    expect($(enrol, '#enrol')).to.exist
    expect($(enrol, '#code').getAttribute('aria-invalid')).to.equal('true')
    await waitUntil(() => focused(page)?.id === 'code')
    expect(calls.at(-1)!.body).to.deep.equal({ code: '000000' })

    await typeCode(enrol, '123456')
    await waitUntil(() => enrol.shadowRoot!.querySelector('#codes'))
    const shown = [...enrol.shadowRoot!.querySelectorAll('ol.codes code')].map((c) => c.textContent)
    expect(shown).to.deep.equal(CODES)
    expect(focused(page)?.id).to.equal('step-title')
    // "Done" waits for "I saved them".
    const done = $<HTMLButtonElement>(enrol, '#codes-done')
    expect(done.disabled).to.equal(true)
    $<HTMLInputElement>(enrol, '#saved').click()
    await enrol.updateComplete
    expect(done.disabled).to.equal(false)
    done.click()
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-off'))
    expect(page.shadowRoot!.textContent).to.not.contain('aaaa-1111')
    expect(page.shadowRoot!.querySelector('console-totp-enrolment')).to.equal(null)
    expect($(page, '#message').textContent).to.contain('Two-step sign-in is on')
    expect(focused(page)?.id).to.equal('totp-title')
  })

  it('downloads the recovery codes as a text file', async () => {
    mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-on'))
    $<HTMLButtonElement>(page, '#turn-on').click()
    await waitUntil(() => enrolment(page)?.shadowRoot?.querySelector('#code'))
    const enrol = enrolment(page)
    await typeCode(enrol, '123456')
    await waitUntil(() => enrol.shadowRoot!.querySelector('#download'))
    // The file is a Blob behind an object URL, fetched by a click on a download link.
    let blob: Blob | undefined
    let name = ''
    const { createObjectURL } = URL
    const { click } = HTMLAnchorElement.prototype
    URL.createObjectURL = (value: Blob | MediaSource) => {
      blob = value as Blob
      return 'blob:recovery-codes'
    }
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      name = this.download
    }
    try {
      $<HTMLButtonElement>(enrol, '#download').click()
    } finally {
      URL.createObjectURL = createObjectURL
      HTMLAnchorElement.prototype.click = click
    }
    const saved = { name, text: await blob!.text() }
    expect(saved.name).to.equal('console-recovery-codes.txt')
    expect(saved.text).to.contain('ana@acme.test (Acme)')
    for (const code of CODES) expect(saved.text).to.contain(code)
  })

  it('turns off with a current code; a wrong one keeps it on and says so', async () => {
    const calls = mockAccount({ totpEnabled: true })
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-off'))
    expect($(page, 'section').textContent).to.contain('On')
    $<HTMLButtonElement>(page, '#turn-off').click()
    await waitUntil(() => focused(page)?.id === 'code')

    await typeCode(page, '999999')
    await waitUntil(() => page.shadowRoot!.querySelector('#code-error'))
    expect($(page, '#code-error').textContent).to.contain('did not work')
    expect($(page, 'form')).to.exist

    await typeCode(page, '123456')
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-on'))
    const off = calls.filter((c) => c.method === 'DELETE' && c.path === '/v1/console/totp')
    expect(off.map((c) => c.body.code)).to.deep.equal(['999999', '123456'])
    expect($(page, '#message').textContent).to.contain('off')
    expect(focused(page)?.id).to.equal('turn-on')
  })

  it('Cancel leaves the code step and gives focus back to the button', async () => {
    mockAccount({ totpEnabled: true })
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-off'))
    $<HTMLButtonElement>(page, '#turn-off').click()
    await waitUntil(() => page.shadowRoot!.querySelector('form'))
    $<HTMLButtonElement>(page, 'form button[type=button]').click()
    await waitUntil(() => focused(page)?.id === 'turn-off')
  })

  it('Cancel while turning on goes back to Off, focus on Turn on', async () => {
    mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#turn-on'))
    $<HTMLButtonElement>(page, '#turn-on').click()
    await waitUntil(() => enrolment(page)?.shadowRoot?.querySelector('form'))
    $<HTMLButtonElement>(enrolment(page), 'form button[type=button]').click()
    await waitUntil(() => focused(page)?.id === 'turn-on')
    expect(page.shadowRoot!.querySelector('console-totp-enrolment')).to.equal(null)
  })
})

describe('security page: sessions', () => {
  beforeEach(() => {
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('names browsers from the user agent', () => {
    expect(describeUserAgent(CHROME_MAC)).to.deep.equal({ browser: 'Chrome', os: 'macOS' })
    expect(describeUserAgent(SAFARI_IPHONE)).to.deep.equal({ browser: 'Safari', os: 'iOS' })
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
      )
    ).to.deep.equal({ browser: 'Edge', os: 'Windows' })
    expect(
      describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')
    ).to.deep.equal({ browser: 'Firefox', os: 'Linux' })
    expect(describeUserAgent(null)).to.deep.equal({})
  })

  it('lists sessions with browser, address and last activity, this browser marked', async () => {
    mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    const list = sessionsOf(page)
    await waitUntil(() => list.shadowRoot!.querySelectorAll('tbody tr').length === 3)
    const rows = [...list.shadowRoot!.querySelectorAll('tbody tr')]
    expect(rows[0].textContent).to.contain('Chrome on macOS').and.contain('This browser')
    expect(rows[0].textContent).to.contain('203.0.113.7').and.contain('Now')
    expect(rows[1].textContent).to.contain('Safari on iOS').and.contain('3 hours ago')
    expect(rows[1].textContent).to.not.contain('This browser')
    expect(rows[2].textContent).to.contain('Unknown browser')
  })

  it('signs another browser out after confirming; Escape cancels', async () => {
    const calls = mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    const list = sessionsOf(page)
    await waitUntil(() => list.shadowRoot!.querySelector('[data-revoke="s2"]'))
    const revoke = $<HTMLButtonElement>(list, '[data-revoke="s2"]')
    expect(revoke.getAttribute('aria-label')).to.equal('Sign out Safari on iOS, 198.51.100.4')
    const dialog = $(list, 'console-confirm')

    revoke.focus()
    revoke.click()
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain('Safari on iOS')
    expect(dialog.shadowRoot!.activeElement?.id).to.equal('cancel')
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(calls.some((c) => c.method === 'DELETE')).to.equal(false)
    expect(focused(list)).to.equal(revoke)

    revoke.click()
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => !list.shadowRoot!.querySelector('[data-session="s2"]'))
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/v1/console/sessions/s2')
    expect($(list, '#sessions-message').textContent).to.contain('Safari on iOS is signed out')
    expect(focused(list)?.id).to.equal('sessions-title')
  })

  it('signing out this browser tells the app to show sign-in', async () => {
    const calls = mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    const list = sessionsOf(page)
    await waitUntil(() => list.shadowRoot!.querySelector('[data-revoke="s1"]'))
    $<HTMLButtonElement>(list, '[data-revoke="s1"]').click()
    const dialog = $(list, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain('this browser')
    const signedOut = oneEvent(page, 'console-sign-out')
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await signedOut
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/v1/console/sessions/s1')
  })

  it('signs out every other browser at once', async () => {
    const calls = mockAccount()
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    const list = sessionsOf(page)
    await waitUntil(() => list.shadowRoot!.querySelector('#sign-out-others'))
    $<HTMLButtonElement>(list, '#sign-out-others').click()
    const dialog = $(list, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')!.open)
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain('2 other browsers')
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => list.shadowRoot!.querySelectorAll('tbody tr').length === 1)
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).to.deep.equal([
      '/v1/console/sessions/s2',
      '/v1/console/sessions/s3',
    ])
    expect(list.shadowRoot!.textContent).to.contain('Only this browser is signed in')
  })

  it('speaks Spanish', async () => {
    mockAccount()
    setLocale('es')
    const page = await fixture<ConsoleSecurity>(html`<console-security></console-security>`)
    const list = sessionsOf(page)
    await waitUntil(() => list.shadowRoot!.querySelectorAll('tbody tr').length === 3)
    expect($(page, 'h1').textContent).to.equal('Seguridad')
    expect($(page, '#turn-on').textContent!.trim()).to.equal('Activar')
    expect(list.shadowRoot!.textContent).to.contain('Chrome en macOS').and.contain('hace 3 horas')
  })
})
