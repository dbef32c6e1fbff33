import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import './providers-page.js'
import type { ConsoleProviders, ProvidersState, TenantNumber } from './providers-page.js'
import { fakeFetch, json } from '../test/fake-api.js'

const state = (patch: Partial<ProvidersState> = {}): ProvidersState => ({
  openai: {
    configured: false,
    source: null,
    baseUrl: null,
    models: { transcription: 'whisper-1', summary: 'gpt-4o-mini', classification: 'gpt-4o-mini' },
    updatedAt: null,
  },
  stripe: {
    configured: false,
    ready: false,
    mode: null,
    accountId: null,
    livemode: null,
    publishableKey: null,
    verifiedAt: null,
    connectAvailable: true,
  },
  whatsapp: { numbers: 0, connected: 0, byStatus: {} },
  ...patch,
})

const NUMBERS: TenantNumber[] = [
  {
    id: 'n1',
    label: 'Support line',
    phone: '+34600000001',
    status: 'logged_out',
    reason: 'logged_out',
    workspace: { id: 'w2', externalId: 'south', name: 'South Shop' },
  },
  {
    id: 'n2',
    label: 'Sales',
    phone: '+34600000002',
    status: 'open',
    reason: null,
    workspace: { id: 'w1', externalId: 'north', name: 'North Shop' },
  },
  {
    id: 'n3',
    label: 'New',
    phone: null,
    status: 'qr',
    reason: null,
    workspace: { id: 'w1', externalId: 'north', name: 'North Shop' },
  },
]

/**
 * The providers API as the server answers it: a key ending in "good" verifies, any other is
 * refused; a Stripe account must look like acct_….
 */
function mockProviders(
  options: { initial?: ProvidersState; numbers?: TenantNumber[]; fail?: boolean } = {}
) {
  let current = options.initial ?? state()
  let key = ''
  const calls = fakeFetch(async ({ method, path, body }) => {
    if (options.fail)
      return json({ error: { code: 'INTERNAL_ERROR', message: 'Something broke' } }, 500)
    if (path === '/v1/providers') return json(current)
    if (path.startsWith('/v1/providers/whatsapp/numbers')) {
      const all = options.numbers ?? []
      return path.includes('cursor=c2')
        ? json({ data: all.slice(2), nextCursor: null })
        : json({ data: all.slice(0, 2), nextCursor: all.length > 2 ? 'c2' : null })
    }
    if (path === '/v1/providers/openai' && method === 'PUT') {
      key = body.apiKey
      current = {
        ...current,
        openai: {
          ...current.openai,
          configured: true,
          source: 'tenant',
          updatedAt: '2026-11-27T08:00:00Z',
        },
      }
      return json({ provider: 'openai', apiKey: `…${key.slice(-4)}` })
    }
    if (path === '/v1/providers/openai/verify')
      return json(
        key.endsWith('good')
          ? {
              ok: true,
              source: 'tenant',
              checkedAt: '2026-11-27T08:00:01Z',
              models: ['a', 'b', 'c'],
            }
          : {
              ok: false,
              source: 'tenant',
              checkedAt: '2026-11-27T08:00:01Z',
              reason: 'The transcription provider refused the API key',
            }
      )
    if (path === '/v1/providers/stripe' && method === 'PUT') {
      if (body.accountId !== undefined && !/^acct_/.test(body.accountId))
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [{ field: 'accountId', message: 'Not a Stripe account id' }],
            },
          },
          422
        )
      current = {
        ...current,
        stripe: {
          ...current.stripe,
          configured: true,
          ready: true,
          mode: body.accountId ? 'connect' : 'own',
          accountId: body.accountId ?? 'acct_own',
          livemode: false,
          verifiedAt: '2026-11-27T08:00:00Z',
        },
      }
      return json({ mode: current.stripe.mode, accountId: current.stripe.accountId })
    }
    return new Response(null, { status: 404 })
  })
  return calls
}

const inner = (
  page: ConsoleProviders,
  tag: 'console-openai-provider' | 'console-stripe-provider'
) => page.shadowRoot!.querySelector(tag)!.shadowRoot!

