import type { Composed } from './composer.component.js'

/** What the inbox reads from the API (docs/inbox.md). */
export interface Me {
  tenant: { id: string; name: string }
  workspaceId: string
  widgets: string[]
  member: { id: string; name: string | null; role: string }
}

export interface Contact {
  id: string
  name: string | null
  phone: string | null
  email: string | null
}

export interface Conversation {
  id: string
  channel: 'web' | 'whatsapp' | 'internal'
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed'
  priority: 'low' | 'normal' | 'high' | 'urgent'
  assigneeId: string | null
  tags?: string[]
  snoozedUntil?: string | null
  subject: string | null
  lastMessageAt: string
  contactId?: string | null
  contact?: Contact | null
  unread?: number
}

export interface Attachment {
  id: string
  name: string
  mimeType: string
  kind: 'image' | 'audio' | 'video' | 'file'
  size: number
  /** A signed link that expires after some hours; reload the thread for fresh ones. */
  url: string
}

export interface Member {
  id: string
  name: string | null
  role: string
}

export interface Presence {
  memberId: string
  status: 'online' | 'away' | 'offline'
  lastSeenAt: string
}

export interface Message {
  id: string
  conversationId: string
  body: string
  type: 'text' | 'note'
  direction: 'inbound' | 'outbound' | 'internal'
  authorMemberId: string | null
  status: 'pending' | 'sent' | 'delivered' | 'read' | 'failed'
  createdAt: string
  attachments?: Attachment[]
  authorContactId?: string | null
  editedAt?: string | null
  deletedAt?: string | null
  /** Only on the sender's page, before the server confirmed it. */
  localState?: 'sending' | 'failed'
  idempotencyKey?: string
  /** What the composer sent, kept to resend it after a failure. */
  composed?: Composed
}

export interface Page<T> {
  data: T[]
  nextCursor: string | null
}
