import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { configure } from '../kit/runtime.js'
import { setLocale } from '../kit/localize.js'
import './chat.js'
import type { ParleyChat } from './chat.component.js'
import { systemClock, type Clock } from './clock.js'

const T = '0192f000-0000-7000-8000-0000000000a1'
const W = '0192f000-0000-7000-8000-0000000000b1'
const EVA = '0192f000-0000-7000-8000-0000000000d1'
const XSS = '<img src=x onerror=alert(1)>'
const token = () =>
  `c1.${btoa(JSON.stringify({ tenantId: T, workspaceId: W, contactId: EVA, exp: Date.now() / 1000 + 3600 })).replace(/=+$/, '')}.sig`

const ANA = { name: 'Ana Lima', avatarUrl: null }
const BRUNO = { name: 'Bruno Silva', avatarUrl: null }

const message = (
  id: string,
  body: string,
  direction: 'inbound' | 'outbound',
  extra: Record<string, unknown> = {}
) => ({
  id,
  conversationId: 'conv-1',
  body,
  type: 'text',
  direction,
  author: direction === 'outbound' ? ANA : null,
  status: 'sent',
  createdAt: new Date().toISOString(),
  attachments: [],
  ...extra,
})

/** A clock the test moves forward by hand; timers run when their time comes. */
class FakeClock implements Clock {
  time = Date.parse('2031-03-04T10:00:00Z')
  timers: { at: number; run: () => void }[] = []
  now() {
    return this.time
  }
  setTimeout(run: () => void, ms: number) {
    const timer = { at: this.time + ms, run }
    this.timers.push(timer)
    return timer
  }
  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((t) => t !== handle)
  }
  tick(ms: number) {
    this.time += ms
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer)
      timer.run()
    }
  }
}

/** What the fake API answers; each test sets what it needs. */
interface Api {
  profile: Record<string, unknown>
  contact: { name: string | null; email: string | null }
  conversations: unknown[]
  messages: unknown[]
}
const defaults = (): Api => ({
  profile: {
    name: 'Acme Help Desk',
    team: [ANA, BRUNO, { name: 'Carla Dias', avatarUrl: null }],
    online: true,
    replyTime: 'minutes',
    preChat: { ask: 'off', required: false },
    emailCaptureSeconds: 120,
  },
  contact: { name: null, email: null },
  conversations: [],
  messages: [],
})

