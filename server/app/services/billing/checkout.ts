import { randomUUID } from 'node:crypto'
import type Stripe from 'stripe'
import { ApiError } from '#exceptions/api_error'
import TenantOrigin from '#models/tenant_origin'
import { stripeFailure } from '#services/billing/stripe_client'
import {
  ensureCustomer,
  publicPlans,
  rowForUpdate,
  type BillingContext,
} from '#services/billing/subscriptions'
import type { BillingScope } from '#services/billing/entitlements'
import { iso } from '#transformers/time'
import { DateTime } from 'luxon'

/** How long the hosted page stays usable: long enough to find a card, short for a stray link. */
const SESSION_SECONDS = 60 * 60

const LOCALHOST = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The page Checkout sends the customer back to: https (http only on localhost) on one of the
 * tenant's allowed origins. Anything else is a 422, so the route never redirects anywhere else.
 */
async function allowedReturnUrl(scope: BillingScope, returnUrl: string) {
  const refuse = (message: string) => ApiError.validation([{ field: 'returnUrl', message }])
  let url: URL
  try {
    url = new URL(returnUrl)
  } catch {
    throw refuse('Not a URL')
  }
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOCALHOST.has(url.hostname))
  if (!secure) throw refuse('Must be https (http only on localhost)')
  if (url.username || url.password) throw refuse('Must not carry credentials')
  const allowed = await TenantOrigin.query({ client: scope.trx })
    .where('tenant_id', scope.tenantId)
    .where('origin', url.origin)
    .first()
  if (!allowed) throw refuse(`${url.origin} is not one of the tenant's allowed origins`)
  return url.href
}

/** The currency the workspace pays in, else the tenant's first public plan's. */
async function currencyOf(scope: BillingScope, current: string | null) {
  if (current) return current
  const plans = await publicPlans(scope)
  return plans.flatMap((p) => p.prices)[0]?.currency ?? 'usd'
}

/**
 * POST /v1/billing/payment-method/checkout: the fallback for a host whose CSP refuses Stripe.js.
 * A Checkout session in setup mode on Stripe's own page collects the card; the customer comes
 * back to `returnUrl`, and `checkout.session.completed` makes the card the default
 * (`cardFromCheckout`). The idempotency key is the workspace and the click's nonce, so a retried
 * request gets the same session.
 */
export async function checkoutPaymentMethod(
  ctx: BillingContext,
  input: { returnUrl: string; nonce?: string }
) {
  const returnUrl = await allowedReturnUrl(ctx, input.returnUrl)
  const row = await rowForUpdate(ctx)
  const customer = await ensureCustomer(ctx, row)
  const metadata = { parley_tenant_id: ctx.tenantId, parley_workspace_id: ctx.workspaceId }
  try {
    const session = await ctx.stripe.checkout.sessions.create(
      {
        mode: 'setup',
        customer,
        currency: await currencyOf(ctx, row.currency),
        success_url: returnUrl,
        cancel_url: returnUrl,
        expires_at: Math.floor(Date.now() / 1000) + SESSION_SECONDS,
        metadata,
        setup_intent_data: { metadata },
      },
      { idempotencyKey: `parley-checkout-${ctx.workspaceId}-${input.nonce ?? randomUUID()}` }
    )
    return { url: session.url, expiresAt: iso(DateTime.fromSeconds(session.expires_at).toUTC()) }
  } catch (error) {
    return stripeFailure(error)
  }
}

/**
 * A completed setup-mode Checkout session, re-read from Stripe: the card its SetupIntent saved
 * and that card's customer, or null when the session is not a completed setup of a card.
 */
export async function cardFromCheckout(stripe: Stripe, sessionId: string) {
  const session = await stripe.checkout.sessions.retrieve(sessionId)
  if (session.mode !== 'setup' || session.status !== 'complete' || !session.setup_intent)
    return null
  const intentId =
    typeof session.setup_intent === 'string' ? session.setup_intent : session.setup_intent.id
  const intent = await stripe.setupIntents.retrieve(intentId)
  if (intent.status !== 'succeeded' || typeof intent.payment_method !== 'string') return null
  if (typeof intent.customer !== 'string') return null
  const paymentMethod = await stripe.paymentMethods.retrieve(intent.payment_method)
  // The card must be on the very customer the session was for.
  if (paymentMethod.customer !== intent.customer || session.customer !== intent.customer)
    return null
  return { paymentMethod, customerId: intent.customer }
}
