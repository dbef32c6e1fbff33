import { iso } from '#transformers/time'
import type Contact from '#models/contact'
import type Conversation from '#models/conversation'
import type Message from '#models/message'
import type Attachment from '#models/attachment'
import { fileUrl } from '#services/attachments'

/** API shapes of the inbox: ids as strings, ISO-8601 UTC times, nothing internal. */
export const ContactTransformer = {
  transform: (c: Contact) => ({
    id: c.id,
    name: c.name,
    phone: c.phone,
    email: c.email,
    avatarUrl: c.avatarUrl,
    attributes: c.attributes,
    tags: c.tags,
    blocked: c.blocked,
    /** What tells a web visitor apart: { browser, os, city, country, timeZone, language, page } | null. */
    visitor: c.visitor ?? null,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }),
}

export const ConversationTransformer = {
  transform: (c: Conversation, extras: { unread?: number; contact?: Contact | null } = {}) => ({
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
  transform: (a: Attachment) => ({
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
  transform: (m: Message, attachments: Attachment[] = []) => ({
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
