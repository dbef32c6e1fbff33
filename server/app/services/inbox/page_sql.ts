import type { LastMessageRow } from '#transformers/inbox_transformers'

/**
 * The SQL of the inbox's pages (conversation list, thread), kept free of runtime imports so the
 * bench's bare `node:http` + `pg` handler (bin/bench/inbox_bare_server.ts) runs these statements.
 * Each page is one statement naming only the columns its API shape shows; values are always
 * bound (`?`), so the text depends only on which filters are present and can be prepared once per
 * connection (services/prepared_statements.ts).
 */

/** A piece of SQL with `?` placeholders and their values, in order. */
export interface Sql {
  text: string
  values: unknown[]
}

/**
 * A page size written into the SQL rather than bound: with `limit $n` PostgreSQL never settles on
 * a generic plan for these statements (it cannot cost an unknown limit), and plans each run
 * again (1.5–18 ms for the list under load). Page sizes are few, so the statements stay few.
 */
function rows(limit: number) {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`Bad page size ${limit}`)
  return String(limit)
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

/** What the conversation list can be narrowed by (validated before it gets here). */
export interface ConversationFilters {
  status?: string
  channel?: string
  contact?: string
  priority?: string
  tag?: string
  /** `me`, `none` or a member id. */
  assignee?: string
  unread?: 'true' | 'false'
}

/** Who reads the list: the request's tenant, workspace and member. */
export interface ListReader {
  tenantId: string
  workspaceId: string
  memberId: string
}

/**
 * Ids of the workspace's conversations that pass the filters (and `extra`, e.g. a search's
 * condition), newest activity first, from `cursor` on: `limit` of them, through the
 * (tenant, workspace, last_message_at, id) index.
 */
export function filteredIds(
  reader: ListReader,
  filters: ConversationFilters,
  cursor: [string, string] | null,
  limit: number,
  extra?: Sql
): Sql {
  const where = ['conversations.tenant_id = ?', 'conversations.workspace_id = ?']
  const values: unknown[] = [reader.tenantId, reader.workspaceId]
  const and = (condition: string, ...bound: unknown[]) => {
    where.push(condition)
    values.push(...bound)
  }
  if (filters.status) and('conversations.status = ?', filters.status)
  if (filters.channel) and('conversations.channel = ?', filters.channel)
  if (filters.contact) and('conversations.contact_id = ?', filters.contact)
  if (filters.priority) and('conversations.priority = ?', filters.priority)
  if (filters.tag) and('? = any(conversations.tags)', filters.tag)
  if (filters.assignee === 'me') and('conversations.assignee_id = ?', reader.memberId)
  else if (filters.assignee === 'none') and('conversations.assignee_id is null')
  else if (filters.assignee) and('conversations.assignee_id = ?', filters.assignee)
  if (filters.unread === 'true') and(`${UNREAD_SQL} > 0`, ...unreadBindings(reader.memberId))
  if (cursor) {
    and('(conversations.last_message_at, conversations.id) < (?::timestamptz, ?::uuid)', ...cursor)
  }
  if (extra) and(extra.text, ...extra.values)
  return {
    text: `select conversations.id from conversations where ${where.join(' and ')}
            order by conversations.last_message_at desc, conversations.id desc limit ${rows(limit)}`,
    values,
  }
}

/**
 * One page of the list in one statement: the conversations whose ids `ids` selects, each with its
 * contact (a JSON object), its last message (LAST_MESSAGE_SQL) and the member's unread count,
 * newest activity first. Columns are named as the API shape names them.
 */
export function conversationPage(reader: ListReader, ids: Sql, limit: number): Sql {
  return {
    text: `select conversations.id, conversations.channel, conversations.status,
        conversations.priority, conversations.assignee_id as "assigneeId", conversations.tags,
        conversations.subject, conversations.snoozed_until as "snoozedUntil",
        conversations.last_message_at as "lastMessageAt", conversations.contact_id as "contactId",
        conversations.created_at as "createdAt", conversations.updated_at as "updatedAt",
        ${UNREAD_SQL} as unread,
        ${LAST_MESSAGE_SQL} as "lastMessage",
        case when k.id is null then null else json_build_object(
          'id', k.id, 'name', k.name, 'phone', k.phone, 'email', k.email,
          'avatarUrl', k.avatar_url, 'attributes', k.attributes, 'tags', k.tags,
          'blocked', k.blocked, 'optedOutAt', k.opted_out_at, 'visitor', k.visitor,
          'createdAt', k.created_at, 'updatedAt', k.updated_at) end as contact
      from conversations
      left join contacts k on k.tenant_id = conversations.tenant_id and k.id = conversations.contact_id
     where conversations.tenant_id = ? and conversations.id in (${ids.text})
     order by conversations.last_message_at desc, conversations.id desc
     limit ${rows(limit)}`,
    values: [...unreadBindings(reader.memberId), reader.tenantId, ...ids.values],
  }
}

