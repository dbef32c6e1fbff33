import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import './branding-page.js'
import type { Branding, ConsoleBranding } from './branding-page.js'

const SAVED: Branding = {
  name: 'Acme',
  logoUrl: 'https://cdn.acme.test/logo.svg',
  fontUrl: null,
  elementPrefix: null,
  parleyElements: true,
}

/** GET/PATCH /v1/branding as the server answers (422 for the reserved prefix 'parley'). */
function mockBranding() {
  const calls: { method: string; body?: any; xsrf: string | null }[] = []
  let branding = { ...SAVED }
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({ method, body, xsrf: new Headers(init.headers).get('x-xsrf-token') })
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    if (String(input) !== '/v1/branding') return new Response(null, { status: 404 })
    if (method === 'PATCH') {
      if (body.elementPrefix === 'parley')
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [{ field: 'elementPrefix', message: 'parley is reserved' }],
            },
          },
          422
        )
      branding = { ...branding, ...body }
    }
    return json(branding)
  }) as typeof fetch
  return calls
}

const $ = <E extends Element = HTMLElement>(root: Element, selector: string) =>
  root.shadowRoot!.querySelector<E>(selector)!

async function type(page: ConsoleBranding, id: string, value: string) {
  const input = $<HTMLInputElement>(page, `#${id}`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await page.updateComplete
}

describe('branding page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('sends only what changed (an emptied URL as null), with the prefix shown as element names', async () => {
    const calls = mockBranding()
    const page = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#name'))
    expect($<HTMLInputElement>(page, '#name').value).to.equal('Acme')
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)
    // The default names stay unless there is a prefix.
    expect($<HTMLInputElement>(page, '#parleyElements').disabled).to.equal(true)

    await type(page, 'elementPrefix', 'parley')
    expect($(page, '.sample').textContent).to.contain('<parley-inbox>')
    $<HTMLButtonElement>(page, '#save').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#elementPrefix-hint.error'))
    expect($(page, '#elementPrefix-hint').textContent).to.contain('parley is reserved')

    await type(page, 'elementPrefix', 'acme')
    expect($(page, '.sample').textContent).to.contain('<acme-launcher>')
    await type(page, 'logoUrl', '')
    const off = $<HTMLInputElement>(page, '#parleyElements')
    expect(off.disabled).to.equal(false)
    off.click()
    await page.updateComplete
    $<HTMLButtonElement>(page, '#save').click()
    await waitUntil(() =>
      page.shadowRoot!.querySelector('#message')?.textContent?.includes('Saved')
    )
    const patch = calls.filter((c) => c.method === 'PATCH').at(-1)!
    expect(patch.body).to.deep.equal({
      logoUrl: null,
      elementPrefix: 'acme',
      parleyElements: false,
    })
    expect(patch.xsrf).to.equal('tok=42')
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)
  })

  it('reads only for support, and speaks Spanish', async () => {
    mockBranding()
    setLocale('es')
    const page = await fixture<ConsoleBranding>(
      html`<console-branding .userRole=${'support'}></console-branding>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('#name'))
    expect($(page, 'h1').textContent).to.contain('Marca')
    expect($<HTMLInputElement>(page, '#name').readOnly).to.equal(true)
    expect(page.shadowRoot!.querySelector('#save')).to.equal(null)
  })
})
