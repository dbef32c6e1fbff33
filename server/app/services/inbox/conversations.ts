import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import Conversation from '#models/conversation'
import Member from '#models/member'
import WhatsAppNumber from '#models/whatsapp_number'
import type { SessionTenancy } from '#services/tenancy'
import { ConversationTransformer, LastMessageTransformer } from '#transformers/inbox_transformers'
import { recordEvent } from '#services/outbox'
import type {
  bulkConversationsValidator,
  createConversationValidator,
  updateConversationValidator,
} from '#validators/inbox'
import { appendMessage } from '#services/inbox/messages'
import { place, type InboxActor } from '#services/inbox/actor'
import { lastMessagesOf, shownLastMessage } from '#services/inbox/queries'
import { columnsOf, preparedRows } from '#services/prepared_statements'
import { UUID_PATTERN } from '#validators/rules'

/**
 * Conversations: started by a member or a visitor (with their first message), changed one by one
 * or in bulk. Each runs in the request's transaction and records what happened as domain events.
 */

let findSql: string | undefined
/**
 * One of the workspace's conversations, or 404 (as `Conversation.findScoped` answers it), read
 * with a prepared statement: every request on a conversation starts with it.
 */
export async function findConversation(tenancy: SessionTenancy, id: string) {
  findSql ??= `select ${columnsOf(Conversation)} from conversations
                where tenant_id = $1 and workspace_id = $2 and id = $3`
  const [row] = UUID_PATTERN.test(id)
    ? await preparedRows(tenancy.trx, findSql, [tenancy.tenantId, tenancy.workspaceId, id])
    : []
  if (!row) throw ApiError.notFound('Conversation')
  return Conversation.$createFromAdapterResult(row, undefined, { client: tenancy.trx })!
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
  const { message, attachments, consent } = await appendMessage(tenancy, conversation, {
    body: input.body ?? '',
    type: 'text',
    attachmentIds: input.attachmentIds,
  })
  if (consent && input.contact) input.contact.optedOutAt = consent.optedOutAt
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
  const lastMessage = await shownLastMessage(tenancy, conversation)
  if (created) {
    await recordEvent(tenancy.trx, 'conversation:created', {
      ...place(tenancy),
      conversation: shown,
      lastMessage,
    })
  } else {
    await recordEvent(tenancy.trx, 'conversation:updated', {
      ...place(tenancy),
      conversation: shown,
      lastMessage,
      cause: 'change',
    })
  }
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
    lastMessage: await shownLastMessage(tenancy, conversation),
    cause: 'change',
  })
  return conversation
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
  const lastMessages = await lastMessagesOf(tenancy, updated)
  for (const conversation of updated) {
    const lastMessage = lastMessages.get(conversation.id)
    await recordEvent(tenancy.trx, 'conversation:updated', {
      ...place(tenancy),
      conversation: ConversationTransformer.transform(conversation),
      lastMessage: lastMessage ? LastMessageTransformer.transform(lastMessage) : null,
      cause: 'change',
    })
  }
  const found = new Set(updated.map((c: Conversation) => c.id))
  return { updated: updated.length, notFound: payload.ids.filter((id) => !found.has(id)) }
}
