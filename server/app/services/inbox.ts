import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import Conversation from '#models/conversation'
import Member from '#models/member'
import Message, { type MessageType } from '#models/message'
import WhatsAppNumber from '#models/whatsapp_number'
import type Attachment from '#models/attachment'
import { attachUploads, attachmentsOfMessage } from '#services/attachments'
import type { SessionTenancy } from '#services/tenancy'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { ConversationTransformer, MessageTransformer } from '#transformers/inbox_transformers'
import { UUID_PATTERN } from '#validators/rules'
import { recordEvent } from '#services/outbox'
import type { ConversationRef } from '#events/domain_events'
import type {
  bulkConversationsValidator,
  createConversationValidator,
  sendMessageValidator,
  updateConversationValidator,
} from '#validators/inbox'

/**
 * The inbox's use cases. Each runs in the request's transaction (already scoped to the session's
 * tenant and workspace) and announces what happened only once it has committed.
 */

/**
 * Who acts: a member (session) or a web chat visitor (its contact), in the request's
 * transaction. Both SessionTenancy and VisitorTenancy are one.
 */
export interface InboxActor {
  trx: TransactionClientContract
  tenantId: string
  workspaceId: string
  memberId?: string
  contactId?: string
}

type Place = Pick<InboxActor, 'tenantId' | 'workspaceId'>
const conversationChannel = (t: Place, id: string) =>
  channelNames.conversation(t.tenantId, t.workspaceId, id)
const place = (t: Place) => ({ tenantId: t.tenantId, workspaceId: t.workspaceId })

/** What listeners need of a conversation to route its message's events. */
const refOf = (c: Conversation): ConversationRef => ({
  id: c.id,
  channel: c.channel,
  contactId: c.contactId,
  whatsappNumberId: c.whatsappNumberId,
})

export async function findConversation(tenancy: SessionTenancy, id: string) {
  const conversation = UUID_PATTERN.test(id)
    ? await Conversation.query({ client: tenancy.trx })
        .where('tenant_id', tenancy.tenantId)
        .where('workspace_id', tenancy.workspaceId)
        .where('id', id)
        .first()
    : null
  if (!conversation) throw ApiError.notFound('Conversation')
  return conversation
}

async function findOrCreateContact(
  tenancy: SessionTenancy,
  input: NonNullable<Infer<typeof createConversationValidator>['contact']>
) {
  const { trx, tenantId, workspaceId } = tenancy
  const scoped = () =>
    Contact.query({ client: trx }).where('tenant_id', tenantId).where('workspace_id', workspaceId)
  if (input.id) {
    const contact = await scoped().where('id', input.id).first()
    if (!contact) throw ApiError.validation([{ field: 'contact.id', message: 'No such contact' }])
    return contact
  }
  if (!input.phone && !input.email) {
    throw ApiError.validation([
      { field: 'contact', message: 'Give the contact an id, a phone or an email' },
    ])
  }
  const existing = input.phone
    ? await scoped().where('phone', input.phone).first()
    : await scoped().whereRaw('lower(email) = lower(?)', [input.email!]).first()
  if (existing) return existing
  return Contact.create(
    {
      tenantId,
      workspaceId,
      name: input.name ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      attributes: {},
      tags: [],
      blocked: false,
    },
    { client: trx }
  )
}

export async function startConversation(
  tenancy: SessionTenancy,
  payload: Infer<typeof createConversationValidator>
) {
  const contact =
    payload.channel === 'internal' && !payload.contact
      ? null
      : await findOrCreateContact(tenancy, payload.contact ?? {})
  if (contact?.blocked) throw ApiError.forbidden('This contact is blocked')
  const whatsappNumberId =
    payload.channel === 'whatsapp'
      ? await sendingNumber(tenancy, contact, payload.whatsappNumberId)
      : null
  return openConversation(tenancy, {
    contact,
    channel: payload.channel,
    subject: payload.subject,
    body: payload.body,
    whatsappNumberId,
  })
}

