import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { configure } from '../kit/runtime.js'
import './inbox.js'
import type { ParleyInbox } from './inbox.component.js'

const T = '0192f000-0000-7000-8000-0000000000a1'
const W = '0192f000-0000-7000-8000-0000000000b1'
const ME = '0192f000-0000-7000-8000-0000000000c1'
const XSS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click</a>',
]

const conversation = (id: string, name: string, minutes: number) => ({
  id,
  channel: 'web',
  status: 'open',
  priority: 'normal',
  assigneeId: null,
  subject: null,
  lastMessageAt: new Date(Date.now() - minutes * 60_000).toISOString(),
  contact: { id: `${id}-c`, name, phone: null, email: null },
  unread: 2,
})

const message = (id: string, body: string, authorMemberId: string | null = null) => ({
  id,
  conversationId: 'c1',
  body,
  type: 'text',
  direction: authorMemberId ? 'outbound' : 'inbound',
  authorMemberId,
  status: 'sent',
  createdAt: new Date().toISOString(),
})

describe('parley-inbox', () => {
  const realFetch = window.fetch
  const sent: { url: string; method: string; body: any }[] = []
  let failSends = false

  before(() => {
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input))
      const method = (input instanceof Request ? input.method : init?.method) ?? 'GET'
      const body = init?.body ? JSON.parse(String(init.body)) : undefined
      const json = (status: number, value: unknown) =>
        new Response(JSON.stringify(value), {
          status,
          headers: { 'content-type': 'application/json' },
        })
      if (url.pathname === '/v1/theme.css') return new Response('', { status: 200 })
      if (url.pathname === '/v1/me')
        return json(200, {
          tenant: { id: T, name: 'Acme' },
          workspaceId: W,
          widgets: ['inbox'],
          member: { id: ME, name: 'Ana', role: 'agent' },
        })
      if (url.pathname === '/v1/conversations') {
        return json(200, {
          data: [
            conversation('c1', XSS[0], 1),
            conversation('c2', 'Bruno', 5),
            conversation('c3', 'Carla', 9),
          ],
          nextCursor: null,
        })
      }
      if (url.pathname.endsWith('/messages') && method === 'GET') {
        return json(200, {
          data: XSS.map((b, i) => message(`m${i}`, b)).reverse(),
          nextCursor: null,
        })
      }
      if (url.pathname.endsWith('/messages') && method === 'POST') {
        sent.push({ url: url.pathname, method, body })
        if (failSends) return json(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } })
        return json(201, { ...message(`s${sent.length}`, body.body, ME) })
      }
      if (url.pathname === '/v1/canned-responses') {
        const all = [
          { shortcut: 'refund', body: 'We have refunded you.' },
          { shortcut: 'hello', body: 'Hi there!' },
        ]
        return json(200, {
          data: all.filter((c) => c.shortcut.startsWith(url.searchParams.get('prefix') ?? '')),
          nextCursor: null,
        })
      }
      // Reads, typing, tickets: accepted; the realtime stream itself is not reachable here.
      if (url.pathname === '/v1/realtime/ticket')
        return json(201, { url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' })
      return new Response(null, { status: 204 })
    }) as typeof fetch
    configure({
      publishableKey: 'pk_test',
      apiUrl: location.origin,
      session: async () => 'v1.e30.sig',
    })
  })
  after(() => (window.fetch = realFetch))

  async function render() {
    const el = await fixture<ParleyInbox>(
      html`<div style="width: 900px; height: 600px"><parley-inbox></parley-inbox></div>`
    )
    const inbox = el.querySelector('parley-inbox')!
    await waitUntil(
      () => inbox.shadowRoot!.querySelectorAll('.item').length === 3,
      'the list did not load'
    )
    return inbox
  }

  it('lists conversations and renders every user-provided string as text', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    expect(root.querySelector('.item .name')!.textContent).to.equal(XSS[0])
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() => root.querySelectorAll('[part~="bubble"]').length === XSS.length)
    const bodies = [...root.querySelectorAll('[part~="bubble"] .body')].map((b) => b.textContent)
    expect(bodies).to.deep.equal(XSS)
    expect(
      root.querySelectorAll(
        '[part~="bubble"] img, [part~="bubble"] script, [part~="bubble"] svg, [part~="bubble"] a'
      ).length
    ).to.equal(0)
    await expect(inbox).to.be.accessible()
  })

  it('sends with Enter, breaks lines with Shift+Enter, and shows the sent message', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() => root.querySelector('textarea'))
    const textarea = root.querySelector('textarea')!
    textarea.focus()
    const before = sent.length
    await sendKeys({ type: 'line one' })
    await sendKeys({ down: 'Shift' })
    await sendKeys({ press: 'Enter' })
    await sendKeys({ up: 'Shift' })
    await sendKeys({ type: 'line two' })
    expect(sent.length).to.equal(before)
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => sent.length === before + 1)
    expect(sent.at(-1)!.body.body).to.equal('line one\nline two')
    expect(sent.at(-1)!.body.idempotencyKey).to.be.a('string')
    expect(textarea.value).to.equal('')
    await waitUntil(() =>
      [...root.querySelectorAll('[part~="bubble"].mine .body')].some(
        (b) => b.textContent === 'line one\nline two'
      )
    )
  })

  it('keeps a failed message with a retry that resends it under the same idempotency key', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() => root.querySelector('textarea'))
    failSends = true
    root.querySelector('textarea')!.value = 'retry me'
    root
      .querySelector('textarea')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }))
    await waitUntil(() => root.querySelector('button.failed'), 'no retry offered', {
      timeout: 15_000,
    })
    const firstKey = sent.at(-1)!.body.idempotencyKey
    failSends = false
    root.querySelector<HTMLButtonElement>('button.failed')!.click()
    await waitUntil(() => !root.querySelector('button.failed'), 'retry did not succeed', {
      timeout: 15_000,
    })
    expect(sent.at(-1)!.body.idempotencyKey).to.equal(firstKey)
  }).timeout(40_000)

  it('completes /shortcuts with canned responses without sending', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() => root.querySelector('textarea'))
    const textarea = root.querySelector('textarea')!
    textarea.focus()
    const before = sent.length
    await sendKeys({ type: '/re' })
    await waitUntil(
      () => root.querySelectorAll('.canned [role="option"]').length === 1,
      'no suggestion shown'
    )
    expect(root.querySelector('.canned [role="option"]')!.textContent).to.contain('/refund')
    await sendKeys({ press: 'Enter' })
    expect(textarea.value).to.equal('We have refunded you.')
    expect(root.querySelector('.canned')).to.equal(null)
    expect(sent.length).to.equal(before)
  })

  it('moves between conversations with j and k', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await inbox.updateComplete
    root.querySelector<HTMLButtonElement>('.item')!.focus()
    await sendKeys({ press: 'j' })
    await waitUntil(() => root.querySelectorAll('.item')[1].getAttribute('aria-current') === 'true')
    await sendKeys({ press: 'k' })
    await waitUntil(() => root.querySelectorAll('.item')[0].getAttribute('aria-current') === 'true')
  })
})
