import { expect, fixture, html, waitUntil, aTimeout } from '@open-wc/testing'
import { emulateMedia } from '@web/test-runner-commands'
import type { TemplateResult } from 'lit'
import { configure } from './kit/runtime.js'
import { applyThemeCss } from './kit/theme.js'
import { compileTheme } from '../themes/compile.js'
import { AA_LARGE_TEXT, AA_NORMAL_TEXT, contrastRatio } from '../themes/contrast.js'
import './account/account.js'
import './recorder/recorder.js'
import './inbox/inbox.js'
import './chat/chat.js'
import './launcher/launcher.js'
import './campaigns/campaigns.js'
import { someCampaigns, someRecipients, someStats } from './campaigns/campaigns.fixtures.js'
import './billing/billing.js'
import { activeBilling, invoices, PLANS } from './billing/billing.fixtures.js'

/**
 * Every widget's text against the background it is actually painted on, in the light and the dark
 * scheme, on a light and on a dark host page (issue 13: unreadable text on a host whose scheme is
 * not the widget's). Each visible text node of every shadow root is measured against the first
 * opaque background up its composed ancestors (shadow hosts and slots included), with the
 * translucent layers on the way composited over it: WCAG AA, 4.5:1 (3:1 for large text).
 */

const T = '0192f000-0000-7000-8000-0000000000a1'
const W = '0192f000-0000-7000-8000-0000000000b1'
const ME = '0192f000-0000-7000-8000-0000000000c1'
const EVA = '0192f000-0000-7000-8000-0000000000d1'
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const visitorToken = () =>
  `c1.${btoa(JSON.stringify({ tenantId: T, workspaceId: W, contactId: EVA, exp: Date.now() / 1000 + 3600 })).replace(/=+$/, '')}.sig`

const message = (id: string, body: string, direction: string, type = 'text', minutes = 5) => ({
  id,
  conversationId: 'c1',
  body,
  type,
  direction,
  authorMemberId: direction === 'inbound' ? null : ME,
  author: direction === 'inbound' ? null : { name: 'Ana Lima', avatarUrl: null },
  status: 'read',
  createdAt: minutesAgo(minutes),
  attachments: [],
})

const recording = (patch: Record<string, unknown>) => ({
  id: 'r1',
  title: 'Weekly sync',
  mimeType: 'audio/webm',
  status: 'ready',
  progress: 1,
  durationSeconds: 65,
  sizeBytes: 1000,
  language: 'en',
  error: null,
  audioUrl: null,
  peaks: null,
  summary: 'The launch moves to Friday.',
  actionItems: ['Tell support'],
  createdAt: minutesAgo(90),
  updatedAt: minutesAgo(80),
  ...patch,
})

