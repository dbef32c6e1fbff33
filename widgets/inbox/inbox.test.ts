import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { configure } from '../kit/runtime.js'
import './inbox.js'
import type { ParleyInbox } from './inbox.component.js'
import { ROW_HEIGHT } from './conversation-list.js'
import type { ParleySelect } from '../kit/controls/select.js'

const T = '0192f000-0000-7000-8000-0000000000a1'
const W = '0192f000-0000-7000-8000-0000000000b1'
const ME = '0192f000-0000-7000-8000-0000000000c1'
const BRUNO = '0192f000-0000-7000-8000-0000000000c2'
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
  const patches: any[] = []
  const listRequests: number[] = []
  const listQueries: URLSearchParams[] = []
  let failSends = false
  let bigList = false

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
      if (url.pathname === '/v1/members')
        return json(200, {
          data: [
            { id: ME, name: 'Ana', role: 'agent' },
            { id: BRUNO, name: 'Bruno', role: 'agent' },
          ],
          nextCursor: null,
        })
      if (url.pathname === '/v1/presence')
        return json(200, {
          data: [{ memberId: BRUNO, status: 'online', lastSeenAt: new Date().toISOString() }],
          nextCursor: null,
        })
      if (url.pathname === '/v1/conversations' && bigList) {
        // 10,000 conversations in pages of `limit`, keyset by position.
        const from = Number(url.searchParams.get('cursor') ?? 0)
        const limit = Number(url.searchParams.get('limit'))
        listRequests.push(from)
        const data = Array.from({ length: Math.min(limit, 10_000 - from) }, (_, i) =>
          conversation(`big-${from + i}`, `Contact ${from + i}`, from + i)
        )
        return json(200, { data, nextCursor: from + limit < 10_000 ? String(from + limit) : null })
      }
      if (url.pathname === '/v1/conversations') {
        listQueries.push(url.searchParams)
        return json(200, {
          data: [
            conversation('c1', XSS[0], 1),
            conversation('c2', 'Bruno', 5),
            conversation('c3', 'Carla', 9),
          ],
          nextCursor: null,
        })
      }
      if (url.pathname.startsWith('/v1/conversations/') && method === 'PATCH') {
        patches.push(body)
        return json(200, { ...conversation(url.pathname.split('/')[3], 'Patched', 0), ...body })
      }
      if (url.pathname.endsWith('/messages') && method === 'GET') {
        return json(200, {
          data: [
            ...XSS.map((b, i) => message(`m${i}`, b)),
            {
              ...message('m-files', 'files', null),
              attachments: [
                {
                  id: 'a1',
                  name: XSS[0],
                  mimeType: 'image/png',
                  kind: 'image',
                  size: 1234,
                  url: `${location.origin}/package.json`,
                },
                {
                  id: 'a2',
                  name: 'voice.ogg',
                  mimeType: 'audio/ogg',
                  kind: 'audio',
                  size: 40_960,
                  url: `${location.origin}/package.json?voice.ogg`,
                },
                {
                  id: 'a3',
                  name: 'invoice.pdf',
                  mimeType: 'application/pdf',
                  kind: 'file',
                  size: 2_500_000,
                  url: `${location.origin}/invoice.pdf`,
                },
                {
                  id: 'a4',
                  name: 'evil',
                  mimeType: 'image/png',
                  kind: 'image',
                  size: 1,
                  url: 'javascript:alert(1)',
                },
              ],
            },
            { ...message('m-note', 'VIP customer', ME), type: 'note', direction: 'internal' },
          ].reverse(),
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

  async function render(width = 900, rows = 3) {
    const el = await fixture<HTMLDivElement>(
      html`<div style="width: ${width}px; height: 600px"><parley-inbox></parley-inbox></div>`
    )
    const inbox = el.querySelector('parley-inbox')!
    await waitUntil(
      () => inbox.shadowRoot!.querySelectorAll('.item').length >= rows,
      'the list did not load'
    )
    return inbox
  }

  /** The reply box lives in the composer's own shadow root. */
  async function openFirst(inbox: ParleyInbox) {
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() =>
      root.querySelector('parley-composer')?.shadowRoot?.querySelector('textarea')
    )
    const composer = root.querySelector('parley-composer')!
    return { root, composer, textarea: composer.shadowRoot!.querySelector('textarea')! }
  }

  it('lists conversations and renders every user-provided string as text', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    expect(root.querySelector('.item .name')!.textContent).to.equal(XSS[0])
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() => root.querySelectorAll('[part~="bubble"]').length === XSS.length + 2)
    const bodies = [...root.querySelectorAll('[part~="bubble"] .body')].map((b) => b.textContent)
    expect(bodies.slice(0, XSS.length)).to.deep.equal(XSS)
    const plain = [...root.querySelectorAll('[part~="bubble"]')].slice(0, XSS.length)
    expect(plain.flatMap((b) => [...b.querySelectorAll('img, script, svg, a')]).length).to.equal(0)
    await expect(inbox).to.be.accessible()
  })

  it('sends with Enter, breaks lines with Shift+Enter, and shows the sent message', async () => {
    const inbox = await render()
    const { root, textarea } = await openFirst(inbox)
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
    const { root, textarea } = await openFirst(inbox)
    failSends = true
    textarea.value = 'retry me'
    textarea.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true })
    )
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
    const { composer, textarea } = await openFirst(inbox)
    const inner = composer.shadowRoot!
    textarea.focus()
    const before = sent.length
    await sendKeys({ type: '/re' })
    await waitUntil(
      () => inner.querySelectorAll('.suggestions [role="option"]').length === 1,
      'no suggestion shown'
    )
    expect(inner.querySelector('.suggestions [role="option"]')!.textContent).to.contain('/refund')
    await sendKeys({ press: 'Enter' })
    expect(textarea.value).to.equal('We have refunded you.')
    expect(inner.querySelector('.suggestions')).to.equal(null)
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

  it('shows attachments as previews, players and downloads, names as text, unsafe links never', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() => root.querySelector('.attachments'))
    const box = root.querySelector('.attachments')!
    const images = box.querySelectorAll('img')
    expect(images.length).to.equal(1)
    expect(images[0].getAttribute('alt')).to.equal(XSS[0])
    expect(images[0].getAttribute('loading')).to.equal('lazy')
    expect(box.querySelector('audio')!.getAttribute('src')).to.contain('voice.ogg')
    const file = box.querySelector<HTMLAnchorElement>('a.file')!
    expect(file.getAttribute('download')).to.equal('invoice.pdf')
    expect(file.textContent).to.contain('2.4 MB')
    expect(root.querySelector('[href^="javascript"], [src^="javascript"]')).to.equal(null)
  })

  it('has a side panel that assigns by keyboard (showing presence), tags and lists the notes', async () => {
    const inbox = await render(1200)
    const root = inbox.shadowRoot!
    root.querySelector<HTMLButtonElement>('.item')!.click()
    await waitUntil(() =>
      root.querySelector('parley-conversation-panel')?.shadowRoot?.querySelector('parley-combobox')
    )
    const panel = root.querySelector('parley-conversation-panel')!.shadowRoot!
    await waitUntil(() => panel.querySelector('.notes li'), 'notes not listed')
    expect(panel.querySelector('.notes li')!.textContent).to.equal('VIP customer')
    const assignee = panel.querySelector('parley-combobox')!
    await waitUntil(() =>
      assignee.options.some((o) => o.value === BRUNO && o.presence === 'online')
    )
    const input = assignee.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!
    input.focus()
    input.select() // as Tab into it does
    await sendKeys({ type: 'bru' })
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => patches.some((p) => p.assigneeId === BRUNO), 'no assignment sent')
    // Letters in a select are its typeahead, not the inbox's shortcuts (e resolves, j moves on).
    const patched = patches.length
    const current = () => root.querySelector('.item[aria-current="true"]')?.textContent
    const open = current()
    panel.querySelector<HTMLElement>('parley-select')!.focus()
    await sendKeys({ press: 'e' })
    await sendKeys({ press: 'j' })
    await sendKeys({ press: 'Escape' })
    expect(patches.length).to.equal(patched)
    expect(current()).to.equal(open).and.to.be.a('string')
    const tags = panel.querySelector('parley-tag-input')!
    tags.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!.focus()
    await sendKeys({ type: 'vip' })
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => patches.some((p) => p.tags?.includes('vip')), 'no tag sent')
    await expect(inbox).to.be.accessible()
  })

  it('keeps a 10,000-conversation list light: few rows in the DOM, pages fetched as it scrolls', async () => {
    bigList = true
    try {
      const inbox = await render(900, 1)
      const root = inbox.shadowRoot!
      const rows = root.querySelector<HTMLElement>('.rows')!
      expect(root.querySelectorAll('.item').length).to.be.below(40)
      for (let i = 0; i < 120 && listRequests.at(-1)! < 9_900; i++) {
        rows.scrollTop = rows.scrollHeight
        rows.dispatchEvent(new Event('scroll'))
        await new Promise((r) => setTimeout(r, 10))
      }
      await waitUntil(
        () => rows.scrollHeight >= 10_000 * ROW_HEIGHT - 1,
        'not every page arrived',
        {
          timeout: 8000,
        }
      )
      rows.scrollTop = rows.scrollHeight
      rows.dispatchEvent(new Event('scroll'))
      await waitUntil(
        () => root.querySelector('.item .name')?.textContent?.startsWith('Contact 99'),
        'the last rows were not rendered'
      )
      expect(rows.scrollHeight).to.be.at.least(10_000 * ROW_HEIGHT - 1)
      expect(root.querySelectorAll('.item').length).to.be.below(40)
      expect(new Set(listRequests).size).to.equal(100)
    } finally {
      bigList = false
    }
  }).timeout(20_000)

  it('filters the list by status, assignee and unread, and drops what stops matching live', async () => {
    const inbox = await render()
    const root = inbox.shadowRoot!
    const [status, assignee] = root.querySelectorAll<ParleySelect>('.filters parley-select')
    const press = async (...keys: string[]) => {
      for (const key of keys) await sendKeys({ press: key })
    }
    // By keyboard: Down opens on "Any status", then Open, Pending; Enter chooses.
    status.focus()
    await press('ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter')
    await waitUntil(() => listQueries.at(-1)?.get('status') === 'pending', 'status not sent')
    // A teammate, by typing the first letter of their name; then "Mine".
    assignee.focus()
    await press('b', 'Enter')
    await waitUntil(() => listQueries.at(-1)?.get('assignee') === BRUNO, 'teammate not sent')
    await press('m', 'Enter')
    await waitUntil(() => listQueries.at(-1)?.get('assignee') === 'me', 'assignee not sent')
    root.querySelector<HTMLInputElement>('.filters input[type=checkbox]')!.click()
    await waitUntil(() => listQueries.at(-1)?.get('unread') === 'true', 'unread not sent')
    expect(listQueries.at(-1)!.get('status')).to.equal('pending')
    await expect(inbox).to.be.accessible()
  })
})
