import { configure } from '../kit/runtime.js'
import type { Conversation, LastMessage } from './inbox.types.js'

/**
 * A canned workspace for the inbox's stories and tests: Storybook and Web Test Runner have no
 * Parley server, so the page answers the widget's requests itself (the real exchange is covered
 * by the end-to-end tests). Never imported by the widget itself.
 */
export const T = '0192f000-0000-7000-8000-0000000000a1'
export const W = '0192f000-0000-7000-8000-0000000000b1'
export const ME = '0192f000-0000-7000-8000-0000000000c1'
export const BRUNO = '0192f000-0000-7000-8000-0000000000c2'

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

/** A last message, inbound text unless told otherwise. */
export function lastMessage(minutes: number, patch: Partial<LastMessage> = {}): LastMessage {
  return {
    id: `lm-${minutes}-${Math.random().toString(36).slice(2, 8)}`,
    type: 'text',
    direction: 'inbound',
    body: '',
    attachmentKind: null,
    authorMemberId: null,
    authorContactId: 'k',
    mentions: [],
    createdAt: minutesAgo(minutes),
    deleted: false,
    ...patch,
  }
}

/** One conversation, open, normal, unassigned, web, unless told otherwise. */
export function conversation(
  id: string,
  minutes: number,
  patch: Partial<Conversation> = {}
): Conversation {
  return {
    id,
    channel: 'web',
    status: 'open',
    priority: 'normal',
    assigneeId: null,
    tags: [],
    subject: null,
    lastMessageAt: minutesAgo(minutes),
    contactId: `${id}-contact`,
    contact: {
      id: `0192f000-0000-7000-8000-00000000${id.padStart(4, '0')}`,
      name: null,
      phone: null,
      email: null,
    },
    lastMessage: lastMessage(minutes),
    unread: 0,
    ...patch,
  }
}

const contact = (id: string, patch: Partial<NonNullable<Conversation['contact']>>) => ({
  id,
  name: null,
  phone: null,
  email: null,
  ...patch,
})

/** What a busy morning looks like: visitors, WhatsApp, notes, a photo, a voice message. */
export function busyInbox(): Conversation[] {
  return [
    conversation('c1', 3, {
      channel: 'whatsapp',
      priority: 'high',
      assigneeId: ME,
      tags: ['vip', 'shipping', 'returns', 'priority-mail'],
      contact: contact('k1', { name: 'Dora Alves', phone: '+5511987650001' }),
      lastMessage: lastMessage(3, { body: 'This is the parcel I got instead. Can you check?' }),
      unread: 2,
    }),
    conversation('c2', 6, {
      contact: contact('0192f001-aaaa-7000-8000-00000000a1b2', {
        visitor: { city: 'Lisbon', browser: 'Chrome', os: 'macOS', country: 'PT' },
      }),
      lastMessage: lastMessage(6, { body: 'Hi! Do you ship to Portugal?' }),
      unread: 1,
    }),
    conversation('c3', 14, {
      assigneeId: ME,
      contact: contact('0192f001-aaaa-7000-8000-00000000c3d4', {
        visitor: { city: 'São Paulo', browser: 'Safari', os: 'iOS', country: 'BR' },
      }),
      lastMessage: lastMessage(14, {
        body: 'Yes, we do: 3 to 5 working days.',
        direction: 'outbound',
        authorMemberId: ME,
        authorContactId: null,
      }),
    }),
    conversation('c4', 52, {
      contact: contact('0192f001-aaaa-7000-8000-00000000e5f6', { visitor: { browser: 'Firefox' } }),
      lastMessage: lastMessage(52, { attachmentKind: 'image' }),
      unread: 1,
    }),
    conversation('c5', 95, {
      channel: 'whatsapp',
      priority: 'urgent',
      contact: contact('k5', { phone: '+447700900123' }),
      lastMessage: lastMessage(95, { attachmentKind: 'voice' }),
      unread: 3,
    }),
    conversation('c6', 60 * 5, {
      status: 'pending',
      assigneeId: BRUNO,
      tags: ['billing'],
      contact: contact('k6', { name: 'Ethan Brooks', email: 'ethan@brooks.test' }),
      lastMessage: lastMessage(60 * 5, {
        type: 'note',
        direction: 'internal',
        body: 'Carrier says Thursday; offer the annual plan discount.',
        authorMemberId: BRUNO,
        authorContactId: null,
      }),
    }),
    conversation('c7', 60 * 20, {
      channel: 'internal',
      subject: 'Q3 roadmap review',
      contact: null,
      contactId: null,
      lastMessage: lastMessage(60 * 20, {
        direction: 'internal',
        body: 'Can you look at the deck before Friday?',
        authorMemberId: BRUNO,
        authorContactId: null,
      }),
      unread: 1,
    }),
    conversation('c8', 60 * 24 * 2, {
      contact: contact('0192f001-aaaa-7000-8000-0000000091ab', {}),
      lastMessage: lastMessage(60 * 24 * 2, { deleted: true }),
    }),
    conversation('c9', 60 * 24 * 3, {
      status: 'resolved',
      priority: 'low',
      channel: 'whatsapp',
      contact: contact('k9', { name: 'Fatima Zahra', phone: '+212612345678' }),
      lastMessage: lastMessage(60 * 24 * 3, { body: 'Thanks for the quick help yesterday!' }),
    }),
    conversation('c10', 60 * 24 * 40, {
      status: 'closed',
      contact: contact('k10', { name: 'Grace Kim', email: 'grace@kim.test' }),
      lastMessage: lastMessage(60 * 24 * 40, {
        body: 'Anytime, Grace. Have a great day.',
        direction: 'outbound',
        authorMemberId: BRUNO,
        authorContactId: null,
      }),
    }),
  ]
}

