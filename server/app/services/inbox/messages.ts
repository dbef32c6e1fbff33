import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import type Conversation from '#models/conversation'
import Member from '#models/member'
import Message, { type MessageType } from '#models/message'
import type Attachment from '#models/attachment'
import { attachUploads, attachmentsOfMessage } from '#services/attachments'
import type { SessionTenancy } from '#services/tenancy'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import {
  ConversationTransformer,
  LastMessageTransformer,
  MessageTransformer,
} from '#transformers/inbox_transformers'
import { UUID_PATTERN } from '#validators/rules'
import { recordEvent } from '#services/outbox'
import type { sendMessageValidator } from '#validators/inbox'
import { advanceReadMark } from '#services/inbox/read_marks'
import { place, refOf, type InboxActor, type Place } from '#services/inbox/actor'
import { shownLastMessage } from '#services/inbox/queries'
import { lastMessageOf } from '#services/inbox/page_sql'
import { actOnConsentWords } from '#services/campaigns/consent'

const conversationChannel = (t: Place, id: string) =>
  channelNames.conversation(t.tenantId, t.workspaceId, id)

/**
 * Messages of a conversation: written (by members, visitors or a channel), edited, deleted, with
 * their history; typing. Each runs in the request's transaction and records domain events.
 */

/**
 * Stores a message written by the acting member (outbound, or internal for notes) or visitor
 * (inbound) and moves the conversation forward.
 */
export async function appendMessage(
  tenancy: InboxActor,
  conversation: Conversation,
  input: {
    body: string
    type: MessageType
    idempotencyKey?: string
    attachmentIds?: string[]
    /** Members to notify of a mention (of the workspace, the author left out). */
    mentions?: string[]
    /** From a channel: its id, its time (which also orders the thread), its details. */
    external?: { id: string; at: DateTime; metadata: Record<string, unknown>; fromMe?: boolean }
  }
) {
  const { trx, tenantId, workspaceId, memberId } = tenancy
  const external = input.external
  // Sent from the number's own phone: outbound, by nobody in Parley.
  const fromVisitor = !memberId && !external?.fromMe
  const message = await Message.create(
    {
      // Time-ordered ids follow the channel's clock, so a late delivery sorts where it belongs.
      ...(external
        ? { id: uuidv7({ msecs: external.at.toMillis() }), createdAt: external.at }
        : {}),
      tenantId,
      workspaceId,
      conversationId: conversation.id,
      direction: fromVisitor
        ? 'inbound'
        : input.type === 'note' || conversation.channel === 'internal'
          ? 'internal'
          : 'outbound',
      type: input.type,
      authorMemberId: memberId ?? null,
      authorContactId: fromVisitor ? tenancy.contactId! : null,
      body: input.body,
      // Web and internal messages are delivered by being stored; what members send through a
      // provider (WhatsApp) starts pending and moves on as the provider acknowledges.
      status:
        conversation.channel === 'whatsapp' && memberId && input.type === 'text'
          ? 'pending'
          : external
            ? 'delivered'
            : 'sent',
      failureReason: null,
      idempotencyKey: input.idempotencyKey ?? null,
      externalId: external?.id ?? null,
      // Who a note mentions counts it as unread for them (read_marks.ts).
      metadata: external?.metadata ?? (input.mentions?.length ? { mentions: input.mentions } : {}),
    },
    { client: trx }
  )
  const attachments = await attachUploads(tenancy, message.id, input.attachmentIds ?? [])
  if (message.createdAt >= conversation.lastMessageAt) {
    conversation.merge({ lastMessageAt: message.createdAt, lastMessageId: message.id })
  }
  conversation.updatedAt = DateTime.now()
  await conversation.useTransaction(trx).save()
  // The author has read what they wrote (no need to look the message up, as markRead does).
  if (memberId) await advanceReadMark(tenancy as SessionTenancy, conversation.id, message.id)
  // Listeners publish it, hand it to webhooks (never notes) and send what is pending.
  await recordEvent(trx, 'message:created', {
    ...place(tenancy),
    conversation: refOf(conversation),
    message: MessageTransformer.transform(message, attachments),
    mentions: input.mentions ?? [],
    byMemberId: memberId ?? null,
  })
  // A contact's message that is only STOP, BAJA, START… opts them out or in, answered once.
  const consent = fromVisitor ? await actOnConsentWords(tenancy, conversation, message) : null
  return { message, attachments, consent }
}

