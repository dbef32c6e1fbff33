import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import { WORDMARK_KEY, demoEmbedConfig } from '../kit/test/brand.fixtures.js'
import './chat.js'

/**
 * The web chat against a canned API (Storybook has no Parley server): a first-time visitor, a
 * returning one whose browser kept its visitor token (with the team's replies), the pre-chat
 * form, the email prompt when nobody has answered, and a tenant's logo in the header (Branding).
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

const ANA = { name: 'Ana Lima', avatarUrl: null }
const message = (id: string, body: string, inbound: boolean, minutes: number) => ({
  id,
  conversationId: 'c1',
  body,
  type: 'text',
  direction: inbound ? 'inbound' : 'outbound',
  author: inbound ? null : ANA,
  status: inbound ? 'sent' : 'read',
  createdAt: minutesAgo(minutes),
  attachments: [],
})

type Scene = 'new' | 'conversation' | 'preChat' | 'unanswered'

function withApi(scene: Scene, locale: string, publishableKey = 'pk_storybook') {
  const key = `parley:visitor:${publishableKey}:demo-co`
  if (scene === 'new' || scene === 'preChat') localStorage.removeItem(key)
  else localStorage.setItem(key, 'vt_story')
  localStorage.removeItem('parley:chat-email-asked:c1')
  const messages =
    scene === 'unanswered'
      ? [message('m1', 'Do you deliver to Porto on Saturdays?', true, 5)]
      : [
          message('m4', 'Yes! Shall I reserve a bag for you?', false, 2),
          message('m3', 'Let me check the roastery’s stock.', false, 3),
          message('m2', 'Is the espresso blend in stock?', true, 4),
          message('m1', 'Hi there', true, 4),
        ]
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    // Storybook's toolbar theme stays (a 404 leaves the page's theme as it is).
    if (url.pathname === '/v1/theme.css') return new Response('', { status: 404 })
    if (url.pathname === '/v1/embed/config')
      return json(demoEmbedConfig(url.searchParams.get('key')))
    if (url.pathname === '/v1/chat/workspaces/demo-co')
      return json({
        name: 'Demo Co',
        team: [ANA, { name: 'Bruno Silva', avatarUrl: null }],
        online: scene !== 'unanswered',
        replyTime: scene === 'unanswered' ? 'hour' : 'minutes',
        preChat: { ask: scene === 'preChat' ? 'nameAndEmail' : 'off', required: false },
        emailCaptureSeconds: 120,
      })
    if (url.pathname === '/v1/chat/visitors')
      return json({ token: `c1.${claims}.sig`, visitorToken: 'vt_story' }, 201)
    if (url.pathname === '/v1/chat/contact') return json({ name: null, email: null })
    if (url.pathname === '/v1/chat/conversations')
      return json({
        data: [{ id: 'c1', status: 'open', lastMessageAt: minutesAgo(2) }],
        nextCursor: null,
      })
    if (url.pathname.endsWith('/messages')) return json({ data: messages, nextCursor: null })
    if (url.pathname === '/v1/realtime/ticket')
      return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
    return new Response(null, { status: 204 })
  }) as typeof fetch
  configure({ publishableKey, apiUrl: location.origin, locale })
}

const meta: Meta = {
  title: 'Widgets/Chat',
  component: 'parley-chat',
  parameters: { layout: 'fullscreen' },
}
export default meta
type Story = StoryObj

const story = (scene: Scene, publishableKey?: string): Story => ({
  render: (_, { globals }) => {
    withApi(scene, globals.locale, publishableKey)
    return html`<div class="story-frame"><parley-chat workspace="demo-co"></parley-chat></div>`
  },
})

export const NewVisitor = story('new')
export const ReturningVisitor = story('conversation')
export const PreChatForm = story('preChat')
/** Nobody answered within the workspace's two minutes: the chat asks for an email. */
export const EmailPrompt = story('unanswered')
/**
 * The tenant set a logo in the console (a wordmark, as wide as they come): it leads the header on
 * a light tile in both schemes, and the team's name moves below when the width runs short.
 */
export const Branded = story('conversation', WORDMARK_KEY)