/** The widgets' API, canned (as their stories answer it), with requests in flight counted. */
let inFlight = 0
async function answer(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input instanceof Request ? input.url : input))
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })
  const path = url.pathname
  if (path === '/v1/theme.css') return new Response('', { status: 404 })
  if (path === '/v1/me')
    return json({
      tenant: { id: T, name: 'Acme' },
      workspace: { id: W, externalId: 'acme-co', name: 'Acme Co' },
      workspaceId: W,
      widgets: ['inbox', 'recorder', 'campaigns'],
      member: {
        id: ME,
        externalId: 'u_1',
        name: 'Ana Lima',
        email: 'ana@acme.test',
        role: 'agent',
      },
    })
  if (path === '/v1/members')
    return json({ data: [{ id: ME, name: 'Ana Lima', role: 'agent' }], nextCursor: null })
  if (path === '/v1/presence') return json({ data: [], nextCursor: null })
  const conversation = {
    id: 'c1',
    channel: 'whatsapp',
    status: 'open',
    priority: 'high',
    assigneeId: ME,
    subject: null,
    tags: ['vip'],
    lastMessageAt: minutesAgo(5),
    contact: { id: 'k1', name: 'Dora Alves', phone: '+5511987650001', email: null },
    unread: 2,
  }
  if (path === '/v1/conversations')
    return json({
      data: [
        conversation,
        {
          ...conversation,
          id: 'c2',
          channel: 'web',
          status: 'pending',
          unread: 0,
          contact: { id: 'k2', name: 'Ethan', phone: null, email: 'e@x.test' },
        },
      ],
      nextCursor: null,
    })
  if (path === '/v1/conversations/c1') return json(conversation)
  if (path === '/v1/conversations/c1/messages')
    return json({
      data: [
        message('m3', 'Sorry about that, Dora.', 'outbound', 'text', 3),
        message('m2', 'Carrier says Thursday.', 'internal', 'note', 4),
        message('m1', 'My order has not arrived yet.', 'inbound', 'text', 30),
      ],
      nextCursor: null,
    })
  if (path === '/v1/inbox/summary') return json({ counts: {}, unread: 2 })
  if (path === '/v1/recordings')
    return json({
      data: [
        recording({ id: 'r3', title: 'Voice note', status: 'uploaded', createdAt: minutesAgo(2) }),
        recording({ id: 'r2', title: 'Customer call', status: 'transcribing', progress: 0.4 }),
        recording({
          id: 'r0',
          title: 'Broken',
          status: 'failed',
          error: { code: 'TRANSCRIPTION_FAILED', message: 'The provider refused the key' },
        }),
        recording({}),
      ],
      nextCursor: null,
    })
  if (path === '/v1/recordings/r3')
    return json(
      recording({
        id: 'r3',
        title: 'Voice note',
        status: 'uploaded',
        audioUrl: 'data:audio/wav;base64,',
        error: { code: 'PROVIDER_NOT_CONFIGURED', message: 'No provider' },
        peaks: Array.from({ length: 200 }, (_, i) => Math.abs(Math.sin(i / 7))),
      })
    )
  if (path === '/v1/embed/config')
    return json({
      tenant: { name: 'Acme Help', logoUrl: null },
      widgets: [],
      theme: { tokens: {} },
    })
  if (path === '/v1/chat/workspaces/demo-co')
    return json({
      name: 'Demo Co',
      team: [{ name: 'Ana Lima', avatarUrl: null }],
      online: true,
      replyTime: 'minutes',
      preChat: { ask: 'off', required: false },
      emailCaptureSeconds: 120,
    })
  if (path === '/v1/chat/contact') return json({ name: null, email: null })
  if (path === '/v1/chat/visitors')
    return json({ token: visitorToken(), visitorToken: 'vt', contactId: EVA, workspaceId: W }, 201)
  if (path === '/v1/chat/conversations')
    return json({
      data: [{ id: 'c1', status: 'open', lastMessageAt: minutesAgo(2) }],
      nextCursor: null,
    })
  if (path === '/v1/chat/conversations/c1/messages')
    return json({
      data: [
        message('m2', 'Yes! Shall I reserve one?', 'outbound', 'text', 2),
        message('m1', 'Is the blend in stock?', 'inbound', 'text', 4),
      ],
      nextCursor: null,
    })
  if (path === '/v1/campaigns') return json({ data: someCampaigns(), nextCursor: null })
  if (path === '/v1/campaigns/cmp-spring') return json(someCampaigns()[0])
  if (path === '/v1/campaigns/cmp-spring/stats') return json(someStats())
  if (path === '/v1/campaigns/cmp-spring/recipients')
    return json({ data: someRecipients(), nextCursor: null })
  // Billing past due: its banners and every status colour on screen.
  if (path === '/v1/billing') {
    const billing = activeBilling()
    return json({ ...billing, subscription: { ...billing.subscription, status: 'past_due' } })
  }
  if (path === '/v1/billing/plans') return json({ data: PLANS, nextCursor: null })
  if (path === '/v1/billing/invoices') return json({ data: invoices(), nextCursor: 'older' })
  if (path === '/v1/realtime/ticket')
    return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
  return new Response(null, { status: 204 })
}

// Colours -----------------------------------------------------------------------------------

type Rgba = [number, number, number, number]
const paint = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!

/** Any computed CSS colour (rgb(), color(srgb …), oklab() from color-mix…) as 0–255 RGBA. */
function rgba(css: string): Rgba {
  paint.clearRect(0, 0, 1, 1)
  paint.fillStyle = '#000'
  paint.fillStyle = css
  paint.fillRect(0, 0, 1, 1)
  const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data
  return [r, g, b, a / 255]
}

const over = (top: Rgba, below: Rgba): Rgba => {
  const a = top[3]
  return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1) as Rgba
}
const hex = ([r, g, b]: Rgba) =>
  `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`

/** The element's parent as it is rendered: its slot, its parent, or its shadow root's host. */
function composedParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot
  if (el.parentElement) return el.parentElement
  const root = el.getRootNode()
  return root instanceof ShadowRoot ? root.host : null
}

