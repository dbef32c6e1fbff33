/** What the billing widget reads from the API (API.md, "Billing"), and how it says amounts and dates. */

/** Metered features, in the order shown. */
export const FEATURES = [
  'seats',
  'transcriptionMinutes',
  'whatsappNumbers',
  'campaignRecipients',
] as const
export type Feature = (typeof FEATURES)[number]

export const STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'incomplete'] as const
export type SubscriptionStatus = (typeof STATUSES)[number]

export const INTERVALS = ['month', 'year'] as const
export type Interval = (typeof INTERVALS)[number]

/** Stripe's cancellation feedback values, so the server can pass the reason on as it is. */
export const CANCEL_REASONS = [
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'too_complex',
  'other',
] as const
export type CancelReason = (typeof CANCEL_REASONS)[number]

/** Amounts are in the currency's minor unit (cents), as Stripe gives them. */
export interface Price {
  interval: Interval
  amount: number
  currency: string
}

export interface Plan {
  id: string
  name: string
  description?: string | null
  prices: Price[]
  trialDays?: number | null
  limits: Partial<Record<Feature, number | null>>
  overage?: Partial<Record<Feature, { unitAmount: number }>> | null
}

export interface Subscription {
  status: SubscriptionStatus
  interval: Interval
  currentPeriodEnd: string | null
  cancelAt: string | null
  trialEnd: string | null
  /** A payment waiting for the customer's bank (3-D Secure), to confirm with Stripe.js. */
  actionRequired?: { clientSecret: string } | null
  /** The same, as an earlier draft of the contract named it. */
  clientSecret?: string | null
  /** A downgrade waiting for the period's end. */
  scheduledChange?: { planId: string; planName: string; interval: Interval; at: string } | null
}

/** Stripe's other statuses, shown as the nearest of the five the widget draws. */
const NEAREST: Record<string, SubscriptionStatus> = {
  unpaid: 'past_due',
  paused: 'past_due',
  incomplete_expired: 'canceled',
}

/** The subscription's status as one of STATUSES. */
export function statusOf(subscription: Subscription): SubscriptionStatus {
  const status = subscription.status as string
  return (STATUSES as readonly string[]).includes(status)
    ? (status as SubscriptionStatus)
    : (NEAREST[status] ?? 'active')
}

/** The client secret of a payment the bank waits to see confirmed, if any. */
export const pendingSecret = (subscription: Subscription | null | undefined) =>
  subscription?.actionRequired?.clientSecret ?? subscription?.clientSecret ?? undefined

export interface Usage {
  feature: Feature
  used: number
  /** null: unlimited. */
  limit: number | null
  resetsAt: string | null
  /** Usage so far this period, oldest first (optional: without it the chart draws start → now). */
  series?: { at: string; used: number }[]
}

export interface PaymentMethod {
  brand: string
  last4: string
  expMonth: number
  expYear: number
}

/** Where Stripe.js confirms a payment: the tenant's publishable key (and Connect account). */
export interface StripeKeys {
  publishableKey: string
  stripeAccount?: string | null
}

export interface Billing {
  plan: Plan | null
  subscription: Subscription | null
  usage: Usage[]
  paymentMethod: PaymentMethod | null
  /** When the server gives them, 3-D Secure needs no second request for the keys. */
  stripe?: StripeKeys | null
}

export interface PreviewLine {
  description: string
  amount: number
}

export interface Preview {
  amountDue: number
  currency: string
  lines: PreviewLine[]
}

/** POST /v1/billing/subscription: the subscription, or a payment to confirm with Stripe.js. */
export type SubscribeResult =
  | { subscription: Subscription; clientSecret?: undefined }
  | ({ clientSecret: string } & Partial<StripeKeys>)

export interface SetupAnswer extends StripeKeys {
  clientSecret: string
}

/** POST /v1/billing/payment-method/checkout: Stripe's hosted page for adding a card. */
export interface CheckoutAnswer {
  url: string
  expiresAt: string
}

