import { configure } from '../kit/runtime.js'
import {
  scheduleInstant,
  wallClock,
  type Campaign,
  type Recipient,
  type Stats,
} from './campaign-model.js'

/**
 * A canned workspace for the campaigns widget's stories and tests (Storybook and Web Test Runner
 * have no Parley server): the page answers the widget's requests itself, in the shapes of API.md.
 * Never imported by the widget.
 */
export const T = '0192f000-0000-7000-8000-0000000000a1'
export const W = '0192f000-0000-7000-8000-0000000000b1'

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()

/**
 * Next Friday at 09:00 in `zone` (a week on when it is Friday there): always ahead of now, in live
 * Storybook and the tests alike; the screenshots fix the clock, so theirs is always the same day.
 */
export function nextFriday(zone = 'Europe/Lisbon') {
  const day = new Date(`${wallClock(Date.now(), zone).slice(0, 10)}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + ((5 - day.getUTCDay() + 7) % 7 || 7))
  const sendAt = `${day.toISOString().slice(0, 10)}T09:00:00`
  return {
    schedule: { sendAt, timezone: zone },
    sendAt: new Date(scheduleInstant(sendAt, zone)!).toISOString(),
  }
}
const step = (body: string, more: string[] = []) => ({
  delayMinutes: 0,
  variants: [body, ...more].map((b) => ({ body: b, weight: 1 })),
})
const base = {
  audience: {
    rules: {
      match: 'all' as const,
      rules: [{ field: 'tags', operator: 'contains' as const, value: 'vip' }],
    },
  },
  schedule: null,
  limits: { quietHours: { start: '21:00', end: '08:00' }, frequencyCap: { messages: 1, days: 7 } },
  pausedReason: null,
  error: null,
}

/** Yesterday at 09:00 in `zone`: a schedule whose time has passed. */
export function yesterdayAt9(zone = 'Europe/Lisbon') {
  const sendAt = `${wallClock(Date.now() - 86_400_000, zone).slice(0, 10)}T09:00:00`
  return { sendAt, timezone: zone }
}

/** A month of a shop's campaigns, one in each state. */
export function someCampaigns(): Campaign[] {
  return [
    {
      ...base,
      id: 'cmp-spring',
      name: 'Spring sale — VIP early access',
      kind: 'broadcast',
      channel: 'whatsapp',
      status: 'running',
      steps: [
        step(
          'Hi {{contact.firstName | default: "there"}}, our spring sale opens tomorrow. As a VIP you get in today: reply YES for your code.',
          [
            'Hey {{contact.firstName | default: "there"}}! VIPs shop the spring sale a day early. Want your code?',
          ]
        ),
      ],
      launchedAt: hoursAgo(5),
      sendAt: hoursAgo(5),
      audienceCount: 1240,
      stats: { audience: 1240, sent: 812, replied: 97 },
      createdAt: hoursAgo(30),
    },
    {
      ...base,
      id: 'cmp-onboarding',
      name: 'New customers: first week',
      kind: 'drip',
      channel: 'web',
      status: 'paused',
      pausedReason: 'manual',
      steps: [
        step('Welcome to Acme! Anything we can help you find?'),
        {
          ...step('How is it going so far? Reply here if you have questions.'),
          delayMinutes: 2 * 1440,
        },
        { ...step('One week in: here is 10% off your next order.'), delayMinutes: 10080 },
      ],
      launchedAt: hoursAgo(24 * 6),
      audienceCount: 318,
      stats: { audience: 318, sent: 540, replied: 61 },
      createdAt: hoursAgo(24 * 8),
    },
    {
      ...base,
      id: 'cmp-restock',
      name: 'Back in stock: espresso blend',
      kind: 'broadcast',
      channel: 'whatsapp',
      status: 'paused',
      pausedReason: 'number_disconnected',
      error: 'Number +351 912 345 678 was logged out',
      steps: [
        step('Good news {{contact.firstName | default: "there"}}: the espresso blend is back.'),
      ],
      launchedAt: hoursAgo(26),
      audienceCount: 452,
      stats: { audience: 452, sent: 120, replied: 9 },
      createdAt: hoursAgo(40),
    },
    {
      ...base,
      id: 'cmp-black-friday',
      name: 'Black Friday reminder',
      kind: 'broadcast',
      channel: 'whatsapp',
      status: 'scheduled',
      ...nextFriday(),
      steps: [
        {
          ...step(
            'Black Friday starts now, {{contact.firstName | default: "friend"}}: 30% off everything until Monday.',
            [
              'Psst {{contact.firstName | default: "friend"}}, Black Friday prices are live. Reply STOP to opt out.',
            ]
          ),
          abTest: { testShare: 0.2, decideAfterHours: 4 },
        },
      ],
      audienceCount: null,
      createdAt: hoursAgo(3),
    },
    {
      ...base,
      id: 'cmp-survey',
      name: 'Delivery survey',
      kind: 'broadcast',
      channel: 'web',
      status: 'draft',
      steps: [step('How was your delivery? Reply 1–5.')],
      createdAt: hoursAgo(1),
    },
    {
      ...base,
      id: 'cmp-winter',
      name: 'Winter collection',
      kind: 'broadcast',
      channel: 'whatsapp',
      status: 'completed',
      steps: [step('The winter collection is here.')],
      launchedAt: hoursAgo(24 * 20),
      audienceCount: 2210,
      stats: { audience: 2210, sent: 2175, replied: 204 },
      createdAt: hoursAgo(24 * 21),
    },
  ]
}

/** The running campaign's numbers: a funnel, 6 hours of series, variants, skips. */
export function someStats(): Stats {
  const series = Array.from({ length: 6 }, (_, i) => {
    const sent = [180, 160, 150, 140, 110, 72][i]
    return {
      at: new Date(Date.UTC(2026, 2, 2, 4 + i)).toISOString(),
      sent,
      delivered: Math.round(sent * 0.95),
      read: Math.round(sent * 0.7),
      replied: Math.round(sent * 0.12),
    }
  })
  return {
    audience: 1240,
    queued: 370,
    sent: 812,
    delivered: 774,
    read: 566,
    replied: 97,
    optedOut: 6,
    failed: 4,
    skipped: { optedOut: 31, blocked: 4, noChannel: 19, frequencyCap: 12 },
    variants: [
      { index: 0, step: 0, sent: 410, delivered: 392, read: 290, replied: 58 },
      { index: 1, step: 0, sent: 402, delivered: 382, read: 276, replied: 39 },
    ],
    series,
    classification: { available: false, reason: 'PROVIDER_NOT_CONFIGURED' },
  }
}

const names = [
  'Dora Alves',
  'Ethan Brooks',
  'Fatima Zahra',
  'Grace Kim',
  'Hugo Martins',
  'Inês Costa',
  'João Pires',
]
export function someRecipients(): Recipient[] {
  const statuses: Recipient['status'][] = [
    'replied',
    'read',
    'delivered',
    'sent',
    'failed',
    'skipped',
    'queued',
  ]
  return names.map((name, i) => ({
    contactId: `k${i}`,
    contact: { name, phone: `+35191234500${i}`, email: null },
    status: statuses[i],
    reason: statuses[i] === 'failed' ? 'timeout' : statuses[i] === 'skipped' ? 'optedOut' : null,
    step: 0,
    variant: i % 2,
    sentAt: i < 5 ? hoursAgo(4) : null,
    deliveredAt: i < 3 ? hoursAgo(3.9) : null,
    readAt: i < 2 ? hoursAgo(3.5) : null,
    repliedAt: i === 0 ? hoursAgo(3) : null,
    classification: null,
  }))
}

export const sampleContacts = [
  { id: 'k0', name: 'Dora Alves', phone: '+351912345000', email: null, tags: ['vip'] },
  {
    id: 'k1',
    name: 'Ethan Brooks',
    phone: '+351912345001',
    email: null,
    tags: ['vip', 'wholesale'],
  },
  { id: 'k2', name: null, phone: '+351912345002', email: null, tags: ['vip'] },
]

export interface FixtureOptions {
  campaigns?: Campaign[]
  role?: string
  locale?: string
  /** Answers the builder's save with this 422 detail list instead of saving. */
  invalid?: { field: string; message: string }[]
  /** Every request, as the widget made it. */
  calls?: { path: string; method: string; body?: unknown; query: string }[]
}

/** Answers the widget's requests from `options`, and configures the kit. */
export function withCampaignsApi(options: FixtureOptions = {}) {
  const campaigns = options.campaigns ?? someCampaigns()
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const method = init?.method ?? 'GET'
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    options.calls?.push({ path: url.pathname, method, body, query: url.search })
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    const path = url.pathname
    if (path === '/v1/theme.css') return new Response('', { status: 404 })
    if (path === '/v1/me')
      return json({
        tenant: { id: T, name: 'Acme' },
        workspaceId: W,
        widgets: ['campaigns'],
        member: { id: 'm1', name: 'Ana Lima', role: options.role ?? 'owner' },
      })
    if (path === '/v1/campaigns' && method === 'GET') {
      const status = url.searchParams.get('status')
      return json({
        data: campaigns.filter((c) => !status || c.status === status),
        nextCursor: null,
      })
    }
    if (path === '/v1/campaigns' && method === 'POST') {
      if (options.invalid)
        return json(
          { error: { code: 'VALIDATION_ERROR', message: 'Invalid', details: options.invalid } },
          422
        )
      return json(
        { ...body, id: 'cmp-new', status: 'draft', createdAt: new Date().toISOString() },
        201
      )
    }
    const one = /^\/v1\/campaigns\/([^/]+)(?:\/(\w+))?$/.exec(path)
    if (one) {
      const found = campaigns.find((c) => c.id === one[1]) ?? {
        ...campaigns[0],
        ...body,
        id: one[1],
        status: 'draft',
      }
      switch (one[2]) {
        case undefined:
          return method === 'PATCH' ? json({ ...found, ...body }) : json(found)
        case 'stats':
          return json(
            found.id === 'cmp-spring' ? someStats() : { ...someStats(), series: [], variants: [] }
          )
        case 'recipients':
          return json({
            data: someRecipients().filter(
              (r) => !url.searchParams.get('status') || r.status === url.searchParams.get('status')
            ),
            nextCursor: url.searchParams.get('cursor') ? null : 'next',
          })
        case 'preview':
          return json({
            steps: found.steps.map(() => ({ body: 'Hi Dora, our spring sale opens tomorrow.' })),
          })
        case 'launch':
          return json({ ...found, status: 'running', launchedAt: new Date().toISOString() }, 202)
        case 'pause':
          return json({ ...found, status: 'paused', pausedReason: 'manual' }, 202)
        case 'resume':
          return json({ ...found, status: 'running', pausedReason: null }, 202)
        case 'cancel':
          return json({ ...found, status: 'cancelled' }, 202)
      }
    }
    if (path === '/v1/segments')
      return json({
        data: [{ id: 'seg-vip', name: 'VIP customers', rules: base.audience.rules }],
        nextCursor: null,
      })
    if (path === '/v1/segments/preview')
      return json({
        count: 1240,
        excluded: { optedOut: 31, blocked: 4, noChannel: 19 },
        sample: sampleContacts,
      })
    if (path === '/v1/whatsapp/numbers')
      return json({
        data: [
          { status: 'open', warmupStartedAt: hoursAgo(24 * 30) },
          { status: 'open', warmupStartedAt: hoursAgo(24 * 2) },
        ],
        nextCursor: null,
      })
    if (path === '/v1/realtime/ticket')
      return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
    return new Response(null, { status: 204 })
  }) as typeof fetch
  configure({
    publishableKey: 'pk_storybook',
    apiUrl: location.origin,
    locale: options.locale,
    session: async () => 'v1.e30.sig',
  })
}
