import { ApiError } from '#exceptions/api_error'
import { findConversation } from '#services/inbox/conversations'
import { threadPage } from '#services/inbox/page_sql'
import { DEFAULT_LIMIT, decodeCursor, encodeCursor } from '#services/pagination'
import { numbered, preparedRows } from '#services/prepared_statements'
import type { SessionTenancy } from '#services/tenancy'
import {
  MessageTransformer,
  type AttachmentFields,
  type MessageFields,
} from '#transformers/inbox_transformers'
import { UUID_PATTERN } from '#validators/rules'

/** A row of the thread's page (page_sql.ts threadPage): a message, or none (`id` null). */
type ThreadRow = Omit<MessageFields, 'id'> & {
  id: string | null
  attachments: AttachmentFields[] | null
}

/**
 * Rethrows `error` (a refused query string) unless the conversation is not there: that answers
 * 404 first, as when the conversation was read before the query string.
 */
export async function conversationFirst(
  member: SessionTenancy,
  conversationId: string,
  error: unknown
): Promise<never> {
  await findConversation(member, conversationId)
  throw error
}

/**
 * A page of a conversation's thread, newest first (`{ data, nextCursor }`), read with the
 * conversation in one prepared statement. An id that is malformed, unknown or another tenant's
 * or workspace's answers 404, as `findConversation` does.
 */
export async function listMessages(
  member: SessionTenancy,
  conversationId: string,
  page: { limit?: number; cursor?: string }
) {
  if (!UUID_PATTERN.test(conversationId)) throw ApiError.notFound('Conversation')
  const limit = page.limit ?? DEFAULT_LIMIT
  let before: string | null = null
  try {
    before = page.cursor ? decodeCursor(page.cursor) : null
  } catch (error) {
    return conversationFirst(member, conversationId, error)
  }
  const sql = threadPage(member, conversationId, before, limit + 1)
  const rows = await preparedRows<ThreadRow>(member.trx, numbered(sql.text), sql.values)
  if (!rows.length) throw ApiError.notFound('Conversation')
  const messages = rows.filter((row): row is ThreadRow & { id: string } => row.id !== null)
  const shown = messages.slice(0, limit)
  return {
    data: shown.map((m) => MessageTransformer.transform(m, m.attachments ?? [])),
    nextCursor: messages.length > limit ? encodeCursor(shown.at(-1)!.id) : null,
  }
}