/** The colour painted behind `el`: translucent layers over the first opaque one (white if none). */
function backgroundOf(el: Element): { color: Rgba; image: boolean } {
  const layers: Rgba[] = []
  let image = false
  for (let node: Element | null = el; node; node = composedParent(node)) {
    const style = getComputedStyle(node)
    if (style.backgroundImage !== 'none') image = true
    const color = rgba(style.backgroundColor)
    if (color[3] > 0) layers.push(color)
    if (color[3] >= 1) break
  }
  return {
    color: layers.reduceRight<Rgba>((below, top) => over(top, below), [255, 255, 255, 1]),
    image,
  }
}

/** Inactive controls are exempt from WCAG contrast. */
function disabled(el: Element) {
  for (let node: Element | null = el; node; node = composedParent(node))
    if (node.hasAttribute('disabled') || node.getAttribute('aria-disabled') === 'true') return true
  return false
}

function opacity(el: Element) {
  let product = 1
  for (let node: Element | null = el; node; node = composedParent(node))
    product *= Number(getComputedStyle(node).opacity)
  return product
}

function* textNodes(root: Node): Generator<Text> {
  for (const child of root.childNodes) {
    if (child instanceof Text) yield child
    if (child instanceof Element) {
      if (child.shadowRoot) yield* textNodes(child.shadowRoot)
      yield* textNodes(child)
    }
  }
}

interface Problem {
  text: string
  ratio: number
  needed: number
  color: string
  background: string
}

/** Measures every visible text of `widget`; returns how many were measured and which failed. */
function measure(widget: Element) {
  const problems: Problem[] = []
  let measured = 0
  for (const node of textNodes(widget.shadowRoot!)) {
    const text = node.data.trim()
    const el = node.parentElement
    if (!text || !el) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    const visible = [...range.getClientRects()].some((r) => r.width > 1 && r.height > 1)
    const style = getComputedStyle(el)
    if (!visible || style.visibility !== 'visible' || disabled(el)) continue
    // Text only for screen readers (the kit's .visually-hidden) is clipped away.
    if (el.closest('.visually-hidden') || style.clipPath.startsWith('inset(50%')) continue
    const background = backgroundOf(el)
    const ink = rgba(style.color)
    ink[3] *= opacity(el)
    const ratio = contrastRatio(hex(over(ink, background.color)), hex(background.color))
    const size = Number.parseFloat(style.fontSize)
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
    const needed = large ? AA_LARGE_TEXT : AA_NORMAL_TEXT
    measured++
    if (background.image) continue // an image behind the text: not measurable here
    if (ratio < needed - 0.005)
      problems.push({
        text: text.slice(0, 40),
        ratio: Math.round(ratio * 100) / 100,
        needed,
        color: style.color,
        background: hex(background.color),
      })
  }
  return { measured, problems }
}

// The widgets -------------------------------------------------------------------------------

interface Case {
  name: string
  template: () => TemplateResult
  /** The state worth measuring is on screen. */
  ready: (el: Element) => unknown
  /** Runs before it is mounted (what its browser remembers…). */
  setup?: () => void
  /** Opens more of the widget before measuring it again (a recording's detail…). */
  then?: (el: Element) => Promise<unknown>
}

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector)

/** The first element matching `selector` in `root` or any shadow root under it. */
function deep(root: Element | ShadowRoot, selector: string): Element | null {
  const found = root.querySelector(selector)
  if (found) return found
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deep(el.shadowRoot, selector)
    if (inner) return inner
  }
  return null
}
const loaded = (el: Element, selector: string) =>
  deep(el.shadowRoot!, selector) ?? deep(el.shadowRoot!, 'parley-state[kind="error"]')

