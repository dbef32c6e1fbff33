/**
 * A canned billing API for the stories and the tests (no Parley server, no Stripe): plans, a
 * subscription with usage, invoices in pages, and every write answered as the server would.
 */
import type { Billing, Invoice, Plan, Preview } from './billing.types.js'

const DAY = 86_400_000
const at = (days: number, now = Date.now()) => new Date(now + days * DAY).toISOString()

export const PLANS: Plan[] = [
  {
    id: 'plan_free',
    name: 'Free',
    description: 'For trying things out.',
    prices: [],
    limits: { seats: 1, transcriptionMinutes: 30, whatsappNumbers: 0, campaignRecipients: 100 },
  },
  {
    id: 'plan_starter',
    name: 'Starter',
    description: 'A small team answering every channel.',
    prices: [
      { interval: 'month', amount: 2900, currency: 'usd' },
      { interval: 'year', amount: 29000, currency: 'usd' },
    ],
    trialDays: 14,
    limits: { seats: 3, transcriptionMinutes: 300, whatsappNumbers: 1, campaignRecipients: 2000 },
  },
  {
    id: 'plan_pro',
    name: 'Pro',
    description: 'Campaigns and transcription at scale.',
    prices: [
      { interval: 'month', amount: 9900, currency: 'usd' },
      { interval: 'year', amount: 99000, currency: 'usd' },
    ],
    trialDays: 14,
    limits: {
      seats: 10,
      transcriptionMinutes: 1500,
      whatsappNumbers: 3,
      campaignRecipients: 20000,
    },
    overage: { transcriptionMinutes: { unitAmount: 2 } },
  },
]

/** A workspace on Starter, monthly, twelve days before renewal, minutes at 84 %, numbers full. */
export function activeBilling(now = Date.now()): Billing {
  const end = at(12, now)
  return {
    plan: PLANS[1],
    subscription: {
      status: 'active',
      interval: 'month',
      currentPeriodEnd: end,
      cancelAt: null,
      trialEnd: null,
    },
    usage: [
      { feature: 'seats', used: 2, limit: 3, resetsAt: null },
      { feature: 'transcriptionMinutes', used: 252, limit: 300, resetsAt: end },
      { feature: 'whatsappNumbers', used: 1, limit: 1, resetsAt: null },
      { feature: 'campaignRecipients', used: 640, limit: 2000, resetsAt: end },
    ],
    paymentMethod: { brand: 'visa', last4: '4242', expMonth: 4, expYear: 2030 },
    stripe: { publishableKey: 'pk_test_fixture', stripeAccount: 'acct_fixture' },
  }
}

/** Minutes used day by day since the period began (a month before its end), for the chart. */
export function minutesSeries(now = Date.now()) {
  const start = new Date(at(12, now))
  start.setUTCMonth(start.getUTCMonth() - 1)
  const days = Math.floor((now - start.getTime()) / DAY)
  return Array.from({ length: days + 1 }, (_, i) => ({
    at: i === days ? new Date(now).toISOString() : at(i, start.getTime()),
    used: Math.round(252 * (i / days) ** 1.3),
  }))
}

export function invoices(now = Date.now()): Invoice[] {
  return Array.from({ length: 5 }, (_, i) => ({
    id: `in_${i}`,
    number: `ACME-00${12 - i}`,
    status: i === 0 ? 'open' : 'paid',
    total: 2900,
    currency: 'usd',
    createdAt: at(-18 - i * 30, now),
    pdfUrl: `https://pay.stripe.test/invoice/in_${i}/pdf`,
  }))
}

export const PREVIEW: Preview = {
  amountDue: 4645,
  currency: 'usd',
  lines: [
    { description: 'Unused time on Starter after today', amount: -1160 },
    { description: 'Remaining time on Pro after today', amount: 5805 },
  ],
}

export interface CannedOptions {
  billing?: Billing
  role?: 'owner' | 'admin' | 'agent' | 'viewer'
  /** Every billing route answers this error instead (403, 424…). */
  fail?: { status: number; code: string }
  /** What POST /v1/billing/subscription answers. */
  subscribe?: unknown
  /** What POST /v1/billing/payment-method/setup answers (the fixture's keys by default). */
  setup?: { clientSecret: string; publishableKey: string; stripeAccount?: string }
  /** Invoices per page (the rest follow the cursor). */
  pageSize?: number
  now?: number
}

