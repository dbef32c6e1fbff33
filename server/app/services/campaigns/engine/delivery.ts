import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Attachment from '#models/attachment'
import type Contact from '#models/contact'
import Conversation from '#models/conversation'
import Message from '#models/message'
import { recordEvent } from '#services/outbox'
import { place, refOf, type InboxActor } from '#services/inbox/actor'
import { announceConversation } from '#services/inbox/conversations'
import { shownLastMessage } from '#services/inbox/queries'
import { ConversationTransformer, MessageTransformer } from '#transformers/inbox_transformers'

/**
 * A campaign message in the inbox: an outbound message of the workspace (no member wrote it, the
 * team is its author), in the contact's conversation, recorded with the same events as any reply
 * (`message:created`, `conversation:created|updated`). So on WhatsApp it starts `pending` and the
 * existing listener hands it to its number's queue (typing, pacing, warm-up, daily cap), and on
 * the web it is `sent` and reaches an open chat live through the contact's channel.
 */

type Scope = { trx: TransactionClientContract; tenantId: string; workspaceId: string }

/**
 * The contact's WhatsApp conversation through `numberId` that is not closed (as an inbound message
 * would find it), or a new one. A new one starts resolved: a campaign does not fill the team's open
 * inbox; the contact's reply reopens it (whatsapp/receive.ts).
 */
export async function whatsappConversationFor(scope: Scope, contact: Contact, numberId: string) {
  const found = await Conversation.scoped(scope)
    .where('contact_id', contact.id)
    .where('channel', 'whatsapp')
    .where('whatsapp_number_id', numberId)
    .whereNot('status', 'closed')
    .orderBy('last_message_at', 'desc')
    .first()
  if (found) return { conversation: found, created: false }
  const conversation = await Conversation.create(
    {
      tenantId: scope.tenantId,
      workspaceId: scope.workspaceId,
      contactId: contact.id,
      channel: 'whatsapp',
      whatsappNumberId: numberId,
      status: 'resolved',
      priority: 'normal',
      assigneeId: null,
      tags: [],
      subject: null,
      lastMessageAt: DateTime.now(),
    },
    { client: scope.trx }
  )
  return { conversation, created: true }
}

/** Each contact's most recent web conversation (web campaigns go there; none: unreachable). */
export async function webConversationsOf(scope: Scope, contactIds: string[]) {
  const rows = contactIds.length
    ? await Conversation.scoped(scope)
        .whereIn('contact_id', contactIds)
        .where('channel', 'web')
        .orderBy('last_message_at', 'desc')
    : []
  const latest = new Map<string, Conversation>()
  for (const row of rows) if (!latest.has(row.contactId!)) latest.set(row.contactId!, row)
  return latest
}

/**
 * The message's own attachment row for the campaign's upload: the same stored file (bytes are
 * never copied), so the inbox, the web chat and the WhatsApp sender read it as they read an
 * agent's attachment. The upload itself stays unattached, held by the campaign until it ends
 * (purgeUnsentUploads), and a file shared like this is never deleted while a row points at it.
 */
function attachTo(trx: TransactionClientContract, messageId: string, upload: Attachment) {
  return Attachment.create(
    {
      id: uuidv7(),
      tenantId: upload.tenantId,
      workspaceId: upload.workspaceId,
      messageId,
      uploaderMemberId: upload.uploaderMemberId,
      uploaderContactId: null,
      name: upload.name,
      mimeType: upload.mimeType,
      kind: upload.kind,
      sizeBytes: upload.sizeBytes,
      storageKey: upload.storageKey,
    },
    { client: trx }
  )
}

/** Stores the campaign's message in the conversation and records its events. */
export async function appendCampaignMessage(
  scope: Scope,
  input: {
    conversation: Conversation
    contact: Contact
    /** The conversation was created for this message (announced as created). */
    created: boolean
    body: string
    campaignId: string
    /** The variant's upload, sent with the message. */
    attachment?: Attachment | null
  }
) {
  const { trx, tenantId, workspaceId } = scope
  const { conversation } = input
  const actor: InboxActor = { trx, tenantId, workspaceId }
  const message = await Message.create(
    {
      tenantId,
      workspaceId,
      conversationId: conversation.id,
      direction: 'outbound',
      type: 'text',
      authorMemberId: null,
      authorContactId: null,
      body: input.body,
      status: conversation.channel === 'whatsapp' ? 'pending' : 'sent',
      failureReason: null,
      idempotencyKey: null,
      externalId: null,
      campaignId: input.campaignId,
      metadata: {},
    },
    { client: trx }
  )
  const attachments = input.attachment ? [await attachTo(trx, message.id, input.attachment)] : []
  conversation.merge({
    lastMessageAt: message.createdAt,
    lastMessageId: message.id,
    updatedAt: DateTime.now(),
  })
  await conversation.useTransaction(trx).save()
  await recordEvent(trx, 'message:created', {
    ...place(actor),
    conversation: refOf(conversation),
    message: MessageTransformer.transform(message, attachments),
    mentions: [],
    byMemberId: null,
  })
  if (input.created) {
    await announceConversation(actor, conversation, input.contact, true)
  } else {
    await recordEvent(trx, 'conversation:updated', {
      ...place(actor),
      conversation: ConversationTransformer.transform(conversation),
      lastMessage: await shownLastMessage(actor, conversation),
      cause: 'message',
    })
  }
  return message
}
