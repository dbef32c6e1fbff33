import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import './inbox.js'

/**
 * The inbox against a canned API: Storybook has no Parley server, so the story answers the
 * widget's requests itself (the real exchange is covered by the end-to-end tests).
 */
const T = '0192f000-0000-7000-8000-0000000000a1'
const W = '0192f000-0000-7000-8000-0000000000b1'
const ME = '0192f000-0000-7000-8000-0000000000c1'
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

function withApi(conversations: unknown[], locale: string) {
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    if (url.pathname === '/v1/me')
      return json({
        tenant: { id: T, name: 'Acme' },
        workspaceId: W,
        widgets: ['inbox'],
        member: { id: ME, name: 'Ana', role: 'agent' },
      })
    if (url.pathname === '/v1/conversations') return json({ data: conversations, nextCursor: null })
    if (url.pathname === '/v1/conversations/c1') return json(conversations[0])
    if (url.pathname === '/v1/members')
      return json({
        data: [
          { id: ME, name: 'Ana', role: 'agent' },
          { id: 'm-bruno', name: 'Bruno', role: 'agent' },
        ],
        nextCursor: null,
      })
    if (url.pathname === '/v1/presence')
      return json({
        data: [{ memberId: 'm-bruno', status: 'away', lastSeenAt: minutesAgo(1) }],
        nextCursor: null,
      })
    if (url.pathname.endsWith('/messages')) {
      return json({
        data: [
          {
            id: 'm4',
            conversationId: 'c1',
            body: 'This is the parcel I got instead.',
            type: 'text',
            direction: 'inbound',
            authorMemberId: null,
            status: 'delivered',
            createdAt: minutesAgo(3),
            attachments: [
              {
                id: 'a1',
                name: 'voice-note.ogg',
                mimeType: 'audio/ogg',
                kind: 'audio',
                size: 48_213,
                url: 'https://files.example/voice-note.ogg',
              },
              {
                id: 'a2',
                name: 'receipt.pdf',
                mimeType: 'application/pdf',
                kind: 'file',
                size: 182_004,
                url: 'https://files.example/receipt.pdf',
              },
            ],
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
            authorMemberId: ME,
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
        ],
        nextCursor: null,
      })
    }
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

const conversations = [
  {
    id: 'c1',
    channel: 'whatsapp',
    status: 'open',
    priority: 'high',
    assigneeId: ME,
    subject: null,
    lastMessageAt: minutesAgo(5),
    contact: { id: 'k1', name: 'Dora Alves', phone: '+5511987650001', email: null },
    unread: 2,
  },
  {
    id: 'c2',
    channel: 'web',
    status: 'pending',
    priority: 'normal',
    assigneeId: null,
    subject: 'Annual billing',
    lastMessageAt: minutesAgo(40),
    contact: { id: 'k2', name: 'Ethan Brooks', phone: null, email: 'ethan@x.test' },
    unread: 0,
  },
]

const meta: Meta = {
  title: 'Widgets/Inbox',
  component: 'parley-inbox',
  parameters: { layout: 'fullscreen' },
}
export default meta
type Story = StoryObj

export const Conversations: Story = {
  render: (_, { globals }) => {
    withApi(conversations, globals.locale)
    return html`<div class="story-frame"><parley-inbox></parley-inbox></div>`
  },
}

export const Empty: Story = {
  render: (_, { globals }) => {
    withApi([], globals.locale)
    return html`<div class="story-frame"><parley-inbox></parley-inbox></div>`
  },
}

/** A host page showing one conversation, with the details panel open. */
export const PinnedThread: Story = {
  render: (_, { globals }) => {
    withApi(conversations, globals.locale)
    return html`<div class="story-frame"><parley-inbox conversation="c1"></parley-inbox></div>`
  },
}
