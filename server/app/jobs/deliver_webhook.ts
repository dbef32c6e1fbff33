import { UnrecoverableError } from 'bullmq'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { withTenant } from '#services/tenant_context'
import { outboundFetch, outboundRefusal } from '#services/outbound'
import { openSecret, signature } from '#services/webhooks'
import { dispatch } from '#services/queues'
import { Job } from '#jobs/job'

export interface DeliverWebhookPayload {
  tenantId: string
  workspaceId: string
  deliveryId: string
}

const TIMEOUT_MS = 10_000

/** A receiver's answer other than 2xx: retried like a network error. */
class NotDelivered extends Error {}

/**
 * POSTs one recorded delivery to its webhook, signed, and logs each attempt's answer. A non-2xx
 * answer or a network error is retried with exponential backoff; after the last attempt the
 * delivery is marked failed with its reason. A delivered one is never sent again by a duplicate
 * job; an address refused by the outbound guard is not retried (waiting will not change it).
 */
export default class DeliverWebhook extends Job<DeliverWebhookPayload> {
  static queue = 'webhooks'
  static jobName = 'deliver-webhook'
  static options = { attempts: 6 }

  /** Queues a recorded delivery; once per delivery, however often it is asked for. */
  static send(payload: DeliverWebhookPayload) {
    return dispatch(DeliverWebhook, payload, { jobId: `webhook-${payload.deliveryId}` })
  }

  async handle(payload: DeliverWebhookPayload) {
    const found = await this.#load(payload)
    if (!found) return
    const { webhook, delivery } = found
    const body = JSON.stringify(delivery.payload)
    let response: Response
    try {
      // The URL is checked again here, on the addresses connected to (DNS may have changed since
      // it was registered); a redirect is an answer like any other non-2xx, never followed.
      response = await outboundFetch(webhook.url, {
        method: 'POST',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Parley-Webhooks/1',
          'Parley-Event': delivery.eventType,
          'Parley-Delivery': delivery.id,
          'Parley-Signature': signature(openSecret(webhook.secretEncrypted)!, body),
        },
        body,
      })
    } catch (error) {
      const refusal = outboundRefusal(error)
      if (refusal) {
        await this.#record(payload, { error: `Refused: the URL ${refusal.reason}` })
        throw new UnrecoverableError(`Refused: the URL ${refusal.reason}`)
      }
      await this.#record(payload, { error: String((error as Error).message).slice(0, 500) })
      throw error
    }
    const text = await response.text()
    const answer = text.slice(0, 1000)
    if (response.ok) {
      await this.#record(payload, {
        status: 'delivered',
        responseStatus: response.status,
        responseBody: answer,
        error: null,
      })
      return
    }
    await this.#record(payload, {
      responseStatus: response.status,
      responseBody: answer,
      error:
        response.status >= 300 && response.status < 400
          ? `HTTP ${response.status} (redirects are not followed)`
          : `HTTP ${response.status}`,
    })
    throw new NotDelivered(`webhook answered ${response.status}`)
  }

  /** The last attempt failed (or the address was refused): the delivery is failed for good. */
  async failed(payload: DeliverWebhookPayload) {
    await withTenant(payload, (trx) =>
      WebhookDelivery.scoped({ trx, ...payload })
        .where('id', payload.deliveryId)
        .update({ status: 'failed' })
    )
  }

  async #load(payload: DeliverWebhookPayload) {
    return withTenant(payload, async (trx) => {
      const scope = { trx, ...payload }
      const delivery = await WebhookDelivery.scoped(scope).where('id', payload.deliveryId).first()
      if (!delivery || delivery.status === 'delivered') return null
      const webhook = await Webhook.scoped(scope).where('id', delivery.webhookId).first()
      return webhook?.active ? { webhook, delivery } : null
    })
  }

  /** Logs one attempt on the delivery (pending until delivered, or failed by `failed`). */
  async #record(
    payload: DeliverWebhookPayload,
    fields: Partial<Pick<WebhookDelivery, 'status' | 'responseStatus' | 'responseBody' | 'error'>>
  ) {
    await withTenant(payload, (trx) =>
      WebhookDelivery.scoped({ trx, ...payload })
        .where('id', payload.deliveryId)
        .update({
          ...(fields.status ? { status: fields.status } : {}),
          ...(fields.responseStatus !== undefined
            ? { response_status: fields.responseStatus }
            : {}),
          ...(fields.responseBody !== undefined ? { response_body: fields.responseBody } : {}),
          ...(fields.error !== undefined ? { error: fields.error } : {}),
          ...(fields.status === 'delivered' ? { delivered_at: new Date() } : {}),
          attempts: trx.raw('attempts + 1'),
        })
    )
  }
}
