/** What the conversation UI reads from the API and hands around (docs/inbox.md). */

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
  /** Their picture (GET /v1/members); initials without one. */
  avatarUrl?: string | null
}

/** What `parley-compose` carries: the words, the uploaded files, notes and mentions. */
export interface Composed {
  body: string
  type: 'text' | 'note'
  attachments: Attachment[]
  mentions: string[]
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