const CASES: Case[] = [
  {
    name: 'account',
    template: () => html`<parley-account></parley-account>`,
    ready: (el) => loaded(el, '[part="name"]'),
  },
  {
    name: 'recorder',
    template: () => html`<parley-recorder></parley-recorder>`,
    ready: (el) => shadow(el, '.recordings'),
    // Then a recording kept without a provider: its state and its player.
    then: async (el) => {
      shadow(el, '.recordings .item')!.dispatchEvent(new MouseEvent('click'))
      await waitUntil(() => deep(el.shadowRoot!, '[part="strip"]'), 'no player')
      await settle(el, () => true)
    },
  },
  {
    name: 'inbox',
    template: () => html`<parley-inbox conversation="c1"></parley-inbox>`,
    ready: (el) => loaded(el, '[part~="bubble"]'),
  },
  {
    name: 'chat',
    // A returning visitor: their conversation is on screen.
    setup: () => localStorage.setItem('parley:visitor:pk_contrast:demo-co', 'vt'),
    template: () => html`<parley-chat workspace="demo-co"></parley-chat>`,
    ready: (el) => loaded(el, '[part~="bubble"]'),
  },
  {
    name: 'campaigns',
    template: () => html`<parley-campaigns></parley-campaigns>`,
    ready: (el) => loaded(el, '[part="campaign"]'),
    // Then a running campaign's page: tiles, charts, variants, recipients.
    then: async (el) => {
      shadow(el, '[part="campaign"] .row')!.dispatchEvent(new MouseEvent('click'))
      await waitUntil(() => deep(el.shadowRoot!, '.recipients'), 'no campaign page')
      await settle(el, () => true)
    },
  },
  {
    name: 'billing',
    template: () => html`<parley-billing></parley-billing>`,
    ready: (el) => loaded(el, '[part="invoices"]'),
    // Then the usage chart as its table.
    then: async (el) => {
      shadow(el, '[part="chart"] button.link')!.dispatchEvent(new MouseEvent('click'))
      await waitUntil(() => shadow(el, '.chart-table'), 'no usage table')
    },
  },
  {
    name: 'launcher',
    template: () =>
      html`<parley-launcher label="Acme help" unread="3" widget="account" open></parley-launcher>`,
    ready: (el) => loaded(el, '[part="name"]'),
  },
]

const HOSTS = {
  light: { background: '#ffffff', color: '#1a1a1a' },
  dark: { background: '#111418', color: '#f0f0f0' },
} as const

const hostSheet = new CSSStyleSheet()
hostSheet.replaceSync(`
  .host-light { background: ${HOSTS.light.background}; color: ${HOSTS.light.color}; padding: 16px; }
  .host-dark { background: ${HOSTS.dark.background}; color: ${HOSTS.dark.color}; padding: 16px; }
  .host-light > *, .host-dark > * { width: 900px; min-height: 400px; }
`)

/** Waits for the widget's requests to settle and its state to show. */
async function settle(el: Element, ready: (el: Element) => unknown) {
  await waitUntil(() => ready(el), 'the widget did not render', { timeout: 5000 })
  await waitUntil(() => inFlight === 0, 'requests still in flight', { timeout: 5000 })
  await aTimeout(150)
}

describe('contrast of every widget against its own background', () => {
  const realFetch = window.fetch
  before(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, hostSheet]
    window.fetch = (async (input: RequestInfo | URL) => {
      inFlight++
      try {
        return await answer(input)
      } finally {
        setTimeout(() => inFlight--, 0)
      }
    }) as typeof fetch
    configure({
      publishableKey: 'pk_contrast',
      apiUrl: location.origin,
      session: async () => 'v1.e30.sig',
    })
    // The default theme, following the visitor's scheme (`colorScheme: auto`).
    applyThemeCss(compileTheme())
  })
  after(async () => {
    window.fetch = realFetch
    applyThemeCss('')
    await emulateMedia({ colorScheme: 'light' })
  })

  // The scheme comes from the visitor's system (`prefers-color-scheme`, the theme being `auto`), or
  // is fixed on the element against it (`data-parley-scheme`, as Parley.init({ theme }) does).
  const ways = [
    { via: 'the system', media: (scheme: string) => scheme, attribute: false },
    {
      via: 'data-parley-scheme',
      media: (scheme: string) => (scheme === 'dark' ? 'light' : 'dark'),
      attribute: true,
    },
  ]
  for (const { via, media, attribute } of ways) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const host of ['light', 'dark'] as const) {
        for (const widget of CASES) {
          it(`${widget.name}: ${scheme} scheme from ${via} on a ${host} host page`, async () => {
            await emulateMedia({ colorScheme: media(scheme) as 'light' | 'dark' })
            localStorage.clear()
            widget.setup?.()
            const wrapper = await fixture<HTMLDivElement>(
              html`<div class="host-${host}">${widget.template()}</div>`
            )
            const el = wrapper.firstElementChild!
            if (attribute) el.setAttribute('data-parley-scheme', scheme)
            await settle(el, widget.ready)
            const first = measure(el)
            const second = widget.then ? (await widget.then(el), measure(el)) : undefined
            const problems = [...first.problems, ...(second?.problems ?? [])]
            expect(first.measured, 'texts measured').to.be.greaterThan(2)
            const report = problems
              .map((p) => `"${p.text}" ${p.ratio}:1 < ${p.needed} (${p.color} on ${p.background})`)
              .join('; ')
            expect(problems.length, report).to.equal(0)
          })
        }
      }
    }
  }
})
