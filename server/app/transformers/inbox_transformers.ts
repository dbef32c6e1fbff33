import { iso, type ApiTime } from '#transformers/time'
import type Contact from '#models/contact'
import type Conversation from '#models/conversation'
import type Message from '#models/message'
import type Attachment from '#models/attachment'
import { fileUrl } from '#services/attachments'

/**
 * API shapes of the inbox: ids as strings, ISO-8601 UTC times, nothing internal. Each takes the
 * fields it shows, so a model and a row read for a page (services/inbox/pages.ts) give the same
 * shape; times may be Luxon (models), Date (rows) or ISO strings (JSON columns).
 */
type Fields<Model, Keys extends keyof Model, Times extends keyof Model = never> = Pick<
  Model,
  Exclude<Keys, Times>
> & { [K in Times]: ApiTime }

export type ContactFields = Fields<
  Contact,
  | 'id'
  | 'name'
  | 'phone'
  | 'email'
  | 'avatarUrl'
  | 'attributes'
  | 'tags'
  | 'blocked'
  | 'optedOutAt'
  | 'visitor'
  | 'createdAt'
  | 'updatedAt',
  'optedOutAt' | 'createdAt' | 'updatedAt'
>

export type ConversationFields = Fields<
  Conversation,
  | 'id'
  | 'channel'
  | 'status'
  | 'priority'
  | 'assigneeId'
  | 'tags'
  | 'subject'
  | 'snoozedUntil'
  | 'lastMessageAt'
  | 'contactId'
  | 'createdAt'
  | 'updatedAt',
  'snoozedUntil' | 'lastMessageAt' | 'createdAt' | 'updatedAt'
>

export type AttachmentFields = Fields<
  Attachment,
  'id' | 'tenantId' | 'workspaceId' | 'name' | 'mimeType' | 'kind' | 'sizeBytes' | 'createdAt',
  'createdAt'
>

export type MessageFields = Fields<
  Message,
  | 'id'
  | 'conversationId'
  | 'direction'
  | 'type'
  | 'authorMemberId'
  | 'authorContactId'
  | 'body'
  | 'status'
  | 'failureReason'
  | 'editedAt'
  | 'deletedAt'
  | 'createdAt',
  'editedAt' | 'deletedAt' | 'createdAt'
>

export const ContactTransformer = {
  transform: (c: ContactFields) => ({
    id: c.id,
    // A contact just created has no value read back for its nullable columns: null, not absent.
    name: c.name ?? null,
    phone: c.phone ?? null,
    email: c.email ?? null,
    avatarUrl: c.avatarUrl ?? null,
    attributes: c.attributes,
    tags: c.tags,
    blocked: c.blocked,
    /** Asked not to get campaigns (an opt-out word, or PATCH { optedOut }); since when. */
    optedOut: Boolean(c.optedOutAt),
    optedOutAt: iso(c.optedOutAt),
    /** What tells a web visitor apart: { browser, os, city, country, timeZone, language, page } | null. */
    visitor: c.visitor ?? null,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }),
}

/** A conversation's last message as read by LAST_MESSAGE_SQL (services/inbox/queries.ts). */
export interface LastMessageRow {
  id: string
  type: string
  direction: 'inbound' | 'outbound' | 'internal'
  body: string
  attachmentKind: 'image' | 'audio' | 'voice' | 'video' | 'file' | null
  authorMemberId: string | null
  authorContactId: string | null
  mentions: string[]
  createdAt: string
  deleted: boolean
}

/** What a list row shows of the last message: its first 140 characters, who wrote it, what kind. */
export const LastMessageTransformer = {
  transform: (m: LastMessageRow) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() }),
}

export const ConversationTransformer = {
  transform: (
    c: ConversationFields,
    extras: {
      unread?: number
      contact?: ContactFields | null
      lastMessage?: LastMessageRow | null
    } = {}
  ) => ({
    id: c.id,
    channel: c.channel,
    status: c.status,
    priority: c.priority,
    assigneeId: c.assigneeId,
    tags: c.tags,
    subject: c.subject,
    snoozedUntil: iso(c.snoozedUntil),
    lastMessageAt: iso(c.lastMessageAt),
    contactId: c.contactId,
    ...(extras.contact !== undefined
      ? { contact: extras.contact ? ContactTransformer.transform(extras.contact) : null }
      : {}),
    ...(extras.unread !== undefined ? { unread: extras.unread } : {}),
    ...(extras.lastMessage !== undefined
      ? {
          lastMessage: extras.lastMessage
            ? LastMessageTransformer.transform(extras.lastMessage)
            : null,
        }
      : {}),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }),
}

/** What a web chat visitor sees of a conversation: nothing of the workspace's internals. */
export const ChatConversationTransformer = {
  transform: (c: Conversation) => ({
    id: c.id,
    status: c.status,
    subject: c.subject,
    lastMessageAt: iso(c.lastMessageAt),
    createdAt: iso(c.createdAt),
  }),
}

export const AttachmentTransformer = {
  transform: (a: AttachmentFields) => ({
    id: a.id,
    name: a.name,
    mimeType: a.mimeType,
    kind: a.kind,
    size: a.sizeBytes,
    url: fileUrl(a),
    createdAt: iso(a.createdAt),
  }),
}

export const MessageTransformer = {
  transform: (m: MessageFields, attachments: AttachmentFields[] = []) => ({
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    type: m.type,
    authorMemberId: m.authorMemberId,
    authorContactId: m.authorContactId,
    // A deleted message keeps its place in the thread but not its words.
    body: m.deletedAt ? '' : m.body,
    attachments: m.deletedAt ? [] : attachments.map(AttachmentTransformer.transform),
    status: m.status,
    failureReason: m.failureReason,
    editedAt: iso(m.editedAt),
    deletedAt: iso(m.deletedAt),
    createdAt: iso(m.createdAt),
  }),
}