/** The number a new WhatsApp conversation goes out through: the one named, or the only open one. */
async function sendingNumber(tenancy: SessionTenancy, contact: Contact | null, named?: string) {
  if (!contact?.phone) {
    throw ApiError.validation([
      { field: 'contact.phone', message: 'WhatsApp needs the contact’s phone' },
    ])
  }
  const numbers = await WhatsAppNumber.query({ client: tenancy.trx })
    .where('tenant_id', tenancy.tenantId)
    .where('workspace_id', tenancy.workspaceId)
    .if(
      named,
      (q) => q.where('id', named!),
      (q) => q.where('status', 'open')
    )
  if (numbers.length === 1) return numbers[0].id
  throw ApiError.validation([
    {
      field: 'whatsappNumberId',
      message: named
        ? 'No such WhatsApp number in this workspace'
        : 'Name the WhatsApp number to write from (this workspace has none open, or several)',
    },
  ])
}

/**
 * Creates a conversation with its first message (from the acting member or visitor) and
 * announces it to the inbox and the webhooks.
 */
export async function openConversation(
  tenancy: InboxActor,
  input: {
    contact: Contact | null
    channel: Conversation['channel']
    subject?: string
    body?: string
    attachmentIds?: string[]
    whatsappNumberId?: string | null
  }
) {
  const { trx, tenantId, workspaceId } = tenancy
  const conversation = await Conversation.create(
    {
      tenantId,
      workspaceId,
      contactId: input.contact?.id ?? null,
      channel: input.channel,
      whatsappNumberId: input.whatsappNumberId ?? null,
      status: 'open',
      priority: 'normal',
      assigneeId: null,
      tags: [],
      subject: input.subject ?? null,
      lastMessageAt: DateTime.now(),
    },
    { client: trx }
  )
  const { message, attachments } = await appendMessage(tenancy, conversation, {
    body: input.body ?? '',
    type: 'text',
    attachmentIds: input.attachmentIds,
  })
  await announceConversation(tenancy, conversation, input.contact, true)
  return { conversation, contact: input.contact, message, attachments }
}

/** `conversation.created` (with its contact) or `conversation.updated`, to the inbox and webhooks. */
export async function announceConversation(
  tenancy: InboxActor,
  conversation: Conversation,
  contact: Contact | null,
  created: boolean
) {
  const shown = ConversationTransformer.transform(conversation, { contact })
  if (created) {
    await recordEvent(tenancy.trx, 'conversation:created', {
      ...place(tenancy),
      conversation: shown,
    })
  } else {
    await recordEvent(tenancy.trx, 'conversation:updated', {
      ...place(tenancy),
      conversation: shown,
      cause: 'change',
    })
  }
}

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
      metadata: external?.metadata ?? {},
    },
    { client: trx }
  )
  const attachments = await attachUploads(tenancy, message.id, input.attachmentIds ?? [])
  if (message.createdAt >= conversation.lastMessageAt) {
    conversation.merge({ lastMessageAt: message.createdAt, lastMessageId: message.id })
  }
  conversation.updatedAt = DateTime.now()
  await conversation.useTransaction(trx).save()
  if (memberId) await markRead(tenancy as SessionTenancy, conversation, message.id, false)
  // Listeners publish it, hand it to webhooks (never notes) and send what is pending.
  await recordEvent(trx, 'message:created', {
    ...place(tenancy),
    conversation: refOf(conversation),
    message: MessageTransformer.transform(message, attachments),
    mentions: input.mentions ?? [],
    byMemberId: memberId ?? null,
  })
  return { message, attachments }
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
  try {
    await tenancy.trx.rawQuery('savepoint send_message')
    const { message, attachments } = await appendMessage(tenancy, conversation, {
      body: payload.body ?? '',
      type: payload.type ?? 'text',
      idempotencyKey: payload.idempotencyKey,
      attachmentIds,
      mentions: mentioned.map((member) => member.id),
    })
    await recordEvent(tenancy.trx, 'conversation:updated', {
      ...place(tenancy),
      conversation: ConversationTransformer.transform(conversation),
      cause: 'message',
    })
    return { message, attachments, created: true }
  } catch (error) {
    // A concurrent send with the same key won the unique index: answer with its message.
    if ((error as { code?: string }).code !== '23505') throw error
    await tenancy.trx.rawQuery('rollback to savepoint send_message')
    const winner = await existing()
    if (!winner) throw error
    return replay(winner)
  }
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

