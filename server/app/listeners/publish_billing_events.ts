import type { EventsList } from '@adonisjs/core/types'
import { channelNames } from '#services/realtime/channels'
import { publishOnce } from '#services/realtime/publisher'
import { withTenant } from '#services/tenant_context'
import { billingSummary } from '#services/billing/subscriptions'
import { syncSeats } from '#services/billing/seats'
import { deliver } from '#listeners/queue_webhooks'

/**
 * Billing's domain events: `billing.updated` (the state as it is when relayed) on the
 * workspace's billing channel and to webhooks that want it; usage alerts as `billing.alert`.
 * A member joining a per-seat plan first sets the subscription's quantity in Stripe.
 */
export default class PublishBillingEvents {
  async changed(event: EventsList['billing:changed']) {
    const scope = { tenantId: event.tenantId, workspaceId: event.workspaceId }
    const summary = await withTenant(scope, async (trx) => {
      if (event.cause === 'seats') await syncSeats({ trx, ...scope })
      return billingSummary({ trx, ...scope })
    })
    const data = { cause: event.cause, ...summary }
    await publishOnce(
      event.eventId,
      channelNames.billing(event.tenantId, event.workspaceId),
      'billing.updated',
      data
    )
    await deliver(event, 'billing.updated', data)
  }

  async alert(event: EventsList['billing:alert']) {
    const { feature, threshold, used, limit, resetsAt } = event
    const data = { feature, threshold, used, limit, resetsAt }
    await publishOnce(
      event.eventId,
      channelNames.billing(event.tenantId, event.workspaceId),
      'billing.alert',
      data
    )
    await deliver(event, 'billing.alert', data)
  }
}
