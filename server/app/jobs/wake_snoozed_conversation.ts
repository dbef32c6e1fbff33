import { DateTime } from 'luxon'
import Conversation from '#models/conversation'
import { withTenant } from '#services/tenant_context'
import { recordEvent } from '#services/outbox'
import { ConversationTransformer } from '#transformers/inbox_transformers'
import { dispatch } from '#services/queues'
import { Job } from '#jobs/job'

export interface WakeSnoozedConversationPayload {
  tenantId: string
  workspaceId: string
  conversationId: string
  /** The snooze this job was scheduled for (ISO); a later re-snooze makes this job a no-op. */
  snoozedUntil: string
}

/**
 * Reopens a snoozed conversation at its time, unless it was re-snoozed or woken meanwhile.
 * Queued (delayed until then) by the QueueSideJobs listener when a conversation is snoozed; its
 * id names the conversation and the time, so scheduling the same snooze twice queues it once.
 */
export default class WakeSnoozedConversation extends Job<WakeSnoozedConversationPayload> {
  static queue = 'inbox'
  static jobName = 'wake-snoozed-conversation'

  /** Queues the wake-up, delayed until its time; once per conversation and time. */
  static schedule(target: Omit<WakeSnoozedConversationPayload, 'snoozedUntil'> & { at: DateTime }) {
    const { at, ...ref } = target
    return dispatch(
      WakeSnoozedConversation,
      { ...ref, snoozedUntil: at.toUTC().toISO()! },
      {
        jobId: `wake-${ref.conversationId}-${at.toMillis()}`,
        delay: Math.max(0, at.toMillis() - Date.now()),
      }
    )
  }

  async handle(payload: WakeSnoozedConversationPayload) {
    await withTenant(payload, async (trx) => {
      const conversation = await Conversation.scoped({ trx, ...payload })
        .where('id', payload.conversationId)
        .forUpdate()
        .first()
      const due =
        conversation?.snoozedUntil?.toMillis() === DateTime.fromISO(payload.snoozedUntil).toMillis()
      if (!conversation || conversation.status !== 'snoozed' || !due) return
      conversation.merge({ status: 'open', snoozedUntil: null })
      await conversation.useTransaction(trx).save()
      await recordEvent(trx, 'conversation:updated', {
        tenantId: payload.tenantId,
        workspaceId: payload.workspaceId,
        conversation: ConversationTransformer.transform(conversation),
        cause: 'change',
      })
    })
  }
}
