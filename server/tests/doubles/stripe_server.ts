import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import Stripe from 'stripe'

/** One request as the double received it: tests assert the account and idempotency key. */
export interface StripeRequest {
  method: string
  path: string
  /** The `Stripe-Account` header (Connect), or null. */
  stripeAccount: string | null
  /** The account the request acted on (the header's, or the own key's). */
  account: string
  idempotencyKey: string | null
  params: Record<string, any>
  /** Answered from the idempotency cache, as Stripe does for a repeated key. */
  replayed: boolean
  /** The error answered, if any. */
  error?: string
}

type Obj = Record<string, any>

interface AccountState {
  objects: Map<string, Obj>
  /** Meter events by identifier: Stripe deduplicates on it. */
  meterEvents: Map<string, Obj>
  meterEventPosts: number
}

const DAY = 86_400
const now = () => Math.floor(Date.now() / 1000)
const id = (prefix: string) =>
  `${prefix}_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`
const int = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v))
const bool = (v: unknown) => v === true || v === 'true'
const periodSeconds = (interval: string) => (interval === 'year' ? 365 * DAY : 30 * DAY)

/**
 * Stripe's form encoding, as the SDK writes it: `items[0][price]=…&expand[0]=…&metadata[k]=v`.
 * Numeric keys make arrays.
 */
export function parseForm(raw: string): Obj {
  const root: Obj = {}
  for (const [name, value] of new URLSearchParams(raw)) {
    const keys = name.replace(/\]/g, '').split('[')
    let node: any = root
    keys.forEach((k, i) => {
      const key = k === '' && Array.isArray(node) ? node.length : k
      if (i === keys.length - 1) {
        node[key] = value
        return
      }
      node[key] ??= /^\d*$/.test(keys[i + 1]) ? [] : {}
      node = node[key]
    })
  }
  return root
}

class StripeFault extends Error {
  constructor(
    public status: number,
    message: string,
    public type = 'invalid_request_error',
    public code?: string,
    public param?: string
  ) {
    super(message)
  }
}
const missing = (what: string, value: string) =>
  new StripeFault(404, `No such ${what}: '${value}'`, 'invalid_request_error', 'resource_missing')

/**
 * A local stand-in for the part of Stripe's REST API that Parley's billing uses, spoken to by
 * the official SDK (pointed here with host/port/protocol): form-encoded bodies, Stripe's error
 * shape and statuses, `Stripe-Account` for Connect (the platform key acts on a connected
 * account) and own accounts (a key of the account itself). It records every request with its
 * account and `Idempotency-Key`, answers a repeated key with the first answer (as Stripe does),
 * and signs webhook events with `Stripe.webhooks.generateTestHeaderString`.
 *
 * Payments: a customer's default card pays at once unless it was added with `threeDS` (the
 * invoice then stays open with a confirmation secret, as when Stripe asks for 3-D Secure);
 * without a card, `default_incomplete` leaves the subscription `incomplete` with the secret.
 */
