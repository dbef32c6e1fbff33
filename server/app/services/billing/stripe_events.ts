import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Stripe from 'stripe'
import env from '#start/env'
import { ApiError } from '#exceptions/api_error'
import { withTenant } from '#services/tenant_context'
import { stripeFor, stripeSettings, type StripeSettings } from '#services/billing/stripe_client'
import { cardFromCheckout } from '#services/billing/checkout'
import { announce, applySubscription, billingRow, showCard } from '#services/billing/subscriptions'
import { UUID_PATTERN } from '#validators/rules'

/** How old a signature may be (Stripe's own default): older is a replay, refused. */
const TOLERANCE_SECONDS = 300

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
])
const INVOICE_EVENTS = new Set([
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_action_required',
])
const PAYMENT_METHOD_EVENTS = new Set(['payment_method.attached', 'setup_intent.succeeded'])

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
/** An id or type we can record (stripe_events keeps both in 100 characters). */
const shortText = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 100

/**
 * Checks a signature over the raw bytes: 400 for a bad, stale or missing one, and for a signed
 * body that is not an event (no id, type or data.object; an id or type too long to record),
 * which would otherwise fail further on with a 500.
 */
function verified(raw: string, header: string | undefined, secret: string) {
  if (!header) throw new ApiError('BAD_REQUEST', 'Missing Stripe-Signature')
  let event: Stripe.Event
  try {
    event = Stripe.webhooks.constructEvent(raw, header, secret, TOLERANCE_SECONDS)
  } catch {
    throw new ApiError('BAD_REQUEST', 'The Stripe signature does not match or is too old')
  }
  const candidate: unknown = event
  if (
    !isObject(candidate) ||
    !shortText(candidate.id) ||
    !shortText(candidate.type) ||
    !isObject(candidate.data) ||
    !isObject(candidate.data.object) ||
    (candidate.account !== undefined &&
      candidate.account !== null &&
      typeof candidate.account !== 'string')
  ) {
    throw new ApiError('BAD_REQUEST', 'The body is not a Stripe event')
  }
  return event
}

/**
 * POST /v1/stripe/webhooks: Connect events, signed with the platform endpoint's secret
 * (STRIPE_WEBHOOK_SECRET). Each names its connected `account`, which names one tenant; an
 * account no tenant has is acknowledged and ignored (Stripe would otherwise retry for days).
 */
export async function receiveConnectEvent(raw: string, signature: string | undefined) {
  const secret = env.get('STRIPE_WEBHOOK_SECRET')
  if (!secret)
    throw new ApiError('PROVIDER_NOT_CONFIGURED', 'The platform has no STRIPE_WEBHOOK_SECRET')
  const event = verified(raw, signature, secret)
  if (!event.account) return { received: true, applied: false }
  // Which tenant has this account: read as the operator (no tenant is known yet), as the relay does.
  const owner = await db
    .connection('relay')
    .from('stripe_accounts')
    .where('account_id', event.account)
    .where('mode', 'connect')
    .select('tenant_id')
    .first()
  if (!owner) {
    logger.info({ account: event.account, event: event.id }, 'Stripe event for an unknown account')
    return { received: true, applied: false }
  }
  return apply(owner.tenant_id, event)
}

/**
 * POST /v1/stripe/webhooks/:tenantId: the events of a tenant's own account, signed with the
 * webhook secret it gave (its endpoint is this URL). An unknown tenant, or one in Connect
 * mode, answers 400 like a bad signature (nothing is revealed).
 */
export async function receiveOwnEvent(
  tenantId: string,
  raw: string,
  signature: string | undefined
) {
  const settings = UUID_PATTERN.test(tenantId)
    ? await withTenant({ tenantId }, (trx) => stripeSettings(trx, tenantId))
    : null
  if (!settings || settings.mode !== 'own' || !settings.webhookSecret) {
    throw new ApiError('BAD_REQUEST', 'The Stripe signature does not match or is too old')
  }
  const event = verified(raw, signature, settings.webhookSecret)
  if (event.account && event.account !== settings.accountId)
    return { received: true, applied: false }
  return apply(tenantId, event, settings)
}

type Subject =
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'paymentMethod'; paymentMethod: Stripe.PaymentMethod; customerId: string }

