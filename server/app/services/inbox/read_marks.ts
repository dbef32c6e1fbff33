import { ApiError } from '#exceptions/api_error'
import type Conversation from '#models/conversation'
import Message from '#models/message'
import type { SessionTenancy } from '#services/tenancy'
import { recordEvent } from '#services/outbox'
import { place } from '#services/inbox/actor'
import { preparedRows } from '#services/prepared_statements'

/** How far each member has read each conversation, and what is unread. */

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
  await advanceReadMark(tenancy, conversation.id, upTo)
  if (announce) {
    await recordEvent(tenancy.trx, 'conversation:read', {
      ...place(tenancy),
      conversationId: conversation.id,
      memberId: tenancy.memberId,
      upTo,
    })
  }
}

/**
 * Moves the member's read mark up to `upTo` (never backwards), a message known to be of this
 * conversation: the one the member just wrote, or one markRead found.
 */
export async function advanceReadMark(
  tenancy: SessionTenancy,
  conversationId: string,
  upTo: string
) {
  await preparedRows(
    tenancy.trx,
    `insert into conversation_reads (tenant_id, workspace_id, conversation_id, member_id, last_read_message_id, read_at)
     values ($1, $2, $3, $4, $5, now())
     on conflict (tenant_id, conversation_id, member_id)
       do update set last_read_message_id = greatest(conversation_reads.last_read_message_id, excluded.last_read_message_id),
                     read_at = now()`,
    [tenancy.tenantId, tenancy.workspaceId, conversationId, tenancy.memberId, upTo]
  )
}

// The unread count's SQL lives with the pages that read it (the bench's bare handler imports it).
export { UNREAD_SQL, unreadBindings } from '#services/inbox/page_sql'