export async function startStripeDouble() {
  const platformKey = `sk_test_platform_${randomBytes(6).toString('hex')}`
  const accounts = new Map<string, AccountState>()
  const connected = new Set<string>()
  const ownKeys = new Map<string, string>()
  const requests: StripeRequest[] = []
  const idempotent = new Map<string, { status: number; body: string }>()
  const state = { failNext: 0 }

  const account = (accountId: string) => {
    let found = accounts.get(accountId)
    if (!found) {
      found = { objects: new Map(), meterEvents: new Map(), meterEventPosts: 0 }
      accounts.set(accountId, found)
    }
    return found
  }
  const get = (acct: AccountState, objectId: string, what: string) => {
    const found = acct.objects.get(objectId)
    if (!found) throw missing(what, objectId)
    return found
  }
  const put = (acct: AccountState, object: Obj) => {
    acct.objects.set(object.id, object)
    return object
  }

  // --- objects ------------------------------------------------------------------------------

  const priceAmount = (acct: AccountState, item: Obj) => {
    const price = get(acct, item.price, 'price')
    if (price.recurring?.usage_type === 'metered') return 0
    return (price.unit_amount ?? 0) * (item.quantity ?? 1)
  }
  const subscriptionAmount = (acct: AccountState, sub: Obj) =>
    sub._items.reduce((sum: number, item: Obj) => sum + priceAmount(acct, item), 0)

  function makeInvoice(acct: AccountState, sub: Obj, amount: number, lines: Obj[], paid: boolean) {
    const invoice = put(acct, {
      id: id('in'),
      object: 'invoice',
      customer: sub.customer,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id } },
      number: `DBL-${String(acct.objects.size).padStart(4, '0')}`,
      status: amount === 0 || paid ? 'paid' : 'open',
      total: amount,
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      currency: sub._currency,
      created: now(),
      invoice_pdf: `https://pay.stripe.test/invoice/${acct.objects.size}/pdf`,
      hosted_invoice_url: `https://pay.stripe.test/invoice/${acct.objects.size}`,
      lines: { object: 'list', data: lines },
      confirmation_secret: null as Obj | null,
    })
    if (invoice.status === 'open') {
      const pi = id('pi')
      invoice.confirmation_secret = {
        client_secret: `${pi}_secret_${randomBytes(6).toString('hex')}`,
        type: 'payment_intent',
      }
    }
    return invoice
  }

  /** Charges the customer's default card for an invoice: paid, or open waiting for 3-D Secure. */
  function charge(acct: AccountState, sub: Obj, amount: number, lines: Obj[]) {
    const customer = get(acct, sub.customer, 'customer')
    const pmId = sub.default_payment_method ?? customer.invoice_settings.default_payment_method
    const pm = pmId ? acct.objects.get(pmId) : null
    const paid = amount === 0 || (pm !== null && pm !== undefined && !pm._threeDS)
    return makeInvoice(acct, sub, amount, lines, paid)
  }

  function showSubscription(acct: AccountState, sub: Obj, expand: string[]) {
    const out: Obj = {
      ...clean(sub),
      items: {
        object: 'list',
        data: sub._items.map((item: Obj) => ({
          id: item.id,
          object: 'subscription_item',
          price: acct.objects.get(item.price),
          quantity: item.quantity,
          current_period_start: sub._periodStart,
          current_period_end: sub._periodEnd,
        })),
      },
    }
    delete out._periodStart
    delete out._periodEnd
    if (expand.some((e) => e.startsWith('latest_invoice')) && sub.latest_invoice)
      out.latest_invoice = acct.objects.get(sub.latest_invoice)
    if (expand.includes('schedule') && sub.schedule) out.schedule = acct.objects.get(sub.schedule)
    if (expand.includes('default_payment_method') && sub.default_payment_method)
      out.default_payment_method = acct.objects.get(sub.default_payment_method)
    return out
  }

  function createSubscription(acct: AccountState, p: Obj) {
    const customer = get(acct, p.customer, 'customer')
    const items = (p.items ?? []).map((item: Obj) => ({
      id: id('si'),
      price: get(acct, item.price, 'price').id,
      quantity: int(item.quantity) ?? 1,
    }))
    if (!items.length)
      throw new StripeFault(
        400,
        'Missing required param: items.',
        undefined,
        'parameter_missing',
        'items'
      )
    const currency = get(acct, items[0].price, 'price').currency
    const trialDays = int(p.trial_period_days) ?? 0
    const start = now()
    const interval = get(acct, items[0].price, 'price').recurring.interval
    const sub: Obj = {
      id: id('sub'),
      object: 'subscription',
      customer: customer.id,
      status: 'active',
      metadata: p.metadata ?? {},
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      trial_end: trialDays ? start + trialDays * DAY : null,
      schedule: null,
      latest_invoice: null,
      default_payment_method: p.default_payment_method ?? null,
      created: start,
      _items: items,
      _currency: currency,
      _periodStart: start,
      _periodEnd: start + (trialDays ? trialDays * DAY : periodSeconds(interval)),
    }
    const amount = trialDays ? 0 : subscriptionAmount(acct, sub)
    const hasCard = Boolean(
      sub.default_payment_method ?? customer.invoice_settings.default_payment_method
    )
    if (amount > 0 && !hasCard && p.payment_behavior !== 'default_incomplete') {
      throw new StripeFault(
        400,
        'This customer has no attached payment source or default payment method.',
        'invalid_request_error',
        'resource_missing'
      )
    }
    const lines = sub._items.map((item: Obj) => ({
      description: `${item.quantity} × ${get(acct, item.price, 'price').nickname ?? item.price}`,
      amount: trialDays ? 0 : priceAmount(acct, item),
    }))
    const invoice = charge(acct, sub, amount, lines)
    sub.latest_invoice = invoice.id
    if (trialDays) sub.status = 'trialing'
    else if (invoice.status === 'open') sub.status = 'incomplete'
    return put(acct, sub)
  }

  function proration(acct: AccountState, sub: Obj, newItems: Obj[], at = now()) {
    const span = sub._periodEnd - sub._periodStart
    const left = Math.max(0, sub._periodEnd - at) / span
    const oldAmount = subscriptionAmount(acct, sub)
    const newAmount = newItems.reduce((s, item) => s + priceAmount(acct, item), 0)
    const lines = [
      { description: 'Unused time on the current plan', amount: -Math.round(oldAmount * left) },
      { description: 'Remaining time on the new plan', amount: Math.round(newAmount * left) },
    ]
    return { lines, amount: lines.reduce((s, l) => s + l.amount, 0) }
  }

  /** Items after an update: `{ id, price?, quantity? }` change an item; `{ price }` adds one. */
  function mergeItems(acct: AccountState, sub: Obj, changes: Obj[] | undefined) {
    const items = sub._items.map((i: Obj) => ({ ...i }))
    for (const change of changes ?? []) {
      const existing = change.id ? items.find((i: Obj) => i.id === change.id) : null
      if (change.id && !existing) throw missing('subscription item', change.id)
      if (existing && bool(change.deleted)) {
        items.splice(items.indexOf(existing), 1)
      } else if (existing) {
        if (change.price) existing.price = get(acct, change.price, 'price').id
        if (change.quantity !== undefined) existing.quantity = int(change.quantity)
      } else {
        items.push({
          id: id('si'),
          price: get(acct, change.price, 'price').id,
          quantity: int(change.quantity) ?? 1,
        })
      }
    }
    return items
  }

  function updateSubscription(acct: AccountState, sub: Obj, p: Obj) {
    if (sub.status === 'canceled')
      throw new StripeFault(400, 'A canceled subscription can only update its metadata.')
    if (p.items) {
      const items = mergeItems(acct, sub, p.items)
      const behaviour = p.proration_behavior ?? 'create_prorations'
      if (behaviour === 'always_invoice') {
        const { lines, amount } = proration(acct, sub, items)
        sub._items = items
        const invoice = charge(acct, sub, Math.max(0, amount), lines)
        sub.latest_invoice = invoice.id
      } else {
        sub._items = items
      }
    }
    if (p.cancel_at_period_end !== undefined) {
      sub.cancel_at_period_end = bool(p.cancel_at_period_end)
      sub.cancel_at = sub.cancel_at_period_end ? sub._periodEnd : null
    }
    if (p.cancellation_details) {
      sub.cancellation_details = {
        ...sub.cancellation_details,
        comment: p.cancellation_details.comment ?? sub.cancellation_details.comment,
        feedback: p.cancellation_details.feedback ?? sub.cancellation_details.feedback,
      }
    }
    if (p.metadata) sub.metadata = { ...sub.metadata, ...p.metadata }
    if (p.default_payment_method) sub.default_payment_method = p.default_payment_method
    return sub
  }

  function preview(acct: AccountState, p: Obj) {
    const details = p.subscription_details ?? {}
    if (p.subscription) {
      const sub = get(acct, p.subscription, 'subscription')
      const items = mergeItems(acct, sub, details.items)
      if (details.proration_behavior === 'none') {
        const amount = items.reduce((s: number, i: Obj) => s + priceAmount(acct, i), 0)
        return previewInvoice(sub.customer, sub._currency, amount, [
          { description: 'Next period on the new plan', amount },
        ])
      }
      const { lines, amount } = proration(acct, sub, items, int(details.proration_date) ?? now())
      return previewInvoice(sub.customer, sub._currency, Math.max(0, amount), lines)
    }
    const items = (details.items ?? []).map((i: Obj) => ({
      price: i.price,
      quantity: int(i.quantity) ?? 1,
    }))
    if (!items.length)
      throw new StripeFault(400, 'Missing required param: subscription_details[items].')
    const currency = get(acct, items[0].price, 'price').currency
    const amount = items.reduce((s: number, i: Obj) => s + priceAmount(acct, i), 0)
    return previewInvoice(p.customer, currency, amount, [{ description: 'First period', amount }])
  }

  const previewInvoice = (customer: string, currency: string, amount: number, lines: Obj[]) => ({
    id: null,
    object: 'invoice',
    customer,
    currency,
    amount_due: amount,
    total: amount,
    lines: {
      object: 'list',
      data: lines.map((l) => ({ object: 'line_item', ...l, currency })),
    },
  })

  // --- routing ------------------------------------------------------------------------------

  type Route = [string, RegExp, (acct: AccountState, p: Obj, m: string[], ctx: Ctx) => Obj]
  interface Ctx {
    accountId: string
    platform: boolean
  }
  const routes: Route[] = [
    [
      'GET',
      /^\/v1\/accounts\/([^/]+)$/,
      (_a, _p, m, ctx) => {
        if (!ctx.platform || !connected.has(m[1]))
          throw new StripeFault(
            403,
            `The provided key does not have access to account '${m[1]}'`,
            'invalid_request_error',
            'account_invalid'
          )
        return { id: m[1], object: 'account', charges_enabled: true }
      },
    ],
    ['GET', /^\/v1\/account$/, (_a, _p, _m, ctx) => ({ id: ctx.accountId, object: 'account' })],
    [
      'GET',
      /^\/v1\/balance$/,
      () => ({ object: 'balance', livemode: false, available: [], pending: [] }),
    ],
    [
      'POST',
      /^\/v1\/products$/,
      (a, p) =>
        put(a, {
          id: id('prod'),
          object: 'product',
          name: p.name,
          description: p.description ?? null,
          active: p.active === undefined ? true : bool(p.active),
          metadata: p.metadata ?? {},
        }),
    ],
    [
      'POST',
      /^\/v1\/products\/([^/]+)$/,
      (a, p, m) => {
        const product = get(a, m[1], 'product')
        if (p.name !== undefined) product.name = p.name
        if (p.description !== undefined) product.description = p.description || null
        if (p.active !== undefined) product.active = bool(p.active)
        if (p.metadata) product.metadata = { ...product.metadata, ...p.metadata }
        return product
      },
    ],
    [
      'POST',
      /^\/v1\/prices$/,
      (a, p) => {
        get(a, p.product, 'product')
        if (!p.currency)
          throw new StripeFault(
            400,
            'Missing required param: currency.',
            undefined,
            'parameter_missing',
            'currency'
          )
        const metered = p.recurring?.usage_type === 'metered'
        if (metered && !a.objects.has(p.recurring.meter))
          throw missing('billing meter', String(p.recurring.meter))
        return put(a, {
          id: id('price'),
          object: 'price',
          product: p.product,
          currency: p.currency,
          unit_amount: int(p.unit_amount) ?? null,
          nickname: p.nickname ?? null,
          billing_scheme: p.billing_scheme ?? 'per_unit',
          tiers_mode: p.tiers_mode ?? null,
          tiers:
            p.tiers?.map((t: Obj) => ({
              up_to: t.up_to === 'inf' ? null : int(t.up_to),
              unit_amount: int(t.unit_amount),
            })) ?? null,
          recurring: p.recurring
            ? {
                interval: p.recurring.interval,
                usage_type: p.recurring.usage_type ?? 'licensed',
                meter: p.recurring.meter ?? null,
              }
            : null,
          active: true,
          metadata: p.metadata ?? {},
        })
      },
    ],
    [
      'POST',
      /^\/v1\/prices\/([^/]+)$/,
      (a, p, m) => {
        const price = get(a, m[1], 'price')
        if (p.active !== undefined) price.active = bool(p.active)
        if (p.metadata) price.metadata = { ...price.metadata, ...p.metadata }
        return price
      },
    ],
    ['GET', /^\/v1\/prices\/([^/]+)$/, (a, _p, m) => get(a, m[1], 'price')],
    [
      'POST',
      /^\/v1\/billing\/meters$/,
      (a, p) =>
        put(a, {
          id: id('mtr'),
          object: 'billing.meter',
          display_name: p.display_name,
          event_name: p.event_name,
          default_aggregation: p.default_aggregation,
          status: 'active',
        }),
    ],
    [
      'POST',
      /^\/v1\/billing\/meter_events$/,
      (a, p) => {
        a.meterEventPosts++
        const timestamp = int(p.timestamp) ?? now()
        if (timestamp < now() - 35 * DAY)
          throw new StripeFault(
            400,
            'Timestamp must be within the past 35 calendar days.',
            undefined,
            'timestamp_too_far_in_past',
            'timestamp'
          )
        if (!p.payload?.stripe_customer_id)
          throw new StripeFault(400, 'Missing payload[stripe_customer_id].')
        const meter = [...a.objects.values()].find(
          (o) => o.object === 'billing.meter' && o.event_name === p.event_name
        )
        if (!meter)
          throw new StripeFault(400, `No active meter found for event_name '${p.event_name}'.`)
        const identifier = p.identifier ?? id('mev')
        const event = {
          object: 'billing.meter_event',
          event_name: p.event_name,
          identifier,
          payload: p.payload,
          timestamp,
          created: now(),
        }
        // Stripe keeps the first event of an identifier; a repeat is not counted again.
        if (!a.meterEvents.has(identifier)) a.meterEvents.set(identifier, event)
        return event
      },
    ],
    [
      'POST',
      /^\/v1\/customers$/,
      (a, p) =>
        put(a, {
          id: id('cus'),
          object: 'customer',
          name: p.name ?? null,
          email: p.email ?? null,
          metadata: p.metadata ?? {},
          invoice_settings: { default_payment_method: null },
        }),
    ],
    ['GET', /^\/v1\/customers\/([^/]+)$/, (a, _p, m) => get(a, m[1], 'customer')],
    [
      'POST',
      /^\/v1\/customers\/([^/]+)$/,
      (a, p, m) => {
        const customer = get(a, m[1], 'customer')
        const pm = p.invoice_settings?.default_payment_method
        if (pm) customer.invoice_settings.default_payment_method = get(a, pm, 'payment method').id
        if (p.metadata) customer.metadata = { ...customer.metadata, ...p.metadata }
        return customer
      },
    ],
    [
      'POST',
      /^\/v1\/setup_intents$/,
      (a, p) => {
        if (p.customer) get(a, p.customer, 'customer')
        const intent = id('seti')
        return put(a, {
          id: intent,
          object: 'setup_intent',
          customer: p.customer ?? null,
          status: 'requires_payment_method',
          usage: p.usage ?? 'off_session',
          client_secret: `${intent}_secret_${randomBytes(6).toString('hex')}`,
          metadata: p.metadata ?? {},
        })
      },
    ],
    ['GET', /^\/v1\/setup_intents\/([^/]+)$/, (a, _p, m) => get(a, m[1], 'setup intent')],
    [
      'POST',
      /^\/v1\/checkout\/sessions$/,
      (a, p) => {
        if (p.mode !== 'setup')
          throw new StripeFault(
            400,
            'The double knows setup mode only.',
            undefined,
            undefined,
            'mode'
          )
        // Setup mode with dynamic payment methods needs a currency (Stripe's own rule).
        if (!p.currency && !p.payment_method_types)
          throw new StripeFault(
            400,
            'Missing required param: currency.',
            undefined,
            'parameter_missing',
            'currency'
          )
        if (!p.success_url)
          throw new StripeFault(
            400,
            'Missing required param: success_url.',
            undefined,
            'parameter_missing',
            'success_url'
          )
        if (p.customer) get(a, p.customer, 'customer')
        const session = id('cs_test')
        return put(a, {
          id: session,
          object: 'checkout.session',
          mode: 'setup',
          status: 'open',
          customer: p.customer ?? null,
          currency: p.currency ?? null,
          setup_intent: null,
          success_url: p.success_url,
          cancel_url: p.cancel_url ?? null,
          expires_at: int(p.expires_at) ?? now() + DAY,
          url: `https://checkout.stripe.test/c/pay/${session}`,
          metadata: p.metadata ?? {},
          _setupMetadata: p.setup_intent_data?.metadata ?? {},
        })
      },
    ],
    [
      'GET',
      /^\/v1\/checkout\/sessions\/([^/]+)$/,
      (a, _p, m) => clean(get(a, m[1], 'checkout session')),
    ],
    [
      'GET',
      /^\/v1\/payment_methods\/([^/]+)$/,
      (a, _p, m) => clean(get(a, m[1], 'payment method')),
    ],
    [
      'POST',
      /^\/v1\/subscriptions$/,
      (a, p) => showSubscription(a, createSubscription(a, p), p.expand ?? []),
    ],
    [
      'GET',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (a, p, m) => showSubscription(a, get(a, m[1], 'subscription'), p.expand ?? []),
    ],
    [
      'POST',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (a, p, m) =>
        showSubscription(a, updateSubscription(a, get(a, m[1], 'subscription'), p), p.expand ?? []),
    ],
    [
      'DELETE',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (a, p, m) => {
        const sub = get(a, m[1], 'subscription')
        sub.status = 'canceled'
        sub.canceled_at = now()
        return showSubscription(a, sub, p.expand ?? [])
      },
    ],
    [
      'POST',
      /^\/v1\/subscription_schedules$/,
      (a, p) => {
        const sub = get(a, p.from_subscription, 'subscription')
        if (sub.schedule)
          throw new StripeFault(400, 'This subscription is already attached to a schedule.')
        const schedule = put(a, {
          id: id('sub_sched'),
          object: 'subscription_schedule',
          subscription: sub.id,
          status: 'active',
          end_behavior: 'release',
          phases: [
            {
              items: sub._items.map((i: Obj) => ({ price: i.price, quantity: i.quantity })),
              start_date: sub._periodStart,
              end_date: sub._periodEnd,
            },
          ],
        })
        sub.schedule = schedule.id
        return schedule
      },
    ],
    [
      'GET',
      /^\/v1\/subscription_schedules\/([^/]+)$/,
      (a, _p, m) => get(a, m[1], 'subscription schedule'),
    ],
    [
      'POST',
      /^\/v1\/subscription_schedules\/([^/]+)$/,
      (a, p, m) => {
        const schedule = get(a, m[1], 'subscription schedule')
        if (p.phases)
          schedule.phases = p.phases.map((phase: Obj) => ({
            items: phase.items.map((i: Obj) => ({
              price: get(a, i.price, 'price').id,
              quantity: int(i.quantity) ?? 1,
            })),
            start_date: int(phase.start_date),
            end_date: int(phase.end_date) ?? null,
            ...(phase.duration ? { duration: phase.duration } : {}),
          }))
        if (p.end_behavior) schedule.end_behavior = p.end_behavior
        return schedule
      },
    ],
    [
      'POST',
      /^\/v1\/subscription_schedules\/([^/]+)\/release$/,
      (a, _p, m) => {
        const schedule = get(a, m[1], 'subscription schedule')
        schedule.status = 'released'
        const sub = a.objects.get(schedule.subscription)
        if (sub) sub.schedule = null
        return schedule
      },
    ],
    ['POST', /^\/v1\/invoices\/create_preview$/, (a, p) => preview(a, p)],
    [
      'GET',
      /^\/v1\/invoices$/,
      (a, p) => {
        const all = [...a.objects.values()]
          .filter((o) => o.object === 'invoice' && (!p.customer || o.customer === p.customer))
          .reverse()
        const limit = int(p.limit) ?? 10
        const from = p.starting_after ? all.findIndex((o) => o.id === p.starting_after) + 1 : 0
        const data = all.slice(from, from + limit)
        return { object: 'list', data, has_more: from + limit < all.length, url: '/v1/invoices' }
      },
    ],
    ['GET', /^\/v1\/invoices\/([^/]+)$/, (a, _p, m) => get(a, m[1], 'invoice')],
  ]

  const clean = (o: Obj) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_')))

  function authenticate(req: IncomingMessage): Ctx {
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    const header = (req.headers['stripe-account'] as string | undefined) ?? null
    if (key === platformKey) {
      if (header && !connected.has(header))
        throw new StripeFault(
          403,
          `The provided key does not have access to account '${header}'`,
          'invalid_request_error',
          'account_invalid'
        )
      return { accountId: header ?? 'acct_platform', platform: true }
    }
    const own = ownKeys.get(key)
    if (!own)
      throw new StripeFault(
        401,
        'Invalid API Key provided',
        'invalid_request_error',
        'api_key_invalid'
      )
    if (header && header !== own)
      throw new StripeFault(
        403,
        'Only a platform can act on another account',
        'invalid_request_error',
        'account_invalid'
      )
    return { accountId: own, platform: false }
  }

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    const url = new URL(req.url!, 'http://double')
    const method = req.method!
    const params = parseForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : raw)
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null
    const send = (status: number, body: string, replayed = false) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': id('req'),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      })
      res.end(body)
    }
    let ctx: Ctx
    try {
      ctx = authenticate(req)
    } catch (fault) {
      const f = fault as StripeFault
      return send(
        f.status,
        JSON.stringify({ error: { type: f.type, message: f.message, code: f.code } })
      )
    }
    const record: StripeRequest = {
      method,
      path: url.pathname,
      stripeAccount: (req.headers['stripe-account'] as string | undefined) ?? null,
      account: ctx.accountId,
      idempotencyKey: key,
      params,
      replayed: false,
    }
    requests.push(record)
    const cacheKey = key && method === 'POST' ? `${ctx.accountId}|${key}` : null
    if (cacheKey && idempotent.has(cacheKey)) {
      record.replayed = true
      const cached = idempotent.get(cacheKey)!
      return send(cached.status, cached.body, true)
    }
    let status = 200
    let body: string
    try {
      if (state.failNext > 0) {
        state.failNext--
        throw new StripeFault(500, 'An unknown error occurred', 'api_error')
      }
      const route = routes.find(([m, pattern]) => m === method && pattern.test(url.pathname))
      if (!route)
        throw new StripeFault(404, `Unrecognized request URL (${method}: ${url.pathname}).`)
      const match = route[1].exec(url.pathname)!
      body = JSON.stringify(clean(route[2](account(ctx.accountId), params, [...match], ctx)))
    } catch (thrown) {
      // A bug in the double answers like Stripe's own 500, visibly, rather than hanging the client.
      const fault =
        thrown instanceof StripeFault
          ? thrown
          : new StripeFault(500, `Double failed: ${(thrown as Error).message}`, 'api_error')
      status = fault.status
      body = JSON.stringify({
        error: { type: fault.type, message: fault.message, code: fault.code, param: fault.param },
      })
    }
    if (status >= 400) record.error = body
    if (cacheKey && status < 500) idempotent.set(cacheKey, { status, body })
    send(status, body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }

  const signer = new Stripe('sk_test_signer', { telemetry: false })

  return {
    url: `http://127.0.0.1:${port}`,
    platformKey,
    requests,
    state,
    /** A new account connected to the platform (Connect mode). */
    connectAccount() {
      const accountId = id('acct')
      connected.add(accountId)
      account(accountId)
      return accountId
    },
    /** A new standalone account and a restricted key of its own (own mode). */
    ownAccount() {
      const accountId = id('acct')
      const key = `rk_test_${randomBytes(12).toString('hex')}`
      ownKeys.set(key, accountId)
      account(accountId)
      return { accountId, secretKey: key }
    },
    objects(accountId: string, type?: string) {
      return [...account(accountId).objects.values()]
        .filter((o) => !type || o.object === type)
        .map(clean)
    },
    object(accountId: string, objectId: string) {
      const found = account(accountId).objects.get(objectId)
      return found ? clean(found) : undefined
    },
    subscription(accountId: string, subscriptionId: string) {
      const acct = account(accountId)
      return showSubscription(acct, get(acct, subscriptionId, 'subscription'), ['latest_invoice'])
    },
    meterEvents(accountId: string) {
      return [...account(accountId).meterEvents.values()]
    },
    meterEventPosts: (accountId: string) => account(accountId).meterEventPosts,
    /**
     * What Stripe.js and the Payment Element do in the browser: a card confirmed on a SetupIntent
     * becomes the customer's default. `threeDS`: payments with it ask for authentication.
     */
    attachCard(
      accountId: string,
      customerId: string,
      card: { brand?: string; last4?: string; threeDS?: boolean } = {}
    ) {
      const acct = account(accountId)
      const customer = get(acct, customerId, 'customer')
      const pm = put(acct, {
        id: id('pm'),
        object: 'payment_method',
        type: 'card',
        customer: customerId,
        card: {
          brand: card.brand ?? 'visa',
          last4: card.last4 ?? '4242',
          exp_month: 12,
          exp_year: 2034,
        },
        _threeDS: card.threeDS ?? false,
      })
      customer.invoice_settings.default_payment_method = pm.id
      return clean(pm)
    },
    /**
     * The customer entered a card on Checkout's hosted page (setup mode): a succeeded SetupIntent
     * whose card is attached to the customer, not made its default (Checkout does not do that).
     */
    completeCheckout(accountId: string, sessionId: string, card: { last4?: string } = {}) {
      const acct = account(accountId)
      const session = get(acct, sessionId, 'checkout session')
      const pm = put(acct, {
        id: id('pm'),
        object: 'payment_method',
        type: 'card',
        customer: session.customer,
        card: { brand: 'visa', last4: card.last4 ?? '4242', exp_month: 12, exp_year: 2034 },
        _threeDS: false,
      })
      const intent = put(acct, {
        id: id('seti'),
        object: 'setup_intent',
        customer: session.customer,
        status: 'succeeded',
        usage: 'off_session',
        payment_method: pm.id,
        metadata: session._setupMetadata,
      })
      session.status = 'complete'
      session.setup_intent = intent.id
      return clean(session)
    },
    /** The customer authenticated the payment (Stripe.js handled 3-D Secure): the invoice is paid. */
    completeAction(accountId: string, subscriptionId: string) {
      const acct = account(accountId)
      const sub = get(acct, subscriptionId, 'subscription')
      const invoice = get(acct, sub.latest_invoice, 'invoice')
      invoice.status = 'paid'
      invoice.amount_paid = invoice.amount_due
      invoice.confirmation_secret = null
      if (sub.status === 'incomplete' || sub.status === 'past_due') sub.status = 'active'
      return invoice
    },
    /** A renewal payment failed: the subscription is past due, its invoice open. */
    failRenewal(accountId: string, subscriptionId: string) {
      const acct = account(accountId)
      const sub = get(acct, subscriptionId, 'subscription')
      const invoice = makeInvoice(acct, sub, subscriptionAmount(acct, sub), [], false)
      sub.latest_invoice = invoice.id
      sub.status = 'past_due'
      return invoice
    },
    /** The period ends: a schedule's next phase applies (then it releases), a pending cancel happens. */
    endPeriod(accountId: string, subscriptionId: string) {
      const acct = account(accountId)
      const sub = get(acct, subscriptionId, 'subscription')
      if (sub.cancel_at_period_end) {
        sub.status = 'canceled'
        sub.canceled_at = sub._periodEnd
        return showSubscription(acct, sub, [])
      }
      if (sub.schedule) {
        const schedule = get(acct, sub.schedule, 'subscription schedule')
        const next = schedule.phases[1]
        if (next) {
          sub._items = next.items.map((i: Obj, n: number) => ({
            id: sub._items[n]?.id ?? id('si'),
            price: i.price,
            quantity: i.quantity,
          }))
        }
        schedule.status = 'released'
        sub.schedule = null
      }
      const interval = get(acct, sub._items[0].price, 'price').recurring.interval
      sub._periodStart = sub._periodEnd
      sub._periodEnd = sub._periodStart + periodSeconds(interval)
      sub.status = sub.status === 'trialing' ? 'active' : sub.status
      const invoice = charge(acct, sub, subscriptionAmount(acct, sub), [])
      sub.latest_invoice = invoice.id
      return showSubscription(acct, sub, [])
    },
    /** A Stripe event as Stripe sends it; `connectAccount` adds `account` (Connect events). */
    event(type: string, object: Obj, options: { account?: string; created?: number } = {}) {
      return {
        id: id('evt'),
        object: 'event',
        api_version: Stripe.API_VERSION,
        created: options.created ?? now(),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        ...(options.account ? { account: options.account } : {}),
        data: { object: clean(object) },
      }
    },
    /** Posts an event to a webhook endpoint, signed with `secret` (at `timestamp`, default now). */
    async deliver(url: string, event: Obj, secret: string, timestamp?: number) {
      const payload = JSON.stringify(event, null, 2)
      const header = signer.webhooks.generateTestHeaderString({ payload, secret, timestamp })
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header },
        body: payload,
      })
      return { status: response.status, body: await response.text() }
    },
    close: () =>
      new Promise((r) => {
        server.close(r)
        // The SDK keeps connections alive: close them, or close() waits for them forever.
        server.closeAllConnections()
      }),
  }
}

export type StripeDouble = Awaited<ReturnType<typeof startStripeDouble>>
