import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import './chat.js'

/**
 * The web chat against a canned API (Storybook has no Parley server): a first-time visitor, and
 * a returning one whose browser kept its visitor token.
 */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const claims = btoa(
  JSON.stringify({
    tenantId: '0192f000-0000-7000-8000-0000000000a1',
    workspaceId: '0192f000-0000-7000-8000-0000000000b1',
    contactId: '0192f000-0000-7000-8000-0000000000d1',
    exp: Date.now() / 1000 + 3600,
  })
).replace(/=+$/, '')

function withApi(returning: boolean, locale: string) {
  const key = 'parley:visitor:pk_storybook:demo-co'
  if (returning) localStorage.setItem(key, 'vt_story')
  else localStorage.removeItem(key)
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    if (url.pathname === '/v1/embed/config')
      return json({
        tenant: { name: 'Demo Co', logoUrl: null },
        widgets: [],
        theme: { tokens: {} },
      })
    if (url.pathname === '/v1/chat/visitors')
      return json({ token: `c1.${claims}.sig`, visitorToken: 'vt_story' }, 201)
    if (url.pathname === '/v1/chat/conversations')
      return json({
        data: [{ id: 'c1', status: 'open', lastMessageAt: minutesAgo(2) }],
        nextCursor: null,
      })
    if (url.pathname.endsWith('/messages'))
      return json({
        data: [
          {
            id: 'm2',
            conversationId: 'c1',
            body: 'Yes! Shall I reserve a bag for you?',
            type: 'text',
            direction: 'outbound',
            authorMemberId: 'm1',
            status: 'read',
            createdAt: minutesAgo(2),
          },
          {
            id: 'm1',
            conversationId: 'c1',
            body: 'Is the espresso blend in stock?',
            type: 'text',
            direction: 'inbound',
            authorMemberId: null,
            status: 'sent',
            createdAt: minutesAgo(4),
          },
        ],
        nextCursor: null,
      })
    if (url.pathname === '/v1/realtime/ticket')
      return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
    return new Response(null, { status: 204 })
  }) as typeof fetch
  configure({ publishableKey: 'pk_storybook', apiUrl: location.origin, locale })
}

const meta: Meta = {
  title: 'Widgets/Chat',
  component: 'parley-chat',
  parameters: { layout: 'fullscreen' },
}
export default meta
type Story = StoryObj

export const NewVisitor: Story = {
  render: (_, { globals }) => {
    withApi(false, globals.locale)
    return html`<div class="story-frame"><parley-chat workspace="demo-co"></parley-chat></div>`
  },
}

export const ReturningVisitor: Story = {
  render: (_, { globals }) => {
    withApi(true, globals.locale)
    return html`<div class="story-frame"><parley-chat workspace="demo-co"></parley-chat></div>`
  },
}
