import type { EventsList } from '@adonisjs/core/types'
import { DateTime } from 'luxon'
import { enqueueWhatsAppSend } from '#services/whatsapp/outbound'
import WakeSnoozedConversation from '#jobs/wake_snoozed_conversation'
import { dispatch } from '#services/queues'
import PrepareRecording from '#jobs/prepare_recording'

/**
 * Work that events start in the background: a member's WhatsApp message goes out through its
 * number's queue, a snoozed conversation wakes at its time, an uploaded recording is prepared.
 * Each job's id comes from what it does, so an event relayed twice queues it once.
 */
export default class QueueSideJobs {
  async sendWhatsApp(event: EventsList['message:created']) {
    const { conversation, message } = event
    if (conversation.channel !== 'whatsapp' || !conversation.whatsappNumberId) return
    if (message.status !== 'pending') return
    await enqueueWhatsAppSend({
      tenantId: event.tenantId,
      workspaceId: event.workspaceId,
      numberId: conversation.whatsappNumberId,
      messageId: message.id,
    })
  }

  async wakeSnoozed(event: EventsList['conversation:updated']) {
    const { conversation } = event
    if (conversation.status !== 'snoozed' || !conversation.snoozedUntil) return
    // One wake-up per conversation and time, however often the event is relayed.
    await WakeSnoozedConversation.schedule({
      tenantId: event.tenantId,
      workspaceId: event.workspaceId,
      conversationId: conversation.id,
      at: DateTime.fromISO(conversation.snoozedUntil),
    })
  }

  async prepareRecording(event: EventsList['recording:queued']) {
    const { tenantId, workspaceId, recordingId } = event
    await dispatch(
      PrepareRecording,
      { tenantId, workspaceId, recordingId },
      { jobId: `rec-${recordingId}-prepare` }
    )
  }
}
