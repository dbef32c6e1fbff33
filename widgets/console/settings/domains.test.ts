import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import './domains-page.js'
import type { ConsoleDomains, CustomDomain } from './domains-page.js'
import { fakeFetch, json, $ } from '../test/fake-api.js'

const domain = (patch: Partial<CustomDomain> = {}): CustomDomain => ({
  id: 'd1',
  hostname: 'widgets.acme.test',
  status: 'pending',
  verification: {
    type: 'TXT',
    name: '_parley.widgets.acme.test',
    value: 'parley-verification=abc123',
  },
  target: { type: 'CNAME', value: 'parley.example.net' },
  checkedAt: null,
  error: null,
  ...patch,
})

/** /v1/domains as the server answers: verify fails once (record missing), then verifies. */
function mockDomains() {
  let verifies = 0
  const calls = fakeFetch(async ({ method, path, body }) => {
    if (path === '/v1/domains' && method === 'GET') return json({ data: [], nextCursor: null })
    if (path === '/v1/domains' && method === 'POST') {
      if (body.hostname.includes('/'))
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [{ field: 'hostname', message: 'A hostname has no path' }],
            },
          },
          422
        )
      return json(domain({ hostname: body.hostname }), 201)
    }
    if (path === '/v1/domains/d1/verify')
      return json(
        ++verifies === 1
          ? domain({
              status: 'failed',
              checkedAt: '2026-11-27T08:00:00Z',
              error:
                'TXT record missing: add _parley.widgets.acme.test with the value parley-verification=abc123',
            })
          : domain({ status: 'verified', checkedAt: '2026-11-27T08:05:00Z' })
      )
    if (path === '/v1/domains/d1' && method === 'DELETE') return new Response(null, { status: 204 })
    return new Response(null, { status: 404 })
  })
  return calls
}

describe('domains page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('adds a domain, shows the records to copy, verifies with the reason in words, removes it', async () => {
    const calls = mockDomains()
    const page = await fixture<ConsoleDomains>(html`<console-domains></console-domains>`)
    await waitUntil(() => page.shadowRoot!.textContent!.includes('No custom domains'))

    $<HTMLInputElement>(page, '#hostname').value = 'widgets.acme.test/app'
    $<HTMLButtonElement>(page, 'form button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#hostname-hint.error'))
    expect($(page, '#hostname-hint').textContent).to.contain('A hostname has no path')

    $<HTMLInputElement>(page, '#hostname').value = 'widgets.acme.test'
    $<HTMLButtonElement>(page, 'form button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('[data-domain="d1"]'))
    const card = $(page, '[data-domain="d1"]')
    expect(card.textContent).to.contain('Pending')
    const codes = [...card.querySelectorAll('code')].map((c) => c.textContent)
    expect(codes).to.deep.equal([
      '_parley.widgets.acme.test',
      'parley-verification=abc123',
      'widgets.acme.test',
      'parley.example.net',
    ])
    // Focus goes to the first thing to copy.
    await waitUntil(
      () => page.shadowRoot!.activeElement?.getAttribute('data-copy') === 'd1-txt-name'
    )

    $<HTMLButtonElement>(page, '[data-verify="d1"]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('[data-reason]'))
    expect($(page, '[data-reason]').textContent).to.contain('TXT record missing')
    expect($(page, '.status').textContent).to.contain('Failed')
    $<HTMLButtonElement>(page, '[data-verify="d1"]').click()
    await waitUntil(() => $(page, '.status').textContent!.includes('Verified'))
    expect(page.shadowRoot!.querySelector('[data-reason]')).to.equal(null)
    expect(page.shadowRoot!.querySelector('[data-verify]')).to.equal(null)

    $<HTMLButtonElement>(page, '[data-remove="d1"]').click()
    await page.updateComplete
    $<HTMLButtonElement>(page, '[data-confirm-remove="d1"]').click()
    await waitUntil(() => !page.shadowRoot!.querySelector('[data-domain="d1"]'))
    const unsafe = calls.filter((c) => c.method !== 'GET')
    expect(unsafe.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      'POST /v1/domains',
      'POST /v1/domains',
      'POST /v1/domains/d1/verify',
      'POST /v1/domains/d1/verify',
      'DELETE /v1/domains/d1',
    ])
    for (const call of unsafe) expect(call.xsrf).to.equal('tok=42')
  })

  it('speaks Spanish', async () => {
    mockDomains()
    setLocale('es')
    const page = await fixture<ConsoleDomains>(html`<console-domains></console-domains>`)
    await waitUntil(() => page.shadowRoot!.textContent!.includes('No hay dominios propios'))
    expect($(page, 'h1').textContent).to.contain('Dominios propios')
  })
})