/**
 * Sends a message. With an idempotency key, a retried send returns the message the first one
 * stored (`created: false`) instead of storing it twice, even when both race.
 */
export async function sendMessage(
  tenancy: InboxActor,
  conversation: Conversation,
  payload: Infer<typeof sendMessageValidator>
): Promise<{ message: Message; attachments: Attachment[]; created: boolean }> {
  const attachmentIds = payload.attachmentIds ?? []
  if (!payload.body && attachmentIds.length === 0) {
    throw ApiError.validation([{ field: 'body', message: 'Write something or attach a file' }])
  }
  const replay = async (message: Message) => ({
    message,
    attachments: await attachmentsOfMessage(tenancy.trx, tenancy.tenantId, message.id),
    created: false,
  })
  const existing = async () =>
    payload.idempotencyKey
      ? Message.query({ client: tenancy.trx })
          .where('tenant_id', tenancy.tenantId)
          .where('conversation_id', conversation.id)
          .where('idempotency_key', payload.idempotencyKey)
          .first()
      : null
  const earlier = await existing()
  if (earlier) return replay(earlier)
  const mentioned = await mentionedMembers(tenancy, payload.mentions ?? [])
  // Only a key can collide (the unique index on it): without one there is nothing to roll back to.
  const keyed = Boolean(payload.idempotencyKey)
  try {
    if (keyed) await tenancy.trx.rawQuery('savepoint send_message')
    const { message, attachments } = await appendMessage(tenancy, conversation, {
      body: payload.body ?? '',
      type: payload.type ?? 'text',
      idempotencyKey: payload.idempotencyKey,
      attachmentIds,
      mentions: mentioned.map((member) => member.id),
    })
    await announceLastMessage(
      tenancy,
      conversation,
      conversation.lastMessageId === message.id
        ? LastMessageTransformer.transform(lastMessageOf(message, attachments))
        : undefined
    )
    return { message, attachments, created: true }
  } catch (error) {
    // A concurrent send with the same key won the unique index: answer with its message.
    if (!keyed || (error as { code?: string }).code !== '23505') throw error
    await tenancy.trx.rawQuery('rollback to savepoint send_message')
    const winner = await existing()
    if (!winner) throw error
    return replay(winner)
  }
}

/**
 * `conversation.updated` for the inbox list when its last message changed (sent, edited,
 * deleted): the row's preview and unread count follow it. Webhooks skip these (`message`).
 * `lastMessage`, when the caller has it, saves reading it back.
 */
async function announceLastMessage(
  tenancy: InboxActor,
  conversation: Conversation,
  lastMessage?: ReturnType<typeof LastMessageTransformer.transform>
) {
  await recordEvent(tenancy.trx, 'conversation:updated', {
    ...place(tenancy),
    conversation: ConversationTransformer.transform(conversation),
    lastMessage: lastMessage ?? (await shownLastMessage(tenancy, conversation)),
    cause: 'message',
  })
}

/** The mentioned members, all of this workspace (anyone else is a validation error). */
async function mentionedMembers(tenancy: InboxActor, ids: string[]) {
  if (!ids.length) return []
  const members = await Member.query({ client: tenancy.trx })
    .where('workspace_id', tenancy.workspaceId)
    .whereIn('id', ids)
  if (members.length !== ids.length) {
    throw ApiError.validation([
      { field: 'mentions', message: 'Mention members of this workspace only' },
    ])
  }
  return members.filter((m) => m.id !== tenancy.memberId)
}