describe('parley-chat', () => {
  const realFetch = window.fetch
  const calls: { path: string; method: string; body: any }[] = []
  let api = defaults()
  const realTitle = document.title

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
      if (url.pathname === '/v1/theme.css') return new Response('', { status: 200 })
      if (url.pathname === '/v1/embed/config')
        return json(200, { tenant: { name: 'Reseller Inc', logoUrl: null, fontUrl: null } })
      if (url.pathname === '/v1/chat/workspaces/acme') return json(200, api.profile)
      if (url.pathname === '/v1/chat/visitors')
        return json(201, {
          token: token(),
          visitorToken: 'vt_saved',
          contactId: EVA,
          workspaceId: W,
        })
      if (url.pathname === '/v1/chat/contact' && method === 'GET') return json(200, api.contact)
      if (url.pathname === '/v1/chat/contact' && method === 'PATCH') {
        if (body.email === 'taken@server.test')
          return json(422, {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [{ field: 'email', message: 'The server refused it' }],
            },
          })
        api.contact = { ...api.contact, ...body }
        return json(200, api.contact)
      }
      if (url.pathname === '/v1/chat/conversations' && method === 'GET')
        return json(200, { data: api.conversations, nextCursor: null })
      if (url.pathname === '/v1/chat/conversations' && method === 'POST')
        return json(201, {
          id: 'conv-1',
          status: 'open',
          lastMessageAt: new Date().toISOString(),
          message: message('first', body.body, 'inbound'),
        })
      if (url.pathname.endsWith('/messages') && method === 'GET')
        return json(200, { data: api.messages, nextCursor: null })
      if (url.pathname.endsWith('/messages') && method === 'POST')
        return json(201, message(`m-${calls.length}`, body.body, 'inbound'))
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
    api = defaults()
    document.title = realTitle
    setLocale(undefined)
  })

  async function render(clock?: Clock) {
    const wrapper = await fixture(
      html`<div class="frame">
        <parley-chat workspace="acme" .clock=${clock ?? systemClock}></parley-chat>
      </div>`
    )
    ;(wrapper as HTMLElement).style.setProperty('width', '380px')
    ;(wrapper as HTMLElement).style.setProperty('height', '560px')
    const chat = wrapper.querySelector('parley-chat') as ParleyChat
    if (clock) chat.clock = clock
    await waitUntil(() => chat.shadowRoot!.querySelector('[part="base"]'), 'the chat did not load')
    return { chat, root: chat.shadowRoot!, wrapper: wrapper as HTMLElement }
  }

  const textarea = (root: ShadowRoot) =>
    root.querySelector('parley-composer')!.shadowRoot!.querySelector('textarea')!

  async function write(root: ShadowRoot, words: string) {
    await waitUntil(() =>
      root.querySelector('parley-composer')?.shadowRoot?.querySelector('textarea')
    )
    textarea(root).focus()
    await sendKeys({ type: words })
    await sendKeys({ press: 'Enter' })
  }

  it('creates a visitor only when they first write, and keeps their visitor token', async () => {
    const { root } = await render()
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.not.include('POST /v1/chat/visitors')

    await write(root, XSS)
    await waitUntil(() =>
      calls.some((c) => c.path === '/v1/chat/conversations' && c.method === 'POST')
    )
    const arrival = calls.find((c) => c.path === '/v1/chat/visitors')!
    expect(arrival.body.workspace).to.equal('acme')
    // What tells this visitor apart, without the page's query string.
    expect(arrival.body.visitor).to.deep.equal({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      language: navigator.language,
      page: `${location.origin}${location.pathname}`,
    })
    expect(localStorage.getItem('parley:visitor:pk_chat:acme')).to.equal('vt_saved')
    await waitUntil(() => root.querySelector('[part~="bubble"].mine:not(.sending) .body'))
    expect(root.querySelector('[part~="bubble"].mine .body')!.textContent).to.equal(XSS)
    expect(root.querySelector('[part~="bubble"] img')).to.equal(null)
    await expect(root.querySelector('[part="base"]')!).to.be.accessible()
  })

  it("shows the team: its people, its name for visitors and the reply time it promises, not the tenant's name", async () => {
    const { root } = await render()
    const base = root.querySelector('[part="base"]')!
    expect(base.getAttribute('aria-label')).to.equal('Chat with Acme Help Desk')
    expect(root.querySelector('[part="header"] h2')!.textContent).to.equal('Acme Help Desk')
    // The tenant's display name (the embed config's) stands in only where the team has none.
    await new Promise((r) => setTimeout(r, 50))
    expect(root.querySelector('[part="header"]')!.textContent).to.not.contain('Reseller Inc')
    const team = root.querySelector('[part="team"]')!
    expect(team.querySelectorAll('parley-avatar')).to.have.length(3)
    expect(team.getAttribute('aria-label')).to.equal('The team: Ana Lima, Bruno Silva, Carla Dias')
    const header = () => root.querySelector('[part="header"]')!.textContent!.replace(/\s+/g, ' ')
    expect(header()).to.contain('Online now')
    expect(header()).to.contain('Usually replies in a few minutes')
    setLocale('es')
    const chat = root.host as ParleyChat
    await chat.updateComplete
    expect(header()).to.contain('Suele responder en unos minutos')
    expect(base.getAttribute('aria-label')).to.equal('Chatea con Acme Help Desk')
  })

  it('says "within an hour" or "in a day" as the workspace sets it, and nothing of being online when nobody is', async () => {
    api.profile = { ...api.profile, replyTime: 'day', online: false, team: [] }
    const { root } = await render()
    const header = root.querySelector('[part="header"]')!.textContent!
    expect(header).to.contain('Usually replies in a day')
    expect(header).to.not.contain('Online')
    expect(root.querySelector('[part="team"]')).to.equal(null)
  })

  it('puts the greeting in the flow as a line nobody wrote, which scrolls away with the thread', async () => {
    localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
    api.conversations = [{ id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() }]
    api.messages = Array.from({ length: 30 }, (_, i) =>
      message(
        `m${String(30 - i).padStart(2, '0')}`,
        `Message ${30 - i}`,
        i % 2 ? 'inbound' : 'outbound',
        {
          status: 'read',
        }
      )
    )
    const { root } = await render()
    await waitUntil(
      () => root.querySelectorAll('[part~="bubble"]').length === 30,
      `${root.querySelectorAll('[part~="bubble"]').length} bubbles; ${calls.map((c) => c.path).join(' ')}`
    )
    const pane = root.querySelector<HTMLElement>('[part="messages"]')!
    const greeting = pane.firstElementChild as HTMLElement
    expect(greeting.getAttribute('part')).to.equal('notice')
    expect(greeting.textContent).to.contain('Ask us anything')
    expect(greeting.className).to.not.contain('mine')
    // Not the visitor's bubble colour: no bubble at all.
    expect(getComputedStyle(greeting).backgroundColor).to.equal('rgba(0, 0, 0, 0)')
    expect(getComputedStyle(greeting).alignSelf).to.equal('center')
    // Scrolled to the latest message, the greeting has gone up out of sight.
    await waitUntil(() => pane.scrollTop > 0)
    expect(greeting.getBoundingClientRect().bottom).to.be.below(pane.getBoundingClientRect().top)
  })

  it("names the author of each run of replies, and never the visitor's own messages", async () => {
    localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
    api.conversations = [{ id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() }]
    api.messages = [
      message('m5', 'Anything else?', 'outbound', { author: BRUNO }),
      message('m4', 'It ships today', 'outbound'),
      message('m3', 'Let me check', 'outbound'),
      message('m2', XSS, 'inbound'),
      message('m1', 'Hello', 'inbound'),
    ]
    const { root } = await render()
    await waitUntil(() => root.querySelectorAll('[part~="bubble"]').length === 5)
    const pane = root.querySelector('[part="messages"]')!
    const flow = [...pane.children]
      .filter((e) => e.matches('[part="author"], parley-message'))
      .map((e) =>
        e.matches('[part="author"]')
          ? `by ${e.textContent!.trim()}`
          : e.querySelector('.body')!.textContent
      )
    expect(flow).to.deep.equal([
      'Hello',
      XSS,
      'by Ana Lima',
      'Let me check',
      'It ships today',
      'by Bruno Silva',
      'Anything else?',
    ])
    const avatar = root.querySelector('[part="author"] parley-avatar')!
    expect(avatar.getAttribute('name')).to.equal('Ana Lima')
    await expect(root.querySelector('[part="base"]')!).to.be.accessible()
  })

  it('brings a returning visitor back to their conversation and marks the replies read', async () => {
    localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
    api.conversations = [{ id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() }]
    api.messages = [message('reply', 'We are on it', 'outbound'), message('q', XSS, 'inbound')]
    const { root } = await render()
    await waitUntil(() => root.querySelectorAll('[part~="bubble"]').length === 2)
    expect(calls.find((c) => c.path === '/v1/chat/visitors')!.body.visitorToken).to.equal(
      'vt_before'
    )
    const bubbles = [...root.querySelectorAll('[part~="bubble"]')]
    expect(bubbles.map((b) => b.classList.contains('mine'))).to.deep.equal([true, false])
    await waitUntil(() => calls.some((c) => c.path.endsWith('/read')), 'replies not marked read')
    expect(calls.find((c) => c.path.endsWith('/read'))!.body).to.deep.equal({ upTo: 'reply' })
  })

  describe('pre-chat form', () => {
    it('asks for name and email before the first message, checks them, and keeps them', async () => {
      api.profile = { ...api.profile, preChat: { ask: 'nameAndEmail', required: true } }
      const { root, chat } = await render()
      const form = root.querySelector<HTMLFormElement>('[part="pre-chat"]')!
      expect(form).to.exist
      expect(root.querySelector('parley-composer')).to.equal(null)
      // Required: nothing to skip.
      expect(form.textContent).to.not.contain('Skip')
      await expect(root.querySelector('[part="base"]')!).to.be.accessible()

      const field = (name: string) =>
        form.querySelector<HTMLElement & { error?: string; value: string }>(
          `parley-input[name="${name}"]`
        )!
      form.requestSubmit()
      await chat.updateComplete
      await waitUntil(() => field('email').error)
      expect(field('name').error).to.equal('Please tell us your name')
      expect(field('email').error).to.equal('Please give us your email')
      expect(calls.some((c) => c.path === '/v1/chat/contact')).to.equal(false)

      // Typed by keyboard; Enter in the last field submits.
      field('name').focus()
      await sendKeys({ type: 'Eva Moreira' })
      field('email').focus()
      await sendKeys({ type: 'eva@example' })
      await sendKeys({ press: 'Enter' })
      await waitUntil(() => field('email').error === 'This does not look like an email address')
      expect(field('name').error).to.not.be.ok

      // The server has the last word.
      field('email').value = 'taken@server.test'
      form.requestSubmit()
      await waitUntil(() => field('email').error === 'The server refused it')

      field('email').value = 'eva@example.com'
      form.requestSubmit()
      await waitUntil(() => root.querySelector('parley-composer'))
      const told = calls.filter((c) => c.path === '/v1/chat/contact' && c.method === 'PATCH')
      expect(told.at(-1)!.body).to.deep.equal({ name: 'Eva Moreira', email: 'eva@example.com' })
      expect(root.querySelector('[part="pre-chat"]')).to.equal(null)
    })

    it('may be skipped when optional, and is not asked again of a visitor whose email is known', async () => {
      api.profile = { ...api.profile, preChat: { ask: 'email', required: false } }
      const { root } = await render()
      const skip = [...root.querySelectorAll('[part="pre-chat"] parley-button')].find((b) =>
        b.textContent!.includes('Skip')
      )!
      ;(skip as HTMLElement).click()
      await waitUntil(() => root.querySelector('parley-composer'))
      expect(calls.some((c) => c.path === '/v1/chat/contact')).to.equal(false)

      localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
      api.contact = { name: null, email: 'eva@example.com' }
      const again = await render()
      await waitUntil(() => again.root.querySelector('parley-composer'))
      expect(again.root.querySelector('[part="pre-chat"]')).to.equal(null)
    })

    it('is in Spanish for Spanish pages', async () => {
      setLocale('es')
      api.profile = { ...api.profile, preChat: { ask: 'email', required: false } }
      const { root } = await render()
      expect(root.querySelector('[part="pre-chat"]')!.textContent).to.contain('Antes de empezar')
      expect(root.querySelector('[part="pre-chat"]')!.textContent).to.contain('Omitir')
    })
  })

  describe('email prompt', () => {
    it('asks for an email once nobody has answered in the set time, and keeps it', async () => {
      const clock = new FakeClock()
      const { root, chat } = await render(clock)
      await write(root, 'Is it in stock?')
      // Sent (no longer "Sending…"): its time starts the wait.
      await waitUntil(() =>
        root.querySelector('[part~="bubble"].mine .status')?.textContent?.match(/\d/)
      )
      await chat.updateComplete
      clock.tick(119_000)
      await chat.updateComplete
      expect(root.querySelector('[part="email-prompt"]')).to.equal(null)
      clock.tick(1_000)
      await chat.updateComplete
      const prompt = root.querySelector<HTMLFormElement>('[part="email-prompt"]')!
      expect(prompt.textContent).to.contain('Leave your email')
      // In the flow, after the visitor's message.
      expect(prompt.closest('[part="messages"]')).to.exist
      const input = prompt.querySelector<HTMLElement & { value: string; error?: string }>(
        'parley-input'
      )!
      input.value = 'nope'
      prompt.requestSubmit()
      await waitUntil(() => input.error === 'This does not look like an email address')
      input.value = 'eva@example.com'
      prompt.requestSubmit()
      await waitUntil(() =>
        [...root.querySelectorAll('[part="notice"]')].some((n) =>
          n.textContent!.includes('We’ll reply to eva@example.com')
        )
      )
      expect(
        calls.find((c) => c.path === '/v1/chat/contact' && c.method === 'PATCH')!.body
      ).to.deep.equal({ email: 'eva@example.com' })
      expect(root.querySelector('[part="email-prompt"]')).to.equal(null)
    })

    it('asks only once per conversation, and never when a reply came or the email is known', async () => {
      const clock = new FakeClock()
      localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
      api.conversations = [
        { id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() },
      ]
      const sentAt = new Date(clock.time - 60_000).toISOString()
      api.messages = [message('q', 'Hello?', 'inbound', { createdAt: sentAt })]
      const { root, chat } = await render(clock)
      await waitUntil(() => root.querySelector('[part~="bubble"]'))
      clock.tick(60_000)
      await chat.updateComplete
      expect(root.querySelector('[part="email-prompt"]')).to.exist
      // Dismissed, and back another day: not asked again in this conversation.
      const dismiss = [...root.querySelectorAll('[part="email-prompt"] parley-button')].find((b) =>
        b.textContent!.includes('No thanks')
      ) as HTMLElement
      dismiss.click()
      await chat.updateComplete
      expect(root.querySelector('[part="email-prompt"]')).to.equal(null)
      const later = await render(clock)
      await waitUntil(() => later.root.querySelector('[part~="bubble"]'))
      clock.tick(600_000)
      await later.chat.updateComplete
      expect(later.root.querySelector('[part="email-prompt"]')).to.equal(null)

      // Answered: nothing to ask.
      localStorage.removeItem('parley:chat-email-asked:conv-1')
      api.messages = [
        message('r', 'Hi! Yes.', 'outbound', { status: 'read' }),
        message('q', 'Hello?', 'inbound', { createdAt: sentAt }),
      ]
      const answered = await render(clock)
      await waitUntil(() => answered.root.querySelectorAll('[part~="bubble"]').length === 2)
      clock.tick(600_000)
      await answered.chat.updateComplete
      expect(answered.root.querySelector('[part="email-prompt"]')).to.equal(null)

      // The email is known: nothing to ask.
      api.messages = [message('q', 'Hello?', 'inbound', { createdAt: sentAt })]
      api.contact = { name: null, email: 'eva@example.com' }
      const known = await render(clock)
      await waitUntil(() => known.root.querySelector('[part~="bubble"]'))
      clock.tick(600_000)
      await known.chat.updateComplete
      expect(known.root.querySelector('[part="email-prompt"]')).to.equal(null)
    })
  })

  describe('unread replies', () => {
    it('are told to the page (a launcher shows them as its badge) and raise its title while the chat is out of sight, and clear once seen', async () => {
      localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
      api.conversations = [
        { id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() },
      ]
      api.messages = [
        message('r2', 'It ships today', 'outbound'),
        message('r1', 'Let me check', 'outbound', { status: 'read' }),
        message('q', 'Hello?', 'inbound'),
      ]
      document.title = 'Demo Co'
      // As in a closed launcher panel: the chat is there, but not displayed.
      const panel = await fixture<HTMLElement>(html`<div></div>`)
      panel.style.setProperty('display', 'none')
      panel.style.setProperty('height', '560px')
      const counts: number[] = []
      panel.addEventListener('parley-unread-changed', (e) => counts.push(e.count))
      const chat = document.createElement('parley-chat')
      chat.setAttribute('workspace', 'acme')
      panel.append(chat)
      await waitUntil(() => counts.includes(1), 'the unread count was not told')
      expect(document.title).to.equal('(1) Demo Co')
      // Not seen, not read.
      await new Promise((r) => setTimeout(r, 400))
      expect(calls.some((c) => c.path.endsWith('/read'))).to.equal(false)

      panel.style.removeProperty('display')
      await waitUntil(() => counts.at(-1) === 0, 'the unread count did not clear')
      expect(document.title).to.equal('Demo Co')
      await waitUntil(() => calls.some((c) => c.path.endsWith('/read')))
      expect(calls.find((c) => c.path.endsWith('/read'))!.body).to.deep.equal({ upTo: 'r2' })
      // The event crosses out of the chat to the page, where a launcher or the host listens.
      expect(counts).to.deep.equal([1, 0])
    })

    it('raise the page title while the tab is hidden, and are read once it shows again', async () => {
      localStorage.setItem('parley:visitor:pk_chat:acme', 'vt_before')
      api.conversations = [
        { id: 'conv-1', status: 'open', lastMessageAt: new Date().toISOString() },
      ]
      api.messages = [message('q', 'Hello?', 'inbound')]
      document.title = 'Shop'
      let hidden = true
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (hidden ? 'hidden' : 'visible'),
      })
      try {
        const { chat, root } = await render()
        const counts: number[] = []
        chat.addEventListener('parley-unread-changed', (e) => counts.push(e.count))
        await waitUntil(() => root.querySelector('[part~="bubble"]'))
        // A reply arrives while the visitor is in another tab (as the live feed delivers it).
        api.messages = [message('r', 'Yes, we are here', 'outbound'), ...api.messages]
        ;(chat as any).messages = [...(chat as any).messages, api.messages[0]]
        await waitUntil(() => document.title === '(1) Shop', `title is ${document.title}`)
        expect(counts).to.deep.equal([1])
        await new Promise((r) => setTimeout(r, 400))
        expect(calls.some((c) => c.path.endsWith('/read'))).to.equal(false)

        hidden = false
        document.dispatchEvent(new Event('visibilitychange'))
        await waitUntil(() => document.title === 'Shop')
        await waitUntil(() => counts.at(-1) === 0)
        expect(calls.find((c) => c.path.endsWith('/read'))!.body).to.deep.equal({ upTo: 'r' })
      } finally {
        delete (document as any).visibilityState
      }
    })
  })
})
