import { v7 as uuidv7 } from 'uuid'
import type { EventsList } from '@adonisjs/core/types'
import { withTenant } from '#services/tenant_context'
import { dispatch } from '#services/queues'
import type { WebhookEvent } from '#services/webhooks'
import DeliverWebhook from '#jobs/deliver_webhook'
import type { Recorded } from '#events/domain_events'

type Scoped = Recorded & { tenantId: string; workspaceId: string }

/**
 * Turns inbox events into webhook deliveries: one row per active webhook that wants the event
 * (unique per event and webhook, so a relayed-again event records nothing new), then one job per
 * pending delivery (its id derived from the delivery, so queued once). Notes never leave.
 */
export default class QueueWebhooks {
  async conversationCreated(event: EventsList['conversation:created']) {
    await deliver(event, 'conversation.created', event.conversation)
  }

  async conversationUpdated(event: EventsList['conversation:updated']) {
    // A new message moves its conversation too; message.created already tells receivers that.
    if (event.cause === 'change') await deliver(event, 'conversation.updated', event.conversation)
  }

  async messageCreated(event: EventsList['message:created']) {
    if (event.message.type !== 'note') await deliver(event, 'message.created', event.message)
  }

  async redeliver(event: EventsList['webhook:redelivery-requested']) {
    await queueDelivery(event, event.deliveryId, `webhook-${event.deliveryId}-${event.eventId}`)
  }
}

/** Records and queues one delivery per webhook that wants `type` (other listeners use it too). */
export async function deliver(event: Scoped, type: WebhookEvent, data: unknown) {
  const scope = { tenantId: event.tenantId, workspaceId: event.workspaceId }
  const pending = await withTenant(scope, async (trx) => {
    const hooks = await trx
      .from('webhooks')
      .where('tenant_id', event.tenantId)
      .where('workspace_id', event.workspaceId)
      .where('active', true)
      .whereRaw('? = any(events)', [type])
      // Webhooks added after the event happened do not get it, however late it is relayed.
      .where('created_at', '<=', event.occurredAt)
      .select('id')
    if (!hooks.length) return []
    const payload = JSON.stringify({ id: event.eventId, type, createdAt: event.occurredAt, data })
    await trx
      .table('webhook_deliveries')
      .insert(
        hooks.map((hook) => ({
          tenant_id: event.tenantId,
          workspace_id: event.workspaceId,
          id: uuidv7(),
          webhook_id: hook.id,
          event_type: type,
          payload,
          event_id: event.eventId,
        }))
      )
      .onConflict(['tenant_id', 'webhook_id', 'event_id'])
      .ignore()
    return trx
      .from('webhook_deliveries')
      .where('tenant_id', event.tenantId)
      .whereIn(
        'webhook_id',
        hooks.map((hook) => hook.id)
      )
      .where('event_id', event.eventId)
      .where('status', 'pending')
      .select('id')
  })
  for (const delivery of pending) {
    await DeliverWebhook.send({
      tenantId: event.tenantId,
      workspaceId: event.workspaceId,
      deliveryId: delivery.id,
    })
  }
}

async function queueDelivery(event: Scoped, deliveryId: string, jobId: string) {
  // A redelivery is a job of its own (the first one may be kept as completed under its id).
  await dispatch(
    DeliverWebhook,
    { tenantId: event.tenantId, workspaceId: event.workspaceId, deliveryId },
    { jobId }
  )
}
