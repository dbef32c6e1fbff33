import type { EventsList } from '@adonisjs/core/types'
import { DateTime } from 'luxon'
import { withTenant } from '#services/tenant_context'
import { recipientAnswered } from '#services/campaigns/classify_reply'
import ClassifyCampaignReply from '#jobs/classify_campaign_reply'

/**
 * An inbound message in a conversation a campaign message went to (within the reply window):
 * its classification is queued. Most inbound messages answer no campaign; one indexed lookup.
 */
export default class ClassifyCampaignReplies {
  async messageCreated(event: EventsList['message:created']) {
    const { conversation, message } = event
    if (message.direction !== 'inbound' || !conversation.contactId) return
    if (!message.body?.trim()) return
    const scope = { tenantId: event.tenantId, workspaceId: event.workspaceId }
    const recipient = await withTenant(scope, (trx) =>
      recipientAnswered(trx, {
        tenantId: event.tenantId,
        conversationId: conversation.id,
        contactId: conversation.contactId!,
        at: DateTime.fromISO(message.createdAt ?? event.occurredAt),
      })
    )
    if (!recipient) return
    await ClassifyCampaignReply.queueFor({
      ...scope,
      recipientId: recipient.id,
      messageId: message.id,
    })
  }
}