/** Tells the conversation's readers (and, for a member in a web chat, its visitor). */
export async function announceTyping(tenancy: InboxActor, conversation: Conversation) {
  const at = new Date().toISOString()
  const who = tenancy.memberId ? { memberId: tenancy.memberId } : { contactId: tenancy.contactId }
  await publish(conversationChannel(tenancy, conversation.id), 'typing', { ...who, at })
  if (conversation.channel === 'web' && conversation.contactId && tenancy.memberId) {
    const visitor = channelNames.contact(
      tenancy.tenantId,
      tenancy.workspaceId,
      conversation.contactId
    )
    await publish(visitor, 'typing', { conversationId: conversation.id, at })
  }
}

export async function findMessage(tenancy: SessionTenancy, conversation: Conversation, id: string) {
  const message = UUID_PATTERN.test(id)
    ? await Message.query({ client: tenancy.trx })
        .where('tenant_id', tenancy.tenantId)
        .where('conversation_id', conversation.id)
        .where('id', id)
        .first()
    : null
  if (!message) throw ApiError.notFound('Message')
  return message
}

/** Authors edit and delete their own messages; admins and owners anyone's. */
/** Who may change it is MessagePolicy's question; a deleted message cannot change again. */
function assertNotDeleted(message: Message) {
  if (message.deletedAt) throw new ApiError('CONFLICT', 'This message was deleted')
}

/** `message.updated` to the conversation's readers, and to its visitor unless it is a note. */
function announceUpdate(
  tenancy: InboxActor,
  conversation: Conversation,
  shown: ReturnType<typeof MessageTransformer.transform>
) {
  return recordEvent(tenancy.trx, 'message:updated', {
    ...place(tenancy),
    conversation: refOf(conversation),
    message: shown,
  })
}

/** Keeps the words a message had before a change (edit history). */
async function keepRevision(tenancy: SessionTenancy, message: Message) {
  await tenancy.trx.table('message_revisions').insert({
    tenant_id: tenancy.tenantId,
    workspace_id: tenancy.workspaceId,
    id: uuidv7(),
    message_id: message.id,
    body: message.body,
    editor_member_id: tenancy.memberId,
  })
}

export async function editMessage(
  tenancy: SessionTenancy,
  conversation: Conversation,
  message: Message,
  body: string
) {
  assertNotDeleted(message)
  if (body === message.body) {
    const attachments = await attachmentsOfMessage(tenancy.trx, tenancy.tenantId, message.id)
    return MessageTransformer.transform(message, attachments)
  }
  await keepRevision(tenancy, message)
  message.merge({ body, editedAt: DateTime.now() })
  await message.useTransaction(tenancy.trx).save()
  const attachments = await attachmentsOfMessage(tenancy.trx, tenancy.tenantId, message.id)
  const shown = MessageTransformer.transform(message, attachments)
  await announceUpdate(tenancy, conversation, shown)
  if (message.id === conversation.lastMessageId) await announceLastMessage(tenancy, conversation)
  return shown
}

export async function deleteMessage(
  tenancy: SessionTenancy,
  conversation: Conversation,
  message: Message
) {
  assertNotDeleted(message)
  await keepRevision(tenancy, message)
  message.merge({ deletedAt: DateTime.now() })
  await message.useTransaction(tenancy.trx).save()
  await announceUpdate(tenancy, conversation, MessageTransformer.transform(message))
  if (message.id === conversation.lastMessageId) await announceLastMessage(tenancy, conversation)
}

export async function messageRevisions(tenancy: SessionTenancy, message: Message) {
  const rows = await tenancy.trx
    .from('message_revisions')
    .where('tenant_id', tenancy.tenantId)
    .where('message_id', message.id)
    .orderBy('id', 'asc')
    .select('id', 'body', 'editor_member_id', 'created_at')
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    editorMemberId: r.editor_member_id,
    createdAt: new Date(r.created_at).toISOString(),
  }))
}