const messages = [
  {
    id: 'm4',
    conversationId: 'c1',
    body: 'This is the parcel I got instead. Can you check?',
    type: 'text',
    direction: 'inbound',
    authorMemberId: null,
    status: 'delivered',
    createdAt: minutesAgo(3),
  },
  {
    id: 'm3',
    conversationId: 'c1',
    body: 'Sorry about that, Dora. Let me check with the carrier.',
    type: 'text',
    direction: 'outbound',
    authorMemberId: ME,
    status: 'read',
    createdAt: minutesAgo(5),
  },
  {
    id: 'm2',
    conversationId: 'c1',
    body: 'Carrier says Thursday.',
    type: 'note',
    direction: 'internal',
    authorMemberId: BRUNO,
    status: 'sent',
    createdAt: minutesAgo(8),
  },
  {
    id: 'm1',
    conversationId: 'c1',
    body: 'Hi! My order #4521 has not arrived yet.',
    type: 'text',
    direction: 'inbound',
    authorMemberId: null,
    status: 'delivered',
    createdAt: minutesAgo(30),
  },
]

/**
 * Answers the inbox's requests from `conversations` (search matches names and previews, the
 * status filter applies), and configures the kit for `locale`.
 */
export function withFixtureApi(conversations: Conversation[], locale = 'en') {
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const method = init?.method ?? 'GET'
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    // The story's (or test's) own theme stays: no tenant theme over it.
    if (url.pathname === '/v1/theme.css') return new Response('', { status: 404 })
    if (url.pathname === '/v1/me')
      return json({
        tenant: { id: T, name: 'Acme' },
        workspaceId: W,
        widgets: ['inbox'],
        member: { id: ME, name: 'Ana Lima', role: 'agent' },
      })
    if (url.pathname === '/v1/conversations') {
      const q = url.searchParams.get('q')?.toLowerCase()
      const status = url.searchParams.get('status')
      const data = conversations.filter(
        (c) =>
          (!status || c.status === status) &&
          (!q ||
            JSON.stringify([c.contact, c.lastMessage?.body, c.subject]).toLowerCase().includes(q))
      )
      return json({ data, nextCursor: null })
    }
    if (url.pathname === '/v1/inbox/summary')
      return json({ unreadConversations: conversations.filter((c) => c.unread).length })
    const one = /^\/v1\/conversations\/([^/]+)$/.exec(url.pathname)
    if (one) return json(conversations.find((c) => c.id === one[1]) ?? conversations[0])
    if (url.pathname === '/v1/members')
      return json({
        data: [
          { id: ME, name: 'Ana Lima', role: 'agent' },
          { id: BRUNO, name: 'Bruno Silva', role: 'agent' },
        ],
        nextCursor: null,
      })
    // This widget's heartbeat: the member is what it reports (no other tab here).
    if (url.pathname === '/v1/presence' && method === 'POST') {
      const { status } = JSON.parse(String(init?.body))
      return json({ memberId: ME, status, lastSeenAt: new Date().toISOString() })
    }
    if (url.pathname === '/v1/presence')
      return json({
        data: [{ memberId: BRUNO, status: 'away', lastSeenAt: minutesAgo(1) }],
        nextCursor: null,
        heartbeatSeconds: 30,
        awayAfterSeconds: 300,
      })
    if (url.pathname.endsWith('/messages')) return json({ data: messages, nextCursor: null })
    if (url.pathname === '/v1/realtime/ticket')
      return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
    return new Response(null, { status: 204 })
  }) as typeof fetch
  configure({
    publishableKey: 'pk_storybook',
    apiUrl: location.origin,
    locale,
    session: async () => 'v1.e30.sig',
  })
}
