import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './whatsapp-settings.js'
import type { ParleyWhatsAppSettings } from './whatsapp-settings.js'

const pacing = { minIntervalSeconds: 6, jitterSeconds: 6, dailyCap: 300, warmupDays: 14 }
const DNS = 'WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)'

const number = (id: string, label: string, extra: Record<string, unknown>) => ({
  id,
  label,
  phone: null,
  status: 'open',
  reason: null,
  error: null,
  qr: null,
  pairingCode: null,
  pacing,
  ...extra,
})

/** What GET /v1/whatsapp/numbers answers in the test under way. */
let numbers: unknown[] = []

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
        return json(200, { data: numbers, nextCursor: null })
      if (url.pathname.endsWith('/pairing-code')) return json(200, { code: '1234ABCD' })
      if (url.pathname === '/v1/realtime/ticket')
        return json(201, { url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' })
      return new Response(null, { status: 204 })
    }) as typeof fetch
    configure({ publishableKey: 'pk', apiUrl: location.origin, session: async () => 'v1.e30.sig' })
  })
  after(() => (window.fetch = realFetch))

  it('shows each number’s state, draws the QR code, and pairs by code on request', async () => {
    numbers = [
      number('n1', 'Sales', { status: 'qr', qr: '2@abc,def,ghi' }),
      number('n2', 'Support', { phone: '+5511912340000' }),
    ]
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

  const render = async (locale = 'en') => {
    const el = await fixture<ParleyWhatsAppSettings>(
      html`<parley-whatsapp-settings locale=${locale}></parley-whatsapp-settings>`
    )
    const root = el.shadowRoot!
    await waitUntil(() => root.querySelectorAll('[part="numbers"] > li').length === numbers.length)
    return { el, root, items: [...root.querySelectorAll('[part="numbers"] > li')] }
  }

  it('says why a number is not connected and what to do, WhatsApp’s own words under Details', async () => {
    numbers = [
      number('n1', 'Sales', { status: 'closed', reason: 'network_unreachable', error: DNS }),
      number('n2', 'Support', {
        status: 'logged_out',
        reason: 'logged_out',
        error: 'Connection Failure',
      }),
      number('n3', 'Billing', {
        status: 'logged_out',
        reason: 'banned',
        error: 'Connection Failure',
      }),
      number('n4', 'Legacy', { status: 'closed', reason: 'a_code_from_the_future', error: 'Odd' }),
      number('n5', 'Fine', { status: 'open', reason: null, error: null }),
      number('n6', 'Pairing', {
        status: 'qr',
        qr: '2@x,y,z',
        reason: 'qr_expired',
        error: 'QR refs attempts ended',
      }),
    ]
    const { el, items } = await render()
    const why = (li: Element) => li.querySelector('.why p')?.textContent?.trim()
    expect(why(items[0])).to.equal(
      'The server cannot reach WhatsApp. Whoever runs it should check its internet connection; we keep retrying meanwhile.'
    )
    expect(why(items[1])).to.equal(
      'This number was logged out from the phone. Link it again and scan the new QR code.'
    )
    expect(why(items[2])).to.contain('banned or restricted')
    expect(why(items[3])).to.contain('WhatsApp closed the connection')
    expect(items[4].querySelector('.why')).to.equal(null)
    // A new QR on screen already answers an expired one.
    expect(items[5].querySelector('.why')).to.equal(null)
    // Nowhere is the raw message the first thing read: it waits, folded, under "Details".
    for (const li of items)
      expect(li.querySelector('.why p')?.textContent ?? '').not.to.contain('ENOTFOUND')
    const details = items[0].querySelector('details')!
    expect(details.open).to.equal(false)
    expect(details.querySelector('summary')!.textContent).to.equal('Details')
    expect(details.querySelector('code')!.checkVisibility()).to.equal(false)
    details.querySelector('summary')!.click()
    expect(details.open).to.equal(true)
    expect(details.querySelector('code')!.textContent).to.equal(DNS)
    expect(details.querySelector('code')!.checkVisibility()).to.equal(true)
    // Those that need a person are marked so; "Link again" is there for the logged out ones.
    expect(items[1].querySelector('.why')!.classList.contains('act')).to.equal(true)
    expect(items[1].textContent).to.contain('Link again')
    await expect(el).to.be.accessible()
  })

  it('says it in Spanish too', async () => {
    numbers = [
      number('n1', 'Ventas', { status: 'closed', reason: 'network_unreachable', error: DNS }),
    ]
    const { items } = await render('es')
    expect(items[0].querySelector('.why p')!.textContent).to.contain(
      'El servidor no puede conectar con WhatsApp'
    )
    expect(items[0].querySelector('summary')!.textContent).to.equal('Detalles')
  })

  it('asks before removing a number, and removes it only once confirmed', async () => {
    numbers = [
      number('n1', 'Sales', { phone: '+5511912340000' }),
      number('n2', 'Support', { phone: '+5511912340001' }),
    ]
    calls.length = 0
    const { root, items } = await render()
    const asked = async () => {
      await waitUntil(
        () =>
          document.querySelector('parley-confirm-dialog')?.shadowRoot?.querySelector('dialog')
            ?.open,
        'no confirmation asked'
      )
      const dialog = document.querySelector('parley-confirm-dialog')!
      return {
        dialog,
        part: (name: string) => dialog.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!,
      }
    }
    const remove = items[0].querySelector('.remove')!.shadowRoot!.querySelector('button')!
    expect(remove.getAttribute('aria-label')).to.equal('Remove Sales')
    remove.focus()
    remove.click()
    let { dialog, part } = await asked()
    expect(part('title').textContent).to.equal('Remove Sales (+5511912340000)?')
    expect(part('message').textContent).to.contain('Its conversations stay.')
    expect(part('confirm').textContent!.trim()).to.equal('Remove')
    // Destructive: a red button, and focus starts on Cancel.
    expect(dialog.hasAttribute('danger')).to.equal(true)
    expect(dialog.shadowRoot!.activeElement).to.equal(part('cancel'))
    await expect(dialog).to.be.accessible()
    part('cancel').click()
    await waitUntil(() => !document.querySelector('parley-confirm-dialog'), 'the dialog stayed')
    expect(calls.filter((c) => c.method === 'DELETE')).to.deep.equal([])
    expect(root.querySelectorAll('[part="numbers"] > li').length).to.equal(2)

    remove.click()
    ;({ part } = await asked())
    part('confirm').click()
    await waitUntil(
      () => root.querySelectorAll('[part="numbers"] > li').length === 1,
      'not removed'
    )
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).to.deep.equal([
      '/v1/whatsapp/numbers/n1',
    ])
    expect(document.querySelector('parley-confirm-dialog')).to.equal(null)
    expect(root.querySelector('[part="numbers"] strong')!.textContent).to.equal('Support')
  })

  it('asks in Spanish when the settings are in Spanish', async () => {
    numbers = [number('n1', 'Ventas', {})]
    const { items } = await render('es')
    items[0].querySelector('.remove')!.shadowRoot!.querySelector('button')!.click()
    await waitUntil(
      () =>
        document.querySelector('parley-confirm-dialog')?.shadowRoot?.querySelector('dialog')?.open
    )
    const dialog = document.querySelector('parley-confirm-dialog')!
    const part = (name: string) =>
      dialog.shadowRoot!.querySelector(`[part~="${name}"]`)!.textContent!.trim()
    expect(part('title')).to.equal('¿Quitar Ventas?')
    expect(part('cancel')).to.equal('Cancelar')
    expect(part('confirm')).to.equal('Quitar')
    dialog.shadowRoot!.querySelector<HTMLElement>('[part~="cancel"]')!.click()
    await waitUntil(() => !document.querySelector('parley-confirm-dialog'))
  })
})