/**
 * One page of a conversation's thread in one statement, newest first, from `before` (a message
 * id) on, each message with its attachments (a JSON array, or null). The conversation is read in
 * the same statement: no row means no such conversation here (404); a row without a message id,
 * a conversation with nothing on this page.
 */
export function threadPage(
  reader: Omit<ListReader, 'memberId'>,
  conversationId: string,
  before: string | null,
  limit: number
): Sql {
  return {
    text: `select m.id, c.id as "conversationId", m.direction, m.type,
        m.author_member_id as "authorMemberId", m.author_contact_id as "authorContactId",
        m.body, m.status, m.failure_reason as "failureReason", m.edited_at as "editedAt",
        m.deleted_at as "deletedAt", m.created_at as "createdAt",
        (select json_agg(json_build_object(
                  'id', a.id, 'tenantId', a.tenant_id, 'workspaceId', a.workspace_id,
                  'name', a.name, 'mimeType', a.mime_type, 'kind', a.kind,
                  'sizeBytes', a.size_bytes, 'createdAt', a.created_at) order by a.id)
           from attachments a where a.tenant_id = c.tenant_id and a.message_id = m.id) as attachments
      from conversations c
      left join lateral (
        select m.id, m.direction, m.type, m.author_member_id, m.author_contact_id, m.body,
               m.status, m.failure_reason, m.edited_at, m.deleted_at, m.created_at
          from messages m
         where m.tenant_id = c.tenant_id and m.conversation_id = c.id${before ? ' and m.id < ?::uuid' : ''}
         order by m.id desc limit ${rows(limit)}) m on true
     where c.tenant_id = ? and c.workspace_id = ? and c.id = ?
     order by m.id desc`,
    values: [...(before ? [before] : []), reader.tenantId, reader.workspaceId, conversationId],
  }
}

/** What lastMessageOf reads of a message (a model or a row). */
export interface LastMessageSource {
  id: string
  type: string
  direction: LastMessageRow['direction']
  body: string
  authorMemberId: string | null
  authorContactId: string | null
  metadata: Record<string, unknown> | null
  deletedAt: unknown
  /** A Luxon DateTime, a Date or an ISO string. */
  createdAt: { valueOf(): number } | string
}

/**
 * LAST_MESSAGE_SQL's object for a message at hand and its attachments, without reading it back
 * (sending a message announces it as the conversation's last). Change the two together; the
 * unit test compares them.
 */
export function lastMessageOf(
  m: LastMessageSource,
  attachments: { id: string; kind: NonNullable<LastMessageRow['attachmentKind']> }[]
): LastMessageRow {
  const deleted = m.deletedAt !== null && m.deletedAt !== undefined
  // The first by id, as `order by a.id limit 1` (uuid order is the order of their hex strings).
  const first = attachments.reduce<(typeof attachments)[number] | undefined>(
    (lowest, a) => (!lowest || a.id < lowest.id ? a : lowest),
    undefined
  )
  const voice = String(m.metadata?.voiceNote) === 'true'
  return {
    id: m.id,
    type: m.type,
    direction: m.direction,
    // left(body, 140) counts characters (code points), not UTF-16 units.
    body: deleted ? '' : Array.from(m.body).slice(0, 140).join(''),
    attachmentKind: deleted ? null : voice ? 'voice' : (first?.kind ?? null),
    authorMemberId: m.authorMemberId,
    authorContactId: m.authorContactId,
    mentions: deleted ? [] : ((m.metadata?.mentions as string[] | undefined) ?? []),
    createdAt:
      typeof m.createdAt === 'string' ? m.createdAt : new Date(m.createdAt.valueOf()).toISOString(),
    deleted,
  }
}
