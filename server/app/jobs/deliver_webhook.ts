import type { Job } from 'bullmq'
import { withTenant } from '#services/tenant_context'
import { outboundFetch, outboundRefusal } from '#services/outbound'
import type { JobDefinition } from '#services/queues'

export interface DeliverWebhookPayload {
  tenantId: string
  workspaceId: string
  deliveryId: string
}

const TIMEOUT_MS = 10_000

/**
 * POSTs one recorded delivery to its webhook, signed, and logs the answer. A non-2xx answer or a
 * network error is retried with exponential backoff; after the last attempt the delivery is
 * marked failed with its reason. A delivered one is never sent again by a duplicate job.
 */
export const DeliverWebhook: JobDefinition<DeliverWebhookPayload> = {
  queue: 'webhooks',
  name: 'deliver-webhook',
  async handle(payload, job: Job<DeliverWebhookPayload>) {
    const { openSecret, signature } = await import('#services/webhooks')
    const scope = { tenantId: payload.tenantId, workspaceId: payload.workspaceId }
    const target = await withTenant(scope, async (trx) =>
      trx
        .from('webhook_deliveries as d')
        .join('webhooks as w', (j) =>
          j.on('w.tenant_id', 'd.tenant_id').andOn('w.id', 'd.webhook_id')
        )
        .where('d.tenant_id', payload.tenantId)
        .where('d.id', payload.deliveryId)
        .select('d.status', 'd.payload', 'd.event_type', 'w.url', 'w.secret_encrypted', 'w.active')
        .first()
    )
    if (!target || target.status === 'delivered' || !target.active) return

    const record = (fields: Record<string, unknown>) =>
      withTenant(scope, (trx) =>
        trx
          .from('webhook_deliveries')
          .where('tenant_id', payload.tenantId)
          .where('id', payload.deliveryId)
          .update({ ...fields, attempts: trx.raw('attempts + 1') })
      )
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)

    const body = JSON.stringify(target.payload)
    try {
      // The URL is checked again here, on the addresses connected to (DNS may have changed since
      // it was registered); a redirect is an answer like any other non-2xx, never followed.
      const response = await outboundFetch(target.url, {
        method: 'POST',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Parley-Webhooks/1',
          'Parley-Event': target.event_type,
          'Parley-Delivery': payload.deliveryId,
          'Parley-Signature': signature(openSecret(target.secret_encrypted)!, body),
        },
        body,
      })
      const answer = await response.text()
      const text = answer.slice(0, 1000)
      if (response.ok) {
        await record({
          status: 'delivered',
          response_status: response.status,
          response_body: text,
          error: null,
          delivered_at: new Date(),
        })
        return
      }
      await record({
        status: lastAttempt ? 'failed' : 'pending',
        response_status: response.status,
        response_body: text,
        error:
          response.status >= 300 && response.status < 400
            ? `HTTP ${response.status} (redirects are not followed)`
            : `HTTP ${response.status}`,
      })
      throw new Error(`webhook answered ${response.status}`)
    } catch (error) {
      if ((error as Error).message.startsWith('webhook answered')) throw error
      const refusal = outboundRefusal(error)
      if (refusal) {
        // Not retried: the address will not become acceptable by waiting.
        await record({ status: 'failed', error: `Refused: the URL ${refusal.reason}` })
        return
      }
      await record({
        status: lastAttempt ? 'failed' : 'pending',
        error: String((error as Error).message).slice(0, 500),
      })
      throw error
    }
  },
}