export async function updateConversation(
  tenancy: SessionTenancy,
  conversation: Conversation,
  payload: Infer<typeof updateConversationValidator>
) {
  if (payload.assigneeId) {
    const assignee = await Member.query({ client: tenancy.trx })
      .where('workspace_id', tenancy.workspaceId)
      .where('id', payload.assigneeId)
      .first()
    if (!assignee)
      throw ApiError.validation([
        { field: 'assigneeId', message: 'No such member in this workspace' },
      ])
    if (assignee.role === 'viewer')
      throw ApiError.validation([{ field: 'assigneeId', message: 'Viewers cannot be assigned' }])
  }
  if (payload.snoozedUntil && payload.snoozedUntil.getTime() <= Date.now()) {
    throw ApiError.validation([
      { field: 'snoozedUntil', message: 'Snooze until a time in the future' },
    ])
  }
  const status = payload.status ?? (payload.snoozedUntil ? 'snoozed' : conversation.status)
  if (status === 'snoozed' && !(payload.snoozedUntil ?? conversation.snoozedUntil)) {
    throw ApiError.validation([
      { field: 'snoozedUntil', message: 'Snoozing needs a time to wake up' },
    ])
  }
  conversation.merge({
    status,
    priority: payload.priority ?? conversation.priority,
    assigneeId: payload.assigneeId === undefined ? conversation.assigneeId : payload.assigneeId,
    tags: payload.tags ?? conversation.tags,
    snoozedUntil:
      status === 'snoozed'
        ? payload.snoozedUntil
          ? DateTime.fromJSDate(payload.snoozedUntil)
          : conversation.snoozedUntil
        : null,
  })
  await conversation.useTransaction(tenancy.trx).save()
  // A snooze's wake-up is scheduled by a listener, after commit: the job must find its snooze.
  await recordEvent(tenancy.trx, 'conversation:updated', {
    ...place(tenancy),
    conversation: ConversationTransformer.transform(conversation),
    cause: 'change',
  })
  return conversation
}

