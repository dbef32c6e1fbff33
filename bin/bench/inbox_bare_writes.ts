import { v7 as uuidv7 } from 'uuid'
import type pg from 'pg'

/**
 * The bare message POST of the bench (inbox_bare_server.ts): the writes a member's message makes in
 * the app (services/inbox/messages.ts sendMessage, no idempotency key, no mention, no attachment)
 * in the same order, as the same role in the same transaction, without the framework: read the
 * conversation, insert the message, move the conversation on, advance the author's read mark and
 * record the two outbox events (message:created, conversation:updated), each with NOTIFY (left to
 * no relay: relaying is the app's own work, measured in its figures). Keep it in
 * step with sendMessage, or the ratio measures a different amount of work.
 */

/** Who writes: the session's claims, as the app reads them from the token. */
export interface Writer {
  tenantId: string
  workspaceId: string
  memberId: string
}

/** A prepared statement runner (the server's, which names statements by their text). */
export type Prepared = (
  client: pg.PoolClient,
  text: string,
  values: unknown[]
) => Promise<Record<string, any>[]>

/** What the app selects of a conversation (findConversation): the columns of its model. */
export const CONVERSATION_COLUMNS = `id, tenant_id, workspace_id, contact_id, channel, status, priority,
  assignee_id, tags, subject, snoozed_until, last_message_at, whatsapp_number_id, last_message_id,
  created_at, updated_at`

const FIND = `select ${CONVERSATION_COLUMNS} from conversations
               where tenant_id = $1 and workspace_id = $2 and id = $3`
const INSERT = `insert into messages (id, tenant_id, workspace_id, conversation_id, direction, type,
    author_member_id, author_contact_id, body, status, failure_reason, idempotency_key, external_id,
    metadata, created_at)
  values ($1, $2, $3, $4, $5, 'text', $6, null, $7, 'sent', null, null, null, '{}'::jsonb, $8)
  returning id`
const MOVE_ON = `update conversations set last_message_at = $1, last_message_id = $2, updated_at = $3
  where id = $4`
const READ_MARK = `insert into conversation_reads (tenant_id, workspace_id, conversation_id, member_id, last_read_message_id, read_at)
     values ($1, $2, $3, $4, $5, now())
     on conflict (tenant_id, conversation_id, member_id)
       do update set last_read_message_id = greatest(conversation_reads.last_read_message_id, excluded.last_read_message_id),
                     read_at = now()`
/**
 * The app's outbox insert, but born dead (`dead_at`): the app's relay skips it. Otherwise the app's
 * process would relay the bare server's events too, side by side with its own requests.
 */
const EVENT = `with recorded as (
       insert into outbox (tenant_id, workspace_id, name, payload, dead_at)
       values ($1, $2, $3, $4::jsonb, now()))
     select pg_notify('parley_outbox', '')`

/**
 * Writes `body` into the conversation as `who` and answers the message as the API shows it, or
 * null when the conversation is not the workspace's (404). Runs inside the caller's transaction.
 */
export async function bareMessagePost(
  client: pg.PoolClient,
  prepared: Prepared,
  who: Writer,
  conversationId: string,
  body: string
) {
  const [conversation] = await prepared(client, FIND, [
    who.tenantId,
    who.workspaceId,
    conversationId,
  ])
  if (!conversation) return null
  const id = uuidv7()
  const now = new Date()
  const direction = conversation.channel === 'internal' ? 'internal' : 'outbound'
  await prepared(client, INSERT, [
    id,
    who.tenantId,
    who.workspaceId,
    conversationId,
    direction,
    who.memberId,
    body,
    now,
  ])
  await prepared(client, MOVE_ON, [now, id, now, conversationId])
  await prepared(client, READ_MARK, [
    who.tenantId,
    who.workspaceId,
    conversationId,
    who.memberId,
    id,
  ])
  const message = {
    id,
    conversationId,
    direction,
    type: 'text',
    authorMemberId: who.memberId,
    authorContactId: null,
    body,
    attachments: [],
    status: 'sent',
    failureReason: null,
    editedAt: null,
    deletedAt: null,
    createdAt: now.toISOString(),
  }
  const place = { tenantId: who.tenantId, workspaceId: who.workspaceId }
  const ref = {
    id: conversationId,
    channel: conversation.channel,
    contactId: conversation.contact_id,
    whatsappNumberId: conversation.whatsapp_number_id,
  }
  const iso = (at: Date | null) => (at ? at.toISOString() : null)
  const event = (name: string, payload: object) =>
    prepared(client, EVENT, [
      who.tenantId,
      who.workspaceId,
      name,
      JSON.stringify({ ...payload, eventId: uuidv7(), occurredAt: now.toISOString() }),
    ])
  await event('message:created', {
    ...place,
    conversation: ref,
    message,
    mentions: [],
    byMemberId: who.memberId,
  })
  await event('conversation:updated', {
    ...place,
    conversation: {
      id: conversationId,
      channel: conversation.channel,
      status: conversation.status,
      priority: conversation.priority,
      assigneeId: conversation.assignee_id,
      tags: conversation.tags,
      subject: conversation.subject,
      snoozedUntil: iso(conversation.snoozed_until),
      lastMessageAt: now.toISOString(),
      contactId: conversation.contact_id,
      createdAt: iso(conversation.created_at),
      updatedAt: now.toISOString(),
    },
    lastMessage: { ...message, mentions: [], attachmentKind: null, deleted: false },
    cause: 'message',
  })
  return message
}
