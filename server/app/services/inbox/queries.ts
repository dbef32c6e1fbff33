import Contact from '#models/contact'
import Conversation from '#models/conversation'
import { ApiError } from '#exceptions/api_error'
import { UNREAD_SQL, unreadBindings } from '#services/inbox/read_marks'
import { DEFAULT_LIMIT } from '#services/pagination'
import type { SessionTenancy } from '#services/tenancy'
import {
  ConversationTransformer,
  LastMessageTransformer,
  type LastMessageRow,
} from '#transformers/inbox_transformers'
import { UUID_PATTERN } from '#validators/rules'
import type { Infer } from '@vinejs/vine/types'
import type { listConversationsValidator } from '#validators/inbox'

/** The inbox's reading queries: the conversation list, with its filters, search and paging. */

/**
 * SQL for a conversation's last message as a list row shows it (a jsonb object, or null), read
 * through `conversations.last_message_id`: one primary-key look-up per row, inside the page's
 * own query (no query per row). A deleted message keeps its place but not its words; a voice
 * note (WhatsApp's `ptt`) is `voice` whether or not its audio could be fetched.
 */
export const LAST_MESSAGE_SQL = `(select jsonb_build_object(
    'id', m.id, 'type', m.type, 'direction', m.direction,
    'body', case when m.deleted_at is null then left(m.body, 140) else '' end,
    'attachmentKind', case
      when m.deleted_at is not null then null
      when m.metadata ->> 'voiceNote' = 'true' then 'voice'
      else (select a.kind from attachments a
             where a.tenant_id = m.tenant_id and a.message_id = m.id order by a.id limit 1) end,
    'authorMemberId', m.author_member_id, 'authorContactId', m.author_contact_id,
    'mentions', case when m.deleted_at is null then coalesce(m.metadata -> 'mentions', '[]'::jsonb)
                     else '[]'::jsonb end,
    'createdAt', m.created_at, 'deleted', m.deleted_at is not null)
   from messages m
  where m.tenant_id = conversations.tenant_id and m.id = conversations.last_message_id)`

/** The last message (as LAST_MESSAGE_SQL) of each of these conversations, in one query. */
export async function lastMessagesOf(
  tenancy: Pick<SessionTenancy, 'trx' | 'tenantId'>,
  conversations: Pick<Conversation, 'id'>[]
) {
  if (!conversations.length) return new Map<string, LastMessageRow | null>()
  const { rows } = await tenancy.trx.rawQuery(
    `select id, ${LAST_MESSAGE_SQL} as last_message from conversations
      where tenant_id = ? and id = any(?::uuid[])`,
    [tenancy.tenantId, conversations.map((c) => c.id)] as never[]
  )
  return new Map<string, LastMessageRow | null>(
    rows.map((r: { id: string; last_message: LastMessageRow | null }) => [r.id, r.last_message])
  )
}

/** Cursor of the conversation list: the last row's (last message time, id). */
const encode = (c: Conversation) =>
  Buffer.from(JSON.stringify([c.lastMessageAt.toUTC().toISO(), c.id])).toString('base64url')
function decode(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && UUID_PATTERN.test(id))
      return [at, id]
  } catch {}
  throw ApiError.validation([{ field: 'cursor', message: 'Invalid cursor' }])
}

export async function withContacts(tenancy: SessionTenancy, conversations: Conversation[]) {
  const ids = [...new Set(conversations.map((c) => c.contactId).filter(Boolean))] as string[]
  const contacts = ids.length
    ? await Contact.query({ client: tenancy.trx })
        .where('tenant_id', tenancy.tenantId)
        .whereIn('id', ids)
    : []
  return new Map(contacts.map((c) => [c.id, c]))
}

/** The last message of one conversation as its inbox event carries it (null: none yet). */
export async function shownLastMessage(
  tenancy: Pick<SessionTenancy, 'trx' | 'tenantId'>,
  conversation: Pick<Conversation, 'id'>
) {
  const rows = await lastMessagesOf(tenancy, [conversation])
  const row = rows.get(conversation.id)
  return row ? LastMessageTransformer.transform(row) : null
}

/**
 * A page of the workspace's conversations that pass the filters, newest activity first, each
 * with its contact and the member's unread count; `q` searches messages and contacts.
 */
