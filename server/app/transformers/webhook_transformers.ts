import type Webhook from '#models/webhook'
import type WebhookDelivery from '#models/webhook_delivery'
import { iso } from '#transformers/time'

/** API shape of a webhook (its secret is shown once, at creation, by the controller). */
export const WebhookTransformer = {
  transform: (w: Webhook) => ({
    id: w.id,
    url: w.url,
    events: w.events,
    description: w.description,
    active: w.active,
    createdAt: iso(w.createdAt),
  }),
}

/** API shape of one delivery in a webhook's log. */
export const WebhookDeliveryTransformer = {
  transform: (d: WebhookDelivery) => ({
    id: d.id,
    event: d.eventType,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    responseBody: d.responseBody,
    error: d.error,
    deliveredAt: iso(d.deliveredAt),
    createdAt: iso(d.createdAt),
  }),
}
