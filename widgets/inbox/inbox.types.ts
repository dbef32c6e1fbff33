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
  priority: string
  assigneeId: string | null
  subject: string | null
  lastMessageAt: string
  contact?: Contact | null
  unread?: number
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
  editedAt?: string | null
  deletedAt?: string | null
  /** Only on the sender's page, before the server confirmed it. */
  localState?: 'sending' | 'failed'
  idempotencyKey?: string
}

export interface Page<T> {
  data: T[]
  nextCursor: string | null
}
