import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { enqueueWhatsAppSend } from '#services/whatsapp/outbound'

/** How to queue each kind of work again, given by the caller (services never import jobs). */
export interface RequeueTargets {
  deliverWebhook: (ref: {
    tenantId: string
    workspaceId: string
    deliveryId: string
  }) => Promise<void>
  wakeSnoozedConversation: (ref: {
    tenantId: string
    workspaceId: string
    conversationId: string
    at: DateTime
  }) => Promise<void>
}

const LIMIT = 10_000

/**
 * Queues again the work PostgreSQL says is still to do, for when Redis lost its queues (a
 * restart without persistence): pending webhook deliveries, pending WhatsApp sends, snoozed
 * conversations' wake-ups. Every job id is the one first used, so work still queued is not
 * queued twice, and each job checks its row before acting (a delivered webhook is never sent
 * again). Runs when workers start and when their Redis comes back after a loss. Reads every
 * tenant as the operator.
 */
export async function requeueLostJobs(targets: RequeueTargets, olderThanMs = 5000) {
  const operator = db.connection('relay')
  const before = new Date(Date.now() - olderThanMs)
  const deliveries = await operator
    .from('webhook_deliveries')
    .where('status', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(LIMIT)
    .select('tenant_id', 'workspace_id', 'id')
  for (const d of deliveries) {
    await targets.deliverWebhook({
      tenantId: d.tenant_id,
      workspaceId: d.workspace_id,
      deliveryId: d.id,
    })
  }
  const sends = await operator
    .from('messages as m')
    .join('conversations as c', (j) =>
      j.on('c.tenant_id', 'm.tenant_id').andOn('c.id', 'm.conversation_id')
    )
    .where('m.status', 'pending')
    .where('m.created_at', '<', before)
    .whereNotNull('c.whatsapp_number_id')
    .orderBy('m.created_at')
    .limit(LIMIT)
    .select('m.tenant_id', 'm.workspace_id', 'm.id', 'c.whatsapp_number_id')
  for (const m of sends) {
    await enqueueWhatsAppSend({
      tenantId: m.tenant_id,
      workspaceId: m.workspace_id,
      numberId: m.whatsapp_number_id,
      messageId: m.id,
    })
  }
  const snoozed = await operator
    .from('conversations')
    .where('status', 'snoozed')
    .whereNotNull('snoozed_until')
    .limit(LIMIT)
    .select('tenant_id', 'workspace_id', 'id', 'snoozed_until')
  for (const c of snoozed) {
    await targets.wakeSnoozedConversation({
      tenantId: c.tenant_id,
      workspaceId: c.workspace_id,
      conversationId: c.id,
      at: DateTime.fromJSDate(new Date(c.snoozed_until)),
    })
  }
  const total = deliveries.length + sends.length + snoozed.length
  if (total) {
    logger.info(
      { deliveries: deliveries.length, sends: sends.length, snoozed: snoozed.length },
      'queued again the work still to do'
    )
  }
  return total
}
