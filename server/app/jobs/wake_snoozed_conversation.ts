import { DateTime } from 'luxon'
import Conversation from '#models/conversation'
import { withTenant } from '#services/tenant_context'
import { recordEvent } from '#services/outbox'
import { ConversationTransformer } from '#transformers/inbox_transformers'
import { dispatch, type JobDefinition } from '#services/queues'

export interface WakeSnoozedConversationPayload {
  tenantId: string
  workspaceId: string
  conversationId: string
  /** The snooze this job was scheduled for (ISO); a later re-snooze makes this job a no-op. */
  snoozedUntil: string
}

/** Reopens a snoozed conversation at its time, unless it was re-snoozed or woken meanwhile. */
export const WakeSnoozedConversation: JobDefinition<WakeSnoozedConversationPayload> = {
  queue: 'inbox',
  name: 'wake-snoozed-conversation',
  async handle(payload) {
    await withTenant(
      { tenantId: payload.tenantId, workspaceId: payload.workspaceId },
      async (trx) => {
        const conversation = await Conversation.query({ client: trx })
          .where('tenant_id', payload.tenantId)
          .where('id', payload.conversationId)
          .forUpdate()
          .first()
        const due =
          conversation?.snoozedUntil?.toMillis() ===
          DateTime.fromISO(payload.snoozedUntil).toMillis()
        if (!conversation || conversation.status !== 'snoozed' || !due) return
        conversation.merge({ status: 'open', snoozedUntil: null })
        await conversation.useTransaction(trx).save()
        await recordEvent(trx, 'conversation:updated', {
          tenantId: payload.tenantId,
          workspaceId: payload.workspaceId,
          conversation: ConversationTransformer.transform(conversation),
          cause: 'change',
        })
      }
    )
  },
}

/** Schedules the wake-up; the id makes scheduling the same snooze twice a no-op. */
export function scheduleWake(target: {
  tenantId: string
  workspaceId: string
  conversationId: string
  snoozedUntil: DateTime
}) {
  const at = target.snoozedUntil
  return dispatch(
    WakeSnoozedConversation,
    {
      tenantId: target.tenantId,
      workspaceId: target.workspaceId,
      conversationId: target.conversationId,
      snoozedUntil: at.toUTC().toISO()!,
    },
    {
      jobId: `wake-${target.conversationId}-${at.toMillis()}`,
      delay: Math.max(0, at.toMillis() - Date.now()),
    }
  )
}
