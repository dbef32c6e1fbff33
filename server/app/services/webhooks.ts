import { createHmac, randomBytes } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import encryption from '@adonisjs/core/services/encryption'
import { withTenant, type Scope } from '#services/tenant_context'
import { dispatch } from '#services/queues'
import { DeliverWebhook } from '#jobs/deliver_webhook'

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'conversation.created',
  'conversation.updated',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`
export const sealSecret = (secret: string) => encryption.encrypt(secret)
export const openSecret = (sealed: string) => encryption.decrypt<string>(sealed)

/**
 * `Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. Receivers check
 * the HMAC with their secret and refuse timestamps older than a few minutes (replays).
 */
export function signature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${digest}`
}

/** Records a delivery for every active webhook of the workspace that wants `type`, and queues it. */
export async function enqueueWebhooks(scope: Required<Scope>, type: WebhookEvent, data: unknown) {
  const deliveries = await withTenant(scope, async (trx) => {
    const hooks = await trx
      .from('webhooks')
      .where('tenant_id', scope.tenantId)
      .where('workspace_id', scope.workspaceId!)
      .where('active', true)
      .whereRaw('? = any(events)', [type])
      .select('id')
    const rows = hooks.map((hook) => ({
      tenant_id: scope.tenantId,
      workspace_id: scope.workspaceId,
      id: uuidv7(),
      webhook_id: hook.id,
      event_type: type,
      payload: JSON.stringify({ id: uuidv7(), type, createdAt: new Date().toISOString(), data }),
    }))
    if (rows.length) await trx.table('webhook_deliveries').insert(rows)
    return rows
  })
  for (const delivery of deliveries) {
    await dispatch(
      DeliverWebhook,
      { tenantId: scope.tenantId, workspaceId: scope.workspaceId!, deliveryId: delivery.id },
      { jobId: `webhook-${delivery.id}`, attempts: 6 }
    )
  }
}