/** Records how far the member has read (never backwards) and tells the conversation's channel. */
export async function markRead(
  tenancy: SessionTenancy,
  conversation: Conversation,
  upTo: string,
  announce = true
) {
  const message = await Message.query({ client: tenancy.trx })
    .where('tenant_id', tenancy.tenantId)
    .where('conversation_id', conversation.id)
    .where('id', upTo)
    .first()
  if (!message)
    throw ApiError.validation([{ field: 'upTo', message: 'No such message in this conversation' }])
  await tenancy.trx.rawQuery(
    `insert into conversation_reads (tenant_id, workspace_id, conversation_id, member_id, last_read_message_id, read_at)
     values (?, ?, ?, ?, ?, now())
     on conflict (tenant_id, conversation_id, member_id)
       do update set last_read_message_id = greatest(conversation_reads.last_read_message_id, excluded.last_read_message_id),
                     read_at = now()`,
    [tenancy.tenantId, tenancy.workspaceId, conversation.id, tenancy.memberId, upTo]
  )
  if (announce) {
    await recordEvent(tenancy.trx, 'conversation:read', {
      ...place(tenancy),
      conversationId: conversation.id,
      memberId: tenancy.memberId,
      upTo,
    })
  }
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

/**
 * SQL for the number of messages the member has not read in each conversation: messages after
 * the member's read mark, not written by the member, notes included.
 */
export const UNREAD_SQL = `(select count(*) from messages m
   where m.tenant_id = conversations.tenant_id and m.conversation_id = conversations.id
     and m.deleted_at is null
     and (m.author_member_id is null or m.author_member_id <> ?)
     and m.id > coalesce((select r.last_read_message_id from conversation_reads r
                           where r.tenant_id = conversations.tenant_id and r.conversation_id = conversations.id
                             and r.member_id = ?), '00000000-0000-0000-0000-000000000000'::uuid))::int`

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
function assertMayChange(tenancy: SessionTenancy, message: Message) {
  const own = message.authorMemberId === tenancy.memberId
  if (!own && tenancy.role !== 'owner' && tenancy.role !== 'admin') {
    throw ApiError.forbidden('Only the author, an admin or an owner can change this message')
  }
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
  assertMayChange(tenancy, message)
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
  return shown
}

export async function deleteMessage(
  tenancy: SessionTenancy,
  conversation: Conversation,
  message: Message
) {
  assertMayChange(tenancy, message)
  await keepRevision(tenancy, message)
  message.merge({ deletedAt: DateTime.now() })
  await message.useTransaction(tenancy.trx).save()
  await announceUpdate(tenancy, conversation, MessageTransformer.transform(message))
}

export async function messageRevisions(tenancy: SessionTenancy, message: Message) {
  const own = message.authorMemberId === tenancy.memberId
  if (!own && tenancy.role !== 'owner' && tenancy.role !== 'admin') {
    throw ApiError.forbidden('Only the author, an admin or an owner can read the history')
  }
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

/**
 * Applies one change to many conversations of the workspace in one statement. Ids that are not
 * the workspace's are reported back, never touched.
 */
export async function bulkUpdateConversations(
  tenancy: SessionTenancy,
  payload: Infer<typeof bulkConversationsValidator>
) {
  if (payload.assigneeId) {
    const assignee = await Member.query({ client: tenancy.trx })
      .where('workspace_id', tenancy.workspaceId)
      .where('id', payload.assigneeId)
      .whereNot('role', 'viewer')
      .first()
    if (!assignee)
      throw ApiError.validation([
        { field: 'assigneeId', message: 'No such agent in this workspace' },
      ])
  }
  const sets: string[] = ['updated_at = now()']
  const bindings: unknown[] = []
  const set = (sql: string, value?: unknown) => {
    sets.push(sql)
    if (value !== undefined) bindings.push(value)
  }
  if (payload.status) {
    set('status = ?', payload.status)
    set('snoozed_until = null')
  }
  if (payload.assigneeId !== undefined) set('assignee_id = ?', payload.assigneeId)
  if (payload.addTags?.length)
    set('tags = array(select distinct unnest(tags || ?::text[]))', payload.addTags)
  if (payload.removeTags?.length) {
    set('tags = array(select t from unnest(tags) t where t <> all(?::text[]))', payload.removeTags)
  }
  if (sets.length === 1)
    throw ApiError.validation([{ field: 'status', message: 'Give at least one change' }])
  if (payload.addTags?.length && payload.removeTags?.length) {
    throw ApiError.validation([
      { field: 'removeTags', message: 'Add or remove tags, not both at once' },
    ])
  }
  const { rows } = await tenancy.trx.rawQuery(
    `update conversations set ${sets.join(', ')}
      where tenant_id = ? and workspace_id = ? and id = any(?::uuid[])
      returning *`,
    [...bindings, tenancy.tenantId, tenancy.workspaceId, payload.ids] as never[]
  )
  const updated = rows.map((row: Record<string, unknown>) =>
    Conversation.$createFromAdapterResult(row)!
  )
  for (const conversation of updated) {
    await recordEvent(tenancy.trx, 'conversation:updated', {
      ...place(tenancy),
      conversation: ConversationTransformer.transform(conversation),
      cause: 'change',
    })
  }
  const found = new Set(updated.map((c: Conversation) => c.id))
  return { updated: updated.length, notFound: payload.ids.filter((id) => !found.has(id)) }
}
