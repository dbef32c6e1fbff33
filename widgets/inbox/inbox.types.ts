export type { Attachment, Composed, Member, Message, Page } from '../kit/conversation/types.js'

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

export interface Presence {
  memberId: string
  status: 'online' | 'away' | 'offline'
  lastSeenAt: string
}
