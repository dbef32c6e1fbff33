import type { EventsList } from '@adonisjs/core/types'
import { channelNames } from '#services/realtime/channels'
import { publishOnce } from '#services/realtime/publisher'
import type { ConversationRef } from '#events/domain_events'
import { chatMessageForFeed } from '#services/web_chat'

type In = { tenantId: string; workspaceId: string }

/** A web conversation's public feed for its visitor (no notes), if it has one. */
const visitorChannel = (scope: In, conversation: ConversationRef) =>
  conversation.channel === 'web' && conversation.contactId
    ? channelNames.contact(scope.tenantId, scope.workspaceId, conversation.contactId)
    : null

/** A conversation's event to its workspace's inbox list, with its last message for the row. */
function publishToInbox(
  event: EventsList['conversation:created'] | EventsList['conversation:updated'],
  type: 'conversation.created' | 'conversation.updated'
) {
  const channel = channelNames.inbox(event.tenantId, event.workspaceId)
  const { conversation, lastMessage } = event
  const data = lastMessage === undefined ? conversation : { ...conversation, lastMessage }
  return publishOnce(event.eventId, channel, type, data)
}

/** A message's event to its conversation's thread, and to its visitor unless it is a note. */
async function publishToThread(
  event: EventsList['message:created'] | EventsList['message:updated'],
  type: 'message.created' | 'message.updated'
) {
  const { tenantId, workspaceId, conversation, message } = event
  const thread = channelNames.conversation(tenantId, workspaceId, conversation.id)
  await publishOnce(event.eventId, thread, type, message)
  const visitor = visitorChannel(event, conversation)
  // The visitor's shape: the author's name and picture, nothing else of the member.
  if (visitor && message.type !== 'note') {
    await publishOnce(event.eventId, visitor, type, await chatMessageForFeed(event, message))
  }
}

/**
 * The inbox's domain events, on the realtime channels of the public contract: the inbox list,
 * each conversation's thread, a web visitor's own feed (never notes), members' notifications.
 */
export default class PublishInboxEvents {
  async conversationCreated(event: EventsList['conversation:created']) {
    await publishToInbox(event, 'conversation.created')
  }

  async conversationUpdated(event: EventsList['conversation:updated']) {
    await publishToInbox(event, 'conversation.updated')
  }

  async messageCreated(event: EventsList['message:created']) {
    const { tenantId, workspaceId, conversation, message } = event
    await publishToThread(event, 'message.created')
    for (const memberId of event.mentions) {
      await publishOnce(
        event.eventId,
        channelNames.member(tenantId, workspaceId, memberId),
        'notification',
        {
          kind: 'mention',
          conversationId: conversation.id,
          messageId: message.id,
          byMemberId: event.byMemberId,
          excerpt: message.body.slice(0, 140),
        }
      )
    }
  }

  async messageUpdated(event: EventsList['message:updated']) {
    await publishToThread(event, 'message.updated')
  }

  async conversationRead(event: EventsList['conversation:read']) {
    const who = event.memberId ? { memberId: event.memberId } : { contactId: event.contactId }
    await publishOnce(
      event.eventId,
      channelNames.conversation(event.tenantId, event.workspaceId, event.conversationId),
      'read',
      { ...who, upTo: event.upTo }
    )
  }
}
