import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './whatsapp-settings.js'
import type { ParleyWhatsAppSettings } from './whatsapp-settings.js'

const pacing = { minIntervalSeconds: 6, jitterSeconds: 6, dailyCap: 300, warmupDays: 14 }

describe('parley-whatsapp-settings', () => {
  const realFetch = window.fetch
  const calls: { path: string; method: string; body: any }[] = []
  before(() => {
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input))
      const method = init?.method ?? 'GET'
      calls.push({
        path: url.pathname,
        method,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      })
      const json = (status: number, value: unknown) =>
        new Response(JSON.stringify(value), {
          status,
          headers: { 'content-type': 'application/json' },
        })
      if (url.pathname === '/v1/me')
        return json(200, {
          tenant: { id: 't', name: 'Acme' },
          workspaceId: 'w',
          widgets: ['inbox'],
          member: { id: 'm', name: 'Ana', role: 'owner' },
        })
      if (url.pathname === '/v1/whatsapp/numbers')
        return json(200, {
          data: [
            {
              id: 'n1',
              label: 'Sales',
              phone: null,
              status: 'qr',
              error: null,
              qr: '2@abc,def,ghi',
              pairingCode: null,
              pacing,
            },
            {
              id: 'n2',
              label: 'Support',
              phone: '+5511912340000',
              status: 'open',
              error: null,
              qr: null,
              pairingCode: null,
              pacing,
            },
          ],
          nextCursor: null,
        })
      if (url.pathname.endsWith('/pairing-code')) return json(200, { code: '1234ABCD' })
      if (url.pathname === '/v1/realtime/ticket')
        return json(201, { url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' })
      return new Response(null, { status: 204 })
    }) as typeof fetch
    configure({ publishableKey: 'pk', apiUrl: location.origin, session: async () => 'v1.e30.sig' })
  })
  after(() => (window.fetch = realFetch))

  it('shows each number’s state, draws the QR code, and pairs by code on request', async () => {
    const el = await fixture<ParleyWhatsAppSettings>(
      html`<parley-whatsapp-settings></parley-whatsapp-settings>`
    )
    const root = el.shadowRoot!
    await waitUntil(() => root.querySelectorAll('[part="numbers"] > li').length === 2)
    const [sales, support] = root.querySelectorAll('[part="numbers"] > li')
    expect(sales.querySelector('.state')!.textContent).to.contain('Waiting to be linked')
    expect(support.querySelector('.state')!.textContent).to.contain('Connected · +5511912340000')
    const qr = sales.querySelector('svg.qr')!
    expect(qr.getAttribute('role')).to.equal('img')
    expect(qr.querySelector('path')!.getAttribute('d')!.length).to.be.above(100)
    expect(support.querySelector('svg')).to.equal(null)

    const form = sales.querySelector('form')!
    ;(form.elements.namedItem('phone') as HTMLInputElement).value = '+5511912340000'
    form.requestSubmit()
    await waitUntil(() => sales.querySelector('.code'), 'no pairing code shown')
    expect(sales.querySelector('.code')!.textContent!.trim()).to.equal('1234ABCD')
    expect(calls.find((c) => c.path.endsWith('/pairing-code'))!.body).to.deep.equal({
      phone: '+5511912340000',
    })
    await expect(el).to.be.accessible()
  })
})
