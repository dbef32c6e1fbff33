import {
  assertSeatTaken,
  planState,
  usedOf,
  type BillingScope,
} from '#services/billing/entitlements'
import { recordEvent } from '#services/outbox'
import { stripeSettings, stripeFor } from '#services/billing/stripe_client'
import { applySubscription, billingRow } from '#services/billing/subscriptions'

/**
 * A member joined the workspace: refused past the plan's seats; on a plan priced per seat the
 * subscription's quantity follows, after commit (the `billing:changed` listener calls syncSeats).
 */
export async function memberJoined(scope: BillingScope) {
  // Refused past the seats: the request's transaction rolls back on the error answer
  // (withTenantRequest), so the member just added is not kept.
  const state = await assertSeatTaken(scope)
  if (state.perSeat && state.stripeSubscriptionId) {
    await recordEvent(scope.trx, 'billing:changed', {
      tenantId: scope.tenantId,
      workspaceId: scope.workspaceId,
      cause: 'seats',
    })
  }
}

/**
 * Sets the per-seat subscription's quantity to the workspace's members, prorated. The
 * idempotency key names the subscription and the count, so relaying the event again (or two
 * joins racing to the same count) changes Stripe once. Returns whether the row changed.
 */
export async function syncSeats(scope: BillingScope) {
  const state = await planState(scope)
  if (!state.perSeat || !state.stripeSubscriptionId) return false
  const settings = await stripeSettings(scope.trx, scope.tenantId)
  const row = await billingRow(scope)
  if (!settings || !row) return false
  const seats = Math.max(1, await usedOf(scope, state, 'seats'))
  if (row.quantity === seats) return false
  const stripe = stripeFor(settings)
  const current = await stripe.subscriptions.retrieve(state.stripeSubscriptionId)
  const item = current.items.data.find((i) => i.price.recurring?.usage_type !== 'metered')
  if (!item) return false
  const sub = await stripe.subscriptions.update(
    current.id,
    {
      items: [{ id: item.id, quantity: seats }],
      proration_behavior: 'create_prorations',
      expand: ['latest_invoice.confirmation_secret', 'default_payment_method', 'schedule'],
    },
    { idempotencyKey: `parley-seats-${current.id}-${seats}` }
  )
  return applySubscription(scope, row, sub)
}
