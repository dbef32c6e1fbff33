import { ApiError } from '#exceptions/api_error'
import type Conversation from '#models/conversation'
import Message from '#models/message'
import type { SessionTenancy } from '#services/tenancy'
import { recordEvent } from '#services/outbox'
import { place } from '#services/inbox/actor'

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

// The unread count's SQL lives with the pages that read it (the bench's bare handler imports it).
export { UNREAD_SQL, unreadBindings } from '#services/inbox/page_sql'
