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

/**
 * SQL for the number of messages the member has not read in each conversation, after the
 * member's read mark: what contacts wrote, what other members wrote in internal conversations,
 * and notes that mention the member; never the member's own, teammates' replies to contacts or
 * other notes. Its three placeholders all take the member's id (`unreadBindings`).
 */
export const UNREAD_SQL = `(select count(*) from messages m
   where m.tenant_id = conversations.tenant_id and m.conversation_id = conversations.id
     and m.deleted_at is null
     and (m.author_member_id is null or m.author_member_id <> ?)
     and (m.direction = 'inbound'
          or (conversations.channel = 'internal' and m.type <> 'note')
          or (m.type = 'note' and jsonb_exists(coalesce(m.metadata -> 'mentions', '[]'::jsonb), ?)))
     and m.id > coalesce((select r.last_read_message_id from conversation_reads r
                           where r.tenant_id = conversations.tenant_id and r.conversation_id = conversations.id
                             and r.member_id = ?), '00000000-0000-0000-0000-000000000000'::uuid))::int`

/** The bindings of UNREAD_SQL for one member. */
export const unreadBindings = (memberId: string) => [memberId, memberId, memberId]