const type = (root: ShadowRoot, selector: string, value: string) => {
  const input = root.querySelector<HTMLInputElement>(selector)!
  input.value = value
  input.dispatchEvent(new Event('input'))
}

describe('providers page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('says it is loading, then shows each provider unconfigured and no numbers', async () => {
    mockProviders()
    const page = await fixture<ConsoleProviders>(
      html`<console-providers .userRole=${'owner'}></console-providers>`
    )
    expect(page.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Loading')
    await waitUntil(() => page.shadowRoot!.querySelector('#whatsapp-empty'))
    await page.updateComplete
    expect(inner(page, 'console-openai-provider').querySelector('#state')!.textContent).to.contain(
      'Not configured'
    )
    expect(inner(page, 'console-stripe-provider').querySelector('#state')!.textContent).to.contain(
      'Not connected'
    )
    expect(inner(page, 'console-openai-provider').querySelector('#verify')).to.equal(null)
    await expect(page).to.be.accessible()
  })

  it('sets the OpenAI key, never shows it back, and verifies it at once', async () => {
    const calls = mockProviders()
    const page = await fixture<ConsoleProviders>(
      html`<console-providers .userRole=${'admin'}></console-providers>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('console-openai-provider'))
    const openai = inner(page, 'console-openai-provider')
    await waitUntil(() => openai.querySelector('form'))

    // Without a key: the form says so and sends nothing.
    openai.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await waitUntil(() => openai.querySelector('#apiKey-error'))
    expect(calls.some((c) => c.method === 'PUT')).to.equal(false)

    type(openai, '#apiKey', 'sk-wrong-key')
    openai.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await waitUntil(() => openai.querySelector('#verification'))
    expect(openai.querySelector('#verification')!.textContent).to.contain('refused the API key')
    expect(openai.querySelector('#verification')!.getAttribute('role')).to.equal('alert')
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.body).to.deep.equal({ apiKey: 'sk-wrong-key', transcriptionModel: 'whisper-1' })
    expect(put.xsrf).to.equal('tok=42')
    // The key left the page.
    expect(openai.querySelector<HTMLInputElement>('#apiKey')!.value).to.equal('')
    expect(page.shadowRoot!.textContent + openai.textContent!).to.not.contain('sk-wrong-key')
    await waitUntil(() => openai.querySelector('#state')!.textContent!.includes('your own key'))

    type(openai, '#apiKey', 'sk-key-good')
    openai.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await waitUntil(() => openai.querySelector('#verification')?.textContent?.includes('accepted'))
    expect(openai.querySelector('#verification')!.textContent).to.contain('3 models')
    // Verify on demand.
    const before = calls.length
    openai.querySelector<HTMLButtonElement>('#verify')!.click()
    await waitUntil(() => calls.length > before)
    expect(calls.at(-1)!.path).to.equal('/v1/providers/openai/verify')
    expect(calls.at(-1)!.method).to.equal('POST')
  })

  it('connects Stripe, shows a refusal under its field, then replaces the account', async () => {
    const calls = mockProviders()
    const page = await fixture<ConsoleProviders>(
      html`<console-providers .userRole=${'owner'}></console-providers>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('console-stripe-provider'))
    const stripe = inner(page, 'console-stripe-provider')
    await waitUntil(() => stripe.querySelector('#accountId'))

    type(stripe, '#accountId', 'nope')
    stripe.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await waitUntil(() => stripe.querySelector('#accountId-error'))
    expect(stripe.querySelector('#accountId-error')!.textContent).to.contain('Not a Stripe account')
    expect(stripe.querySelector('#accountId')!.getAttribute('aria-invalid')).to.equal('true')

    type(stripe, '#accountId', 'acct_123')
    stripe.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await waitUntil(() => stripe.querySelector('#account'))
    expect(stripe.querySelector('#account')!.textContent).to.equal('acct_123')
    expect(stripe.querySelector('#state')!.textContent).to.contain('Stripe Connect')
    expect(stripe.querySelector('button[type=submit]')!.textContent).to.contain('Replace')
    expect(stripe.textContent).to.contain('Disconnecting is not offered')

    // Own keys: the secret fields, sent and cleared.
    stripe.querySelector<HTMLInputElement>('input[value=own]')!.click()
    await waitUntil(() => stripe.querySelector('#secretKey'))
    type(stripe, '#secretKey', 'rk_test_abcdefghijkl')
    type(stripe, '#webhookSecret', 'whsec_abcdefghijkl')
    stripe.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await waitUntil(() => stripe.querySelector('#state')!.textContent!.includes('own Stripe keys'))
    expect(calls.filter((c) => c.method === 'PUT').at(-1)!.body).to.deep.equal({
      secretKey: 'rk_test_abcdefghijkl',
      webhookSecret: 'whsec_abcdefghijkl',
    })
    expect(stripe.querySelector<HTMLInputElement>('#secretKey')!.value).to.equal('')
  })

  it('lists every workspace’s numbers with the inbox’s words, by page', async () => {
    mockProviders({
      initial: state({ whatsapp: { numbers: 3, connected: 1, byStatus: {} } }),
      numbers: NUMBERS,
    })
    const page = await fixture<ConsoleProviders>(
      html`<console-providers .userRole=${'owner'}></console-providers>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('#more-numbers'))
    page.shadowRoot!.querySelector<HTMLButtonElement>('#more-numbers')!.click()
    await waitUntil(() => page.shadowRoot!.querySelectorAll('tr[data-number]').length === 3)
    const rows = [...page.shadowRoot!.querySelectorAll('tr[data-number]')]
    expect(rows.map((r) => r.getAttribute('data-number'))).to.deep.equal(['n3', 'n2', 'n1'])
    expect(rows[1].textContent).to.contain('Connected')
    expect(rows[0].textContent).to.contain('Waiting to be linked')
    expect(rows[2].textContent).to.contain('Logged out')
    expect(rows[2].querySelector('.reason')!.textContent).to.contain('logged out from the phone')
    expect(page.shadowRoot!.querySelector('#whatsapp')!.textContent).to.contain('1 of 3 connected')
    expect(page.shadowRoot!.querySelector('#more-numbers')).to.equal(null)
  })

  it('reads only for developers and support', async () => {
    mockProviders({ numbers: NUMBERS })
    for (const role of ['developer', 'support']) {
      const page = await fixture<ConsoleProviders>(
        html`<console-providers .userRole=${role}></console-providers>`
      )
      await waitUntil(() => page.shadowRoot!.querySelector('tr[data-number]'))
      expect(page.shadowRoot!.querySelector('#read-only')).to.not.equal(null)
      expect(inner(page, 'console-openai-provider').querySelector('form')).to.equal(null)
      expect(inner(page, 'console-stripe-provider').querySelector('form')).to.equal(null)
    }
  })

  it('says so when the providers cannot be read', async () => {
    mockProviders({ fail: true })
    const page = await fixture<ConsoleProviders>(html`<console-providers></console-providers>`)
    await waitUntil(() => page.shadowRoot!.querySelector('[role=alert]'))
    expect(page.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'could not be loaded'
    )
    expect(page.shadowRoot!.querySelector('console-openai-provider')).to.equal(null)
  })

  it('speaks Spanish, the WhatsApp states included', async () => {
    mockProviders({ numbers: NUMBERS.slice(0, 2) })
    setLocale('es')
    const page = await fixture<ConsoleProviders>(html`<console-providers></console-providers>`)
    await waitUntil(() => page.shadowRoot!.querySelector('tr[data-number]'))
    expect(page.shadowRoot!.querySelector('h1')!.textContent).to.contain('Proveedores')
    expect(page.shadowRoot!.querySelector('[data-number=n1]')!.textContent).to.contain(
      'Sesión cerrada'
    )
    expect(inner(page, 'console-stripe-provider').textContent).to.contain('Sin conectar')
  })
})