export interface Call {
  method: string
  path: string
  body?: unknown
  query: Record<string, string>
  idempotencyKey?: string | null
}

/** A fetch that answers the widget's requests; `calls` records them. */
export function cannedFetch(options: CannedOptions = {}) {
  const calls: Call[] = []
  const now = options.now ?? Date.now()
  let billing = options.billing ?? activeBilling(now)
  const all = invoices(now)
  const size = options.pageSize ?? 3
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const method = init?.method ?? 'GET'
    const headers = new Headers(init?.headers)
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({
      method,
      path: url.pathname,
      body,
      query: Object.fromEntries(url.searchParams),
      idempotencyKey: headers.get('idempotency-key'),
    })
    const json = (value: unknown, status = 200) =>
      new Response(status === 204 ? null : JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    const path = url.pathname
    if (path === '/v1/theme.css') return new Response('', { status: 404 })
    if (path === '/v1/realtime/ticket')
      return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
    if (path === '/v1/me')
      return json({
        tenant: { id: 't1', name: 'Acme' },
        workspace: { id: 'w1', externalId: 'acme-co', name: 'Acme Co' },
        workspaceId: 'w1',
        widgets: ['billing'],
        member: {
          id: 'm1',
          name: 'Ana Lima',
          email: 'ana@acme.test',
          role: options.role ?? 'owner',
        },
      })
    if (options.fail && path.startsWith('/v1/billing'))
      return json(
        { error: { code: options.fail.code, message: options.fail.code } },
        options.fail.status
      )
    if (path === '/v1/billing') return json(billing)
    if (path === '/v1/billing/plans') return json({ data: PLANS, nextCursor: null })
    if (path === '/v1/billing/invoices') {
      if (size === 0) return json({ data: [], nextCursor: null })
      const from = Number(url.searchParams.get('cursor') ?? 0)
      const page = all.slice(from, from + size)
      const upcoming = billing.subscription?.cancelAt
        ? null
        : { total: 2900, currency: 'usd', at: billing.subscription?.currentPeriodEnd ?? null }
      return json({
        data: page,
        nextCursor: from + size < all.length ? String(from + size) : null,
        ...(from === 0 && billing.subscription ? { upcoming } : {}),
      })
    }
    // The free plan is a downgrade at the period's end: nothing to prorate, the change scheduled.
    if (path === '/v1/billing/preview')
      return json(
        body.planId === 'plan_free' ? { amountDue: 0, currency: 'usd', lines: [] } : PREVIEW
      )
    // Writes answer the billing summary, as the server does.
    if (path === '/v1/billing/subscription' && method === 'POST') {
      if (options.subscribe) return json({ ...billing, ...(options.subscribe as object) })
      const plan = PLANS.find((p) => p.id === body.planId) ?? billing.plan!
      const sub = billing.subscription!
      billing =
        plan.id === 'plan_free'
          ? {
              ...billing,
              subscription: {
                ...sub,
                scheduledChange: {
                  planId: plan.id,
                  planName: plan.name,
                  interval: body.interval,
                  at: sub.currentPeriodEnd!,
                },
              },
            }
          : {
              ...billing,
              plan,
              subscription: { ...sub, interval: body.interval, status: 'active' },
            }
      return json(billing)
    }
    if (path === '/v1/billing/subscription' && method === 'DELETE') {
      billing = {
        ...billing,
        subscription: {
          ...billing.subscription!,
          cancelAt: billing.subscription!.currentPeriodEnd,
        },
      }
      return json(billing)
    }
    if (path === '/v1/billing/subscription/resume') {
      billing = { ...billing, subscription: { ...billing.subscription!, cancelAt: null } }
      return json(billing)
    }
    if (path === '/v1/billing/payment-method/checkout')
      return json({
        url: 'https://checkout.stripe.test/c/pay/cs_test_fixture',
        expiresAt: new Date(now + 3_600_000).toISOString(),
      })
    if (path === '/v1/billing/payment-method/setup')
      return json(
        options.setup ?? {
          clientSecret: 'seti_123_secret_abc',
          publishableKey: 'pk_test_fixture',
          stripeAccount: 'acct_fixture',
        },
        201
      )
    return json(null, 204)
  }
  return {
    fetch: fetch as typeof window.fetch,
    calls,
    /** Changes what GET /v1/billing answers from now on (a webhook applied on the server). */
    set(next: Billing) {
      billing = next
    },
  }
}

export { at as daysFromNow }
