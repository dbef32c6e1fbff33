import Contact from '#models/contact'
import type Conversation from '#models/conversation'
import { ApiError } from '#exceptions/api_error'
import {
  LAST_MESSAGE_SQL,
  UNREAD_SQL,
  conversationPage,
  filteredIds,
  unreadBindings,
  type Sql,
} from '#services/inbox/page_sql'
import { searchedIds } from '#services/inbox/search'
import { numbered, preparedRows } from '#services/prepared_statements'
import { DEFAULT_LIMIT } from '#services/pagination'
import type { SessionTenancy } from '#services/tenancy'
import {
  ConversationTransformer,
  LastMessageTransformer,
  type ContactFields,
  type ConversationFields,
  type LastMessageRow,
} from '#transformers/inbox_transformers'
import { iso } from '#transformers/time'
import { UUID_PATTERN } from '#validators/rules'
import type { Infer } from '@vinejs/vine/types'
import type { listConversationsValidator } from '#validators/inbox'

/** The inbox's reading queries: the conversation list, with its filters, search and paging. */

export { LAST_MESSAGE_SQL }

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
const encode = (c: Pick<ConversationFields, 'lastMessageAt' | 'id'>) =>
  Buffer.from(JSON.stringify([iso(c.lastMessageAt), c.id])).toString('base64url')
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

/** A row of the list's page (page_sql.ts conversationPage), named as the API shape names it. */
type ListRow = ConversationFields & {
  unread: number
  lastMessage: LastMessageRow | null
  contact: ContactFields | null
}

/**
 * A page of the workspace's conversations that pass the filters, newest activity first, each
 * with its contact, its last message and the member's unread count; `q` searches messages and
 * contacts. One prepared statement per page (page_sql.ts), no model per row.
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
  const page = limit + 1
  const matching = (n: number, extra?: Sql) => filteredIds(member, filters, cursor, n, extra)
  // `q` searches messages and contacts at index speed under RLS (search.ts); its ids are then
  // read, ordered and cut by the same page statement as the unsearched list.
  const ids = filters.q ? await searchedIds(member.trx, filters.q, matching, page) : matching(page)
  const statement = conversationPage(member, ids, page)
  const rows = await preparedRows<ListRow>(member.trx, numbered(statement.text), statement.values)
  const shown = rows.slice(0, limit)
  return {
    data: shown.map((row) =>
      ConversationTransformer.transform(row, {
        unread: row.unread,
        contact: row.contactId ? row.contact : null,
        lastMessage: row.lastMessage,
      })
    ),
    nextCursor: rows.length > limit ? encode(shown.at(-1)!) : null,
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