export async function listConversations(
  member: SessionTenancy,
  filters: Infer<typeof listConversationsValidator>
) {
  const limit = filters.limit ?? DEFAULT_LIMIT
  if (filters.assignee && !['me', 'none'].includes(filters.assignee)) {
    if (!UUID_PATTERN.test(filters.assignee)) {
      throw ApiError.validation([{ field: 'assignee', message: 'Use me, none or a member id' }])
    }
  }
  const cursor = filters.cursor ? decode(filters.cursor) : null
  const trx = member.trx
  /** The workspace's conversations that pass the filters, newest activity first. */
  const filtered = () => {
    const q = trx
      .from('conversations')
      .where('conversations.tenant_id', member.tenantId)
      .where('conversations.workspace_id', member.workspaceId)
    if (filters.status) q.where('status', filters.status)
    if (filters.channel) q.where('channel', filters.channel)
    if (filters.contact) q.where('contact_id', filters.contact)
    if (filters.priority) q.where('priority', filters.priority)
    if (filters.tag) q.whereRaw('? = any(tags)', [filters.tag])
    if (filters.assignee === 'me') q.where('assignee_id', member.memberId)
    else if (filters.assignee === 'none') q.whereNull('assignee_id')
    else if (filters.assignee) q.where('assignee_id', filters.assignee)
    if (filters.unread === 'true') q.whereRaw(`${UNREAD_SQL} > 0`, unreadBindings(member.memberId))
    if (cursor)
      q.whereRaw('(last_message_at, conversations.id) < (?::timestamptz, ?::uuid)', cursor)
    return q
      .orderBy('last_message_at', 'desc')
      .orderBy('conversations.id', 'desc')
      .limit(limit + 1)
  }
  const query = Conversation.query({ client: trx }).select(
    'conversations.*',
    trx.raw(`${UNREAD_SQL} as unread`, unreadBindings(member.memberId)),
    trx.raw(`${LAST_MESSAGE_SQL} as last_message`)
  )
  if (filters.q) {
    // Full-text search over the conversation's messages and its contact. Under row-level
    // security PostgreSQL will not drive an index scan with `@@` (it is not leakproof), so each
    // half walks the newest conversations and stops at a page: an OR of the two would scan
    // every message of every tenant (docs/inbox.md, "Figures").
    const words = filters.q
    const byMessages = filtered()
      .whereExists((sub) =>
        sub
          .from('messages')
          .whereRaw(
            'messages.tenant_id = conversations.tenant_id and messages.conversation_id = conversations.id'
          )
          .whereRaw(`messages.search @@ plainto_tsquery('simple', ?)`, [words])
      )
      .select('conversations.id')
    const byContact = filtered()
      .whereExists((sub) =>
        sub
          .from('contacts')
          .whereRaw(
            'contacts.tenant_id = conversations.tenant_id and contacts.id = conversations.contact_id'
          )
          .whereRaw(`contacts.search @@ plainto_tsquery('simple', ?)`, [words])
      )
      .select('conversations.id')
    const [a, b] = [byMessages.toSQL(), byContact.toSQL()]
    query
      .where('tenant_id', member.tenantId)
      .whereIn(
        'id',
        trx.raw(`(select id from ((${a.sql}) union (${b.sql})) matched)`, [
          ...a.bindings,
          ...b.bindings,
        ] as never)
      )
    if (cursor) query.whereRaw('(last_message_at, id) < (?::timestamptz, ?::uuid)', cursor)
  } else {
    query.where('tenant_id', member.tenantId).whereIn('id', filtered().select('conversations.id'))
  }
  const rows = await query
    .orderBy('last_message_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const contacts = await withContacts(member, page)
  return {
    data: page.map((c) =>
      ConversationTransformer.transform(c, {
        unread: Number(c.$extras.unread),
        contact: c.contactId ? (contacts.get(c.contactId) ?? null) : null,
        lastMessage: c.$extras.last_message ?? null,
      })
    ),
    nextCursor: rows.length > limit ? encode(page.at(-1)!) : null,
  }
}

/**
 * One conversation as the list shows it: with its contact, its last message and the member's
 * unread count.
 */
export async function showConversation(member: SessionTenancy, conversation: Conversation) {
  const contacts = await withContacts(member, [conversation])
  const result = await member.trx.rawQuery(
    `select ${UNREAD_SQL} as unread, ${LAST_MESSAGE_SQL} as last_message
       from conversations where tenant_id = ? and id = ?`,
    [...unreadBindings(member.memberId), member.tenantId, conversation.id]
  )
  const [{ unread, last_message: lastMessage }] = result.rows
  return ConversationTransformer.transform(conversation, {
    unread: Number(unread),
    contact: conversation.contactId ? (contacts.get(conversation.contactId) ?? null) : null,
    lastMessage,
  })
}
