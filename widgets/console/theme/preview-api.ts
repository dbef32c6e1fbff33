import { configure } from '../../kit/runtime.js'
import { busyInbox, withFixtureApi, T, W, ME } from '../../inbox/inbox.fixtures.js'
import { withCampaignsApi } from '../../campaigns/campaigns.fixtures.js'
import { cannedFetch } from '../../billing/billing.fixtures.js'

/**
 * Sample data for the theme preview's widgets: the widgets' own story fixtures, answered on a
 * made-up origin so nothing reaches the partner's workspaces. `window.fetch` is wrapped: requests
 * to PREVIEW_ORIGIN get canned answers, every other request (the console's own) passes through.
 */
export const PREVIEW_ORIGIN = 'https://preview.parley.invalid'

type Fetch = typeof fetch

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json' },
  })

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

/** The web chat's side: a returning visitor with the team's replies (as in chat.stories.ts). */
function chatFetch(): Fetch {
  const claims = btoa(
    JSON.stringify({
      tenantId: T,
      workspaceId: W,
      contactId: `${W.slice(0, -2)}d1`,
      exp: Date.now() / 1000 + 86_400,
    })
  ).replace(/=+$/, '')
  const ana = { name: 'Ana Lima', avatarUrl: null }
  const message = (id: string, body: string, inbound: boolean, minutes: number) => ({
    id,
    conversationId: 'c1',
    body,
    type: 'text',
    direction: inbound ? 'inbound' : 'outbound',
    author: inbound ? null : ana,
    status: inbound ? 'sent' : 'read',
    createdAt: minutesAgo(minutes),
    attachments: [],
  })
  return (async (input: RequestInfo | URL) => {
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname
    if (path === '/v1/chat/workspaces/demo-co')
      return json({
        name: 'Demo Co',
        team: [ana, { name: 'Bruno Silva', avatarUrl: null }],
        online: true,
        replyTime: 'minutes',
        preChat: { ask: 'off', required: false },
        emailCaptureSeconds: 0,
      })
    if (path === '/v1/chat/visitors')
      return json({ token: `c1.${claims}.sig`, visitorToken: 'vt_preview' }, 201)
    if (path === '/v1/chat/contact') return json({ name: null, email: null })
    if (path === '/v1/chat/conversations')
      return json({
        data: [{ id: 'c1', status: 'open', lastMessageAt: minutesAgo(2) }],
        nextCursor: null,
      })
    if (path.endsWith('/messages'))
      return json({
        data: [
          message('m4', 'Yes! Shall I reserve a bag for you?', false, 2),
          message('m3', 'Let me check the roastery’s stock.', false, 3),
          message('m2', 'Is the espresso blend in stock?', true, 4),
          message('m1', 'Hi there', true, 4),
        ],
        nextCursor: null,
      })
    return new Response(null, { status: 204 })
  }) as Fetch
}

/** Runs a fixture installer that assigns window.fetch, and returns the fetch it installed. */
function captured(install: () => void): Fetch {
  const before = window.fetch
  install()
  const installed = window.fetch
  window.fetch = before
  return installed
}

let route: Fetch | undefined
let wrapper: Fetch | undefined
let passOn: Fetch = (...args) => window.fetch(...args)

/** The fixtures' fetch for PREVIEW_ORIGIN (built once: the fixture installers configure the kit). */
function previewRoute(locale?: string): Fetch {
  const inbox = captured(() => withFixtureApi(busyInbox(), locale))
  const campaigns = captured(() => withCampaignsApi({ locale, role: 'owner' }))
  const billing = cannedFetch({ role: 'owner' }).fetch as Fetch
  const chat = chatFetch()
  // The visitor token the chat keeps between visits: a returning visitor.
  try {
    localStorage.setItem('parley:visitor:pk_console_preview:demo-co', 'vt_preview')
  } catch {
    // Storage refused: the preview shows a first visit instead.
  }
  const handlers: [RegExp, Fetch][] = [
    [/^\/v1\/chat\//, chat],
    [/^\/v1\/(campaigns|segments|whatsapp)/, campaigns],
    [/^\/v1\/billing/, billing],
    [/^\/v1\/recordings/, async () => json({ data: [], nextCursor: null })],
  ]
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    // The draft theme stays: no tenant theme over it.
    if (url.pathname === '/v1/theme.css') return new Response('', { status: 404 })
    if (url.pathname === '/v1/realtime/ticket')
      return json({ url: `${PREVIEW_ORIGIN}/none`, stream: 's', expiresAt: '' }, 201)
    if (url.pathname === '/v1/me')
      return json({
        tenant: { id: T, name: 'Acme' },
        workspaceId: W,
        widgets: ['inbox', 'chat', 'recorder', 'campaigns', 'billing'],
        member: { id: ME, name: 'Ana Lima', role: 'owner' },
      })
    const handler = handlers.find(([pattern]) => pattern.test(url.pathname))?.[1] ?? inbox
    return handler(input, init)
  }) as Fetch
}

/**
 * Routes PREVIEW_ORIGIN to the fixtures (wrapping whatever window.fetch is now, again if someone
 * replaced it since) and configures the kit's runtime for the preview's widgets in `locale`.
 */
export function installPreviewApi(locale?: string) {
  route ??= previewRoute(locale)
  if (!wrapper || window.fetch !== wrapper) {
    passOn = window.fetch
    wrapper = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input), location.href)
      return url.origin === PREVIEW_ORIGIN ? route!(input, init) : passOn(input, init)
    }) as Fetch
    window.fetch = wrapper
  }
  configure({
    publishableKey: 'pk_console_preview',
    apiUrl: PREVIEW_ORIGIN,
    locale,
    session: async () => 'v1.e30.sig',
  })
}