/** What an event is about, re-read from Stripe now (events may arrive late and out of order). */
async function subjectOf(stripe: Stripe, event: Stripe.Event): Promise<Subject | null> {
  const object = event.data.object as unknown as Record<string, any>
  if (SUBSCRIPTION_EVENTS.has(event.type))
    return { kind: 'subscription', subscriptionId: object.id as string }
  if (INVOICE_EVENTS.has(event.type)) {
    const subscriptionId =
      object.parent?.subscription_details?.subscription ?? object.subscription ?? null
    return subscriptionId ? { kind: 'subscription', subscriptionId: String(subscriptionId) } : null
  }
  // The hosted fallback for hosts that refuse Stripe.js: a setup-mode Checkout saved a card.
  if (event.type === 'checkout.session.completed') {
    const saved = await cardFromCheckout(stripe, String(object.id))
    return saved ? { kind: 'paymentMethod', ...saved } : null
  }
  if (PAYMENT_METHOD_EVENTS.has(event.type)) {
    const pmId = event.type === 'setup_intent.succeeded' ? object.payment_method : object.id
    if (typeof pmId !== 'string') return null
    const pm = await stripe.paymentMethods.retrieve(pmId)
    return typeof pm.customer === 'string'
      ? { kind: 'paymentMethod', paymentMethod: pm, customerId: pm.customer }
      : null
  }
  return null
}

/**
 * Applies one event to the tenant, once: the event id is recorded in the same transaction as
 * its effect, so a repeated delivery finds it and does nothing. The effect is always the
 * object's current state in Stripe (re-read, not the event's copy), so events applied in any
 * order leave the latest state; `billing.updated` is announced only when something changed.
 * The workspace comes from the object's metadata and must be the tenant's, with that very
 * customer: another tenant's or workspace's objects are never touched.
 */
async function apply(tenantId: string, event: Stripe.Event, known?: StripeSettings) {
  const settings = known ?? (await withTenant({ tenantId }, (trx) => stripeSettings(trx, tenantId)))
  if (!settings) return { received: true, applied: false }
  const seen = await withTenant({ tenantId }, (trx) =>
    trx.from('stripe_events').where('tenant_id', tenantId).where('event_id', event.id).first()
  )
  if (seen) return { received: true, applied: false }
  const stripe = stripeFor(settings)
  const subject = await subjectOf(stripe, event)
  if (!subject) return record(tenantId, event)

  let workspaceId: string | undefined
  let customerId: string
  let subscription: Stripe.Subscription | null = null
  if (subject.kind === 'subscription') {
    subscription = await stripe.subscriptions.retrieve(subject.subscriptionId, {
      expand: ['latest_invoice.confirmation_secret', 'default_payment_method', 'schedule'],
    })
    workspaceId = subscription.metadata?.parley_workspace_id
    if (subscription.metadata?.parley_tenant_id !== tenantId) workspaceId = undefined
    customerId =
      typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id
  } else {
    customerId = subject.customerId
    const customer = await stripe.customers.retrieve(customerId)
    if (!customer.deleted && customer.metadata?.parley_tenant_id === tenantId) {
      workspaceId = customer.metadata.parley_workspace_id
    }
  }
  if (!workspaceId || !UUID_PATTERN.test(workspaceId)) return record(tenantId, event)

  return withTenant({ tenantId, workspaceId }, async (trx) => {
    const scope = { trx, tenantId, workspaceId: workspaceId! }
    const fresh = await trx
      .table('stripe_events')
      .insert({ tenant_id: tenantId, event_id: event.id, type: event.type })
      .onConflict(['tenant_id', 'event_id'])
      .ignore()
      .returning('event_id')
    if (!fresh.length) return { received: true, applied: false }
    const row = await billingRow(scope)
    if (!row || row.stripeCustomerId !== customerId) return { received: true, applied: false }
    let changed = false
    if (subscription) {
      // An event about a subscription the workspace no longer has (replaced since) changes nothing.
      if (row.stripeSubscriptionId && row.stripeSubscriptionId !== subscription.id) {
        return { received: true, applied: false }
      }
      changed = await applySubscription(scope, row, subscription)
    } else if (subject.kind === 'paymentMethod' && subject.paymentMethod.card) {
      // The card the customer just confirmed becomes the one invoices are charged to.
      await stripe.customers.update(
        customerId,
        { invoice_settings: { default_payment_method: subject.paymentMethod.id } },
        { idempotencyKey: `parley-default-pm-${subject.paymentMethod.id}` }
      )
      const card = showCard(subject.paymentMethod)
      changed = JSON.stringify(card) !== JSON.stringify(row.paymentMethod)
      row.paymentMethod = card
      await row.useTransaction(trx).save()
    }
    if (changed || event.type === 'customer.subscription.trial_will_end') {
      await announce(scope, event.type)
    }
    return { received: true, applied: true }
  })
}

/** An event with nothing of ours in it: remembered, so a redelivery is not looked at again. */
async function record(tenantId: string, event: Stripe.Event) {
  await withTenant({ tenantId }, (trx) =>
    trx
      .table('stripe_events')
      .insert({ tenant_id: tenantId, event_id: event.id, type: event.type })
      .onConflict(['tenant_id', 'event_id'])
      .ignore()
  )
  return { received: true, applied: false }
}