export interface Invoice {
  id: string
  number: string | null
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void'
  total: number
  currency: string
  createdAt: string
  pdfUrl: string | null
  /** Stripe's page for the invoice, where there is no PDF (a draft). */
  hostedUrl?: string | null
}

/** GET /v1/billing/invoices: a page, and the next invoice with the first page. */
export interface InvoicePage {
  data: Invoice[]
  nextCursor: string | null
  upcoming?: { total: number; currency: string; at: string | null } | null
}

/** How full a feature is: under 80 %, from 80 %, at or over its limit. */
export type Level = 'ok' | 'warn' | 'over'

export function levelOf(usage: Pick<Usage, 'used' | 'limit'>): Level {
  if (usage.limit === null || usage.limit <= 0)
    return usage.limit === 0 && usage.used > 0 ? 'over' : 'ok'
  const ratio = usage.used / usage.limit
  return ratio >= 1 ? 'over' : ratio >= 0.8 ? 'warn' : 'ok'
}

/** A price per month, to compare plans across intervals. */
export const monthly = (price: Price) =>
  price.interval === 'year' ? price.amount / 12 : price.amount

export const priceFor = (plan: Plan | null | undefined, interval: Interval) =>
  plan?.prices.find((p) => p.interval === interval)

/** A plan without a price above zero (the free plan has no Stripe objects). */
export const isFree = (plan: Plan) => plan.prices.every((p) => p.amount === 0)

/** What choosing `plan` at `interval` would be for a workspace on `current`. */
export type Change = 'current' | 'subscribe' | 'upgrade' | 'downgrade' | 'switch'

export function changeTo(
  plan: Plan,
  interval: Interval,
  current: Plan | null,
  subscription: Subscription | null
): Change {
  const live = subscription && subscription.status !== 'canceled'
  if (!current || (!live && !isFree(current))) return 'subscribe'
  const currentInterval = subscription?.interval ?? 'month'
  if (plan.id === current.id)
    return currentInterval === interval || isFree(plan) ? 'current' : 'switch'
  const now = priceFor(current, currentInterval) ?? current.prices[0]
  if (isFree(plan)) return isFree(current) ? 'subscribe' : 'downgrade'
  const next = priceFor(plan, interval)
  if (!next) return 'subscribe'
  return monthly(next) >= (now ? monthly(now) : 0) ? 'upgrade' : 'downgrade'
}

/**
 * Amounts and dates in the reader's locale: the element's full tag (es-MX, en-GB) when its
 * language is the one the strings are in, else the strings' language.
 */
export class Formats {
  constructor(public readonly locale: string) {}

  /** 2900 usd → "$29.00"; 2900 jpy → "¥2,900" (zero-decimal currencies have no minor unit). */
  money(amount: number, currency: string, compact = false) {
    const code = currency.toUpperCase()
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2
    const value = amount / 10 ** digits
    return new Intl.NumberFormat(this.locale, {
      style: 'currency',
      currency: code,
      // Whole prices read "$29", as on a pricing page; totals keep their cents.
      ...(compact && Number.isInteger(value) ? { maximumFractionDigits: 0 } : {}),
    }).format(value)
  }

  number(value: number) {
    return new Intl.NumberFormat(this.locale).format(value)
  }

  percent(ratio: number) {
    return new Intl.NumberFormat(this.locale, {
      style: 'percent',
      maximumFractionDigits: 0,
    }).format(ratio)
  }

  date(iso: string, style: 'long' | 'medium' | 'short' = 'long') {
    return new Date(iso).toLocaleDateString(this.locale, {
      dateStyle: style,
    })
  }

  /** "Mar 4" — a day in the current period. */
  day(iso: string | number) {
    return new Date(iso).toLocaleDateString(this.locale, {
      month: 'short',
      day: 'numeric',
    })
  }
}

/** The start of the period that ends at `end`, one interval earlier. */
export function periodStart(end: string, interval: Interval = 'month') {
  const d = new Date(end)
  if (interval === 'year') d.setUTCFullYear(d.getUTCFullYear() - 1)
  else d.setUTCMonth(d.getUTCMonth() - 1)
  return d
}
