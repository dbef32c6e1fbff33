export type { Attachment, Composed, Member, Message, Page } from '../kit/conversation/types.js'

/** What the inbox reads from the API (docs/inbox.md). */
export interface Me {
  tenant: { id: string; name: string }
  workspaceId: string
  widgets: string[]
  member: { id: string; name: string | null; role: string }
}

/** A web visitor's browser and place (docs/inbox.md); every field may be missing. */
export interface Visitor {
  browser?: string | null
  os?: string | null
  city?: string | null
  country?: string | null
  timeZone?: string | null
  language?: string | null
  page?: string | null
}

export interface Contact {
  id: string
  name: string | null
  phone: string | null
  email: string | null
  avatarUrl?: string | null
  /** Set for web visitors: what tells them apart when they gave no name. */
  visitor?: Visitor | null
  /** Asked not to get campaign messages (STOP, or set by hand), and since when. */
  optedOut?: boolean
  optedOutAt?: string | null
}

/** What a list row shows of a conversation's last message (GET /v1/conversations). */
export interface LastMessage {
  id: string
  type: 'text' | 'note' | 'location' | 'contact' | 'reaction'
  direction: 'inbound' | 'outbound' | 'internal'
  /** Its first 140 characters ('' when deleted). */
  body: string
  attachmentKind: 'image' | 'audio' | 'voice' | 'video' | 'file' | null
  authorMemberId: string | null
  authorContactId: string | null
  /** Members a note mentions. */
  mentions: string[]
  createdAt: string
  deleted: boolean
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
  /** What the row shows as its preview; `null` before any message. */
  lastMessage?: LastMessage | null
  unread?: number
}

export interface Presence {
  memberId: string
  status: 'online' | 'away' | 'offline'
  lastSeenAt: string
}
