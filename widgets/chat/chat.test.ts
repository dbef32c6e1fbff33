import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { configure } from '../kit/runtime.js'
import './chat.js'
import type { ParleyChat } from './chat.component.js'

const T = '0192f000-0000-7000-8000-0000000000a1'
const W = '0192f000-0000-7000-8000-0000000000b1'
const EVA = '0192f000-0000-7000-8000-0000000000d1'
const XSS = '<img src=x onerror=alert(1)>'
const token = () =>
  `c1.${btoa(JSON.stringify({ tenantId: T, workspaceId: W, contactId: EVA, exp: Date.now() / 1000 + 3600 })).replace(/=+$/, '')}.sig`

const message = (id: string, body: string, direction: 'inbound' | 'outbound') => ({
  id,
  conversationId: 'conv-1',
  body,
  type: 'text',
  direction,
  authorMemberId: direction === 'outbound' ? 'm1' : null,
  status: 'sent',
  createdAt: new Date().toISOString(),
  attachments: [],
})

describe('parley-chat', () => {
  const realFetch = window.fetch
  const calls: { path: string; method: string; body: any }[] = []
  let conversations: unknown[] = []

  before(() => {
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input))
      const method = init?.method ?? 'GET'
      const body = init?.body ? JSON.parse(String(init.body)) : undefined
      calls.push({ path: url.pathname, method, body })
      const json = (status: number, value: unknown) =>
        new Response(JSON.stringify(value), {
          status,
          headers: { 'content-type': 'application/json' },
        })
      if (url.pathname === '/v1/embed/config')
        return json(200, {
          tenant: { name: 'Acme Help', logoUrl: null },
          widgets: [],
          theme: { tokens: {} },
        })
      if (url.pathname === '/v1/theme.css') return new Response('', { status: 200 })
      if (url.pathname === '/v1/chat/visitors')
        return json(201, {
          token: token(),
          visitorToken: 'vt_saved',
          contactId: EVA,
          workspaceId: W,
        })
      if (url.pathname === '/v1/chat/conversations' && method === 'GET')
        return json(200, { data: conversations, nextCursor: null })
      if (url.pathname === '/v1/chat/conversations' && method === 'POST')
        return json(201, {
          id: 'conv-1',
          status: 'open',
          lastMessageAt: new Date().toISOString(),
          message: message('first', body.body, 'inbound'),
        })
      if (url.pathname.endsWith('/messages') && method === 'GET')
        return json(200, {
          data: [message('reply', 'We are on it', 'outbound'), message('q', XSS, 'inbound')],
          nextCursor: null,
        })
      if (url.pathname === '/v1/realtime/ticket')
        return json(201, { url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' })
      return new Response(null, { status: 204 })
    }) as typeof fetch
    configure({ publishableKey: 'pk_chat', apiUrl: location.origin })
  })
  after(() => (window.fetch = realFetch))
  beforeEach(() => {
    calls.length = 0
    localStorage.clear()
  })

  async function render() {
    const wrapper = await fixture(
      html`<div style="width: 380px; height: 560px">
        <parley-chat workspace="acme"></parley-chat>
      </div>`
    )
    const chat = wrapper.querySelector('parley-chat') as ParleyChat
    await waitUntil(() =>
      chat.shadowRoot!.querySelector('parley-composer')?.shadowRoot?.querySelector('textarea')
    )
    return {
      chat,
      root: chat.shadowRoot!,
      textarea: chat
        .shadowRoot!.querySelector('parley-composer')!
        .shadowRoot!.querySelector('textarea')!,
    }
  }

  it('creates a visitor only when they first write, and keeps their visitor token', async () => {
    conversations = []
    const { root, textarea } = await render()
    expect(root.querySelector('[part="header"] h2')!.textContent).to.equal('Acme Help')
    expect(calls.some((c) => c.path.startsWith('/v1/chat/'))).to.equal(false)

    textarea.focus()
    await sendKeys({ type: XSS })
    await sendKeys({ press: 'Enter' })
    await waitUntil(() =>
      calls.some((c) => c.path === '/v1/chat/conversations' && c.method === 'POST')
    )
    const arrival = calls.find((c) => c.path === '/v1/chat/visitors')!
    expect(arrival.body).to.deep.equal({ workspace: 'acme' })
    expect(localStorage.getItem('parley:visitor:pk_chat:acme')).to.equal('vt_saved')
    await waitUntil(() => root.querySelector('[part~="bubble"].mine:not(.sending) .body'))
    expect(root.querySelector('[part~="bubble"].mine .body')!.textContent).to.equal(XSS)
    expect(root.querySelector('[part~="bubble"] img')).to.equal(null)
    await expect(root.querySelector('[part="base"]')!).to.be.accessible()
  })

  it('brings a returning visitor back to their conversation and marks the replies read', async () => {
    localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
    conversations = [{ id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() }]
    const { root } = await render()
    await waitUntil(() => root.querySelectorAll('[part~="bubble"]').length === 2)
    expect(calls.find((c) => c.path === '/v1/chat/visitors')!.body).to.deep.equal({
      workspace: 'acme',
      visitorToken: 'vt_before',
    })
    const bubbles = [...root.querySelectorAll('[part~="bubble"]')]
    expect(bubbles.map((b) => b.classList.contains('mine'))).to.deep.equal([true, false])
    await waitUntil(() => calls.some((c) => c.path.endsWith('/read')), 'replies not marked read')
    expect(calls.find((c) => c.path.endsWith('/read'))!.body).to.deep.equal({ upTo: 'reply' })
  })
})
