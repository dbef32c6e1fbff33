import { expect, waitUntil } from '@open-wc/testing'
import type { ParleyUnreadChangedEvent } from '../kit/events/index.js'
import { configure } from '../kit/runtime.js'
import { ConversationsController, type ConversationsHost } from './conversations-controller.js'
import { BRUNO, ME, T, W, conversation, lastMessage } from './inbox.fixtures.js'
import type { Conversation, LastMessage } from './inbox.types.js'

/**
 * The list's live unread count against the server's rule (docs/inbox.md, "Unread"): what the
 * member has not read of messages from contacts (and from other members in internal
 * conversations); never their own, teammates' replies or notes, except a note that mentions
 * them. Each step is an inbox event as the server publishes it; `server` is what
 * GET /v1/conversations would say at that point.
 */
describe('parley-inbox unread counts, live', () => {
  const realFetch = window.fetch
  /** What GET /v1/conversations/:id answers when the list reads one again. */
  const serverSays = new Map<string, Conversation>()
  let unreadConversations = 0
  const reads: string[] = []

  before(() => {
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input))
      if (url.pathname === '/v1/conversations')
        return new Response(JSON.stringify({ data: [], nextCursor: null }), {
          headers: { 'content-type': 'application/json' },
        })
      if (url.pathname === '/v1/inbox/summary')
        return new Response(JSON.stringify({ unreadConversations }), {
          headers: { 'content-type': 'application/json' },
        })
      const id = url.pathname.split('/').at(-1)!
      reads.push(id)
      return new Response(JSON.stringify(serverSays.get(id)), {
        status: serverSays.has(id) ? 200 : 404,
        headers: { 'content-type': 'application/json' },
      })
    }) as typeof fetch
    configure({
      publishableKey: 'pk_test',
      apiUrl: location.origin,
      session: async () => 'x.e30.y',
    })
  })
  after(() => (window.fetch = realFetch))

  function list(conversations: Conversation[], selected?: string) {
    const host: ConversationsHost = Object.assign(new EventTarget(), {
      me: {
        tenant: { id: T, name: 'Acme' },
        workspaceId: W,
        widgets: ['inbox'],
        member: { id: ME, name: 'Ana', role: 'agent' },
      },
      addController() {},
      removeController() {},
      requestUpdate() {},
      updateComplete: Promise.resolve(true),
      selectedId: () => selected,
      fail(error: unknown) {
        throw error
      },
      listReloaded() {},
    })
    const controller = new ConversationsController(host)
    controller.conversations = conversations
    return controller
  }

  let minute = 100
  /** The event the server publishes when `message` becomes the conversation's last. */
  const event = (
    c: Conversation,
    patch: Partial<LastMessage>,
    extra: Partial<Conversation> = {}
  ) => {
    minute -= 1
    const message = lastMessage(minute, patch)
    return {
      ...c,
      lastMessageAt: message.createdAt,
      lastMessage: message,
      unread: undefined,
      ...extra,
    }
  }
  const unread = (l: ConversationsController, id: string) =>
    l.conversations.find((c) => c.id === id)?.unread

  it('counts contacts’ messages and notes that mention me; never mine, teammates’ replies or other notes', () => {
    const start = conversation('c1', 200, { unread: 0 })
    const l = list([start])
    const steps: [string, Partial<LastMessage>, number][] = [
      ['the contact writes', { direction: 'inbound' }, 1],
      [
        'a teammate replies',
        { direction: 'outbound', authorMemberId: BRUNO, authorContactId: null },
        1,
      ],
      [
        'a teammate’s note',
        { type: 'note', direction: 'internal', authorMemberId: BRUNO, authorContactId: null },
        1,
      ],
      [
        'a note that mentions me',
        {
          type: 'note',
          direction: 'internal',
          authorMemberId: BRUNO,
          authorContactId: null,
          mentions: [ME],
        },
        2,
      ],
      ['the contact again', { direction: 'inbound' }, 3],
      // Sending marks the thread read up to it (server: markRead on send).
      ['my own reply', { direction: 'outbound', authorMemberId: ME, authorContactId: null }, 0],
      [
        'my own note',
        {
          type: 'note',
          direction: 'internal',
          authorMemberId: ME,
          authorContactId: null,
          mentions: [ME],
        },
        0,
      ],
      ['the contact once more', { direction: 'inbound' }, 1],
    ]
    let current = start
    for (const [what, patch, expected] of steps) {
      current = event(current, patch) as Conversation
      l.merge(current)
      expect(unread(l, 'c1'), what).to.equal(expected)
    }
    // The same event again (a replay after a reconnect), and a change that is not a message.
    l.merge(current)
    expect(unread(l, 'c1'), 'replayed').to.equal(1)
    l.merge({ ...current, status: 'pending', lastMessage: current.lastMessage, unread: undefined })
    expect(unread(l, 'c1'), 'a status change').to.equal(1)
    // A PATCH answer carries the member's own count: it wins.
    l.merge({ ...current, unread: 0 })
    expect(unread(l, 'c1'), 'an API answer').to.equal(0)
  })

  it('in internal conversations other members’ messages count, their notes do not', () => {
    const start = conversation('i1', 200, { channel: 'internal', contact: null, contactId: null })
    const l = list([start])
    l.merge(
      event(start, {
        direction: 'internal',
        authorMemberId: BRUNO,
        authorContactId: null,
      }) as Conversation
    )
    expect(unread(l, 'i1')).to.equal(1)
    l.merge(
      event(start, {
        type: 'note',
        direction: 'internal',
        authorMemberId: BRUNO,
        authorContactId: null,
      }) as Conversation
    )
    expect(unread(l, 'i1')).to.equal(1)
  })

  it('a new conversation counts its first message by the same rule; the open one stays read', () => {
    const l = list([], 'c-open')
    l.merge(event(conversation('n1', 0), { direction: 'inbound' }) as Conversation, true)
    l.merge(
      event(conversation('n2', 0), {
        direction: 'outbound',
        authorMemberId: BRUNO,
        authorContactId: null,
      }) as Conversation,
      true
    )
    expect(unread(l, 'n1')).to.equal(1)
    expect(unread(l, 'n2')).to.equal(0)
    const open = conversation('c-open', 300)
    l.conversations = [...l.conversations, open]
    l.merge(event(open, { direction: 'inbound' }) as Conversation)
    expect(unread(l, 'c-open')).to.equal(0)
  })

  it('what an event cannot say (a deletion, a conversation it did not list) is read again from the server', async () => {
    const start = conversation('d1', 200, {
      unread: 2,
      lastMessage: lastMessage(200, { id: 'x1' }),
    })
    const l = list([start])
    serverSays.set('d1', {
      ...start,
      unread: 1,
      lastMessage: lastMessage(200, { id: 'x1', deleted: true }),
    })
    l.merge({
      ...start,
      lastMessage: lastMessage(200, { id: 'x1', deleted: true }),
      unread: undefined,
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(reads).to.include('d1')
    expect(unread(l, 'd1')).to.equal(1)

    const stranger = conversation('s1', 0)
    serverSays.set('s1', { ...stranger, unread: 4 })
    l.merge({ ...event(stranger, { direction: 'inbound' }), unread: undefined } as Conversation)
    await new Promise((r) => setTimeout(r, 50))
    expect(unread(l, 's1')).to.equal(4)
  })

  it('showing unread only, a conversation whose new message does not count stays out', () => {
    const l = list([])
    l.filters = { status: '', assignee: '', unread: true }
    l.merge(
      event(conversation('u1', 0), {
        direction: 'outbound',
        authorMemberId: BRUNO,
        authorContactId: null,
      }) as Conversation,
      true
    )
    l.merge(event(conversation('u2', 0), { direction: 'inbound' }) as Conversation, true)
    expect(l.conversations.map((c) => c.id)).to.deep.equal(['u2'])
  })

  it('announces how many conversations have something unread (a launcher’s badge), as it changes', async () => {
    const a = conversation('t1', 200, { unread: 0 })
    const b = conversation('t2', 210, { unread: 2 })
    const l = list([a, b])
    const host = (l as unknown as { host: EventTarget }).host
    const announced: number[] = []
    host.addEventListener('parley-unread-changed', (e) =>
      announced.push((e as ParleyUnreadChangedEvent).count)
    )
    unreadConversations = 1
    serverSays.clear()
    await l.load()
    await new Promise((r) => setTimeout(r, 50))
    l.conversations = [a, b]
    expect(announced, 'read from the server on load').to.deep.equal([1])
    l.merge(event(a, { direction: 'inbound' }) as Conversation)
    l.merge(event(b, { direction: 'inbound' }) as Conversation)
    expect(announced, 'one more conversation; the other already counted').to.deep.equal([1, 2])
    l.markRead('t2')
    expect(announced).to.deep.equal([1, 2, 1])
    // About one the list does not hold: the server says.
    unreadConversations = 5
    l.filters = { status: 'open', assignee: '', unread: false }
    l.merge({
      ...event(conversation('t9', 0), { direction: 'inbound' }),
      status: 'pending',
    } as Conversation)
    await waitUntil(() => announced.at(-1) === 5, 'not read again from the server', {
      timeout: 3000,
    })
  })
})
