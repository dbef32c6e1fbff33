import { DateTime } from 'luxon'
import Conversation from '#models/conversation'
import { withTenant } from '#services/tenant_context'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
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
    const woken = await withTenant(
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
        if (!conversation || conversation.status !== 'snoozed' || !due) return null
        conversation.merge({ status: 'open', snoozedUntil: null })
        await conversation.useTransaction(trx).save()
        return conversation
      }
    )
    if (woken) {
      await publish(
        channelNames.inbox(payload.tenantId, payload.workspaceId),
        'conversation.updated',
        ConversationTransformer.transform(woken)
      )
    }
  },
}

/** Schedules the wake-up; the id makes scheduling the same snooze twice a no-op. */
export function scheduleWake(conversation: Conversation) {
  const at = conversation.snoozedUntil!
  return dispatch(
    WakeSnoozedConversation,
    {
      tenantId: conversation.tenantId,
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      snoozedUntil: at.toUTC().toISO()!,
    },
    {
      jobId: `wake-${conversation.id}-${at.toMillis()}`,
      delay: Math.max(0, at.toMillis() - Date.now()),
    }
  )
}
