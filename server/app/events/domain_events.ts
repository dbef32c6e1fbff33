import type {
  ConversationTransformer,
  LastMessageTransformer,
  MessageTransformer,
} from '#transformers/inbox_transformers'
import type { Widget } from '#models/tenant'
import type { CampaignStatus } from '#models/campaign'

/**
 * What happened, as use cases record it in the outbox (server/app/services/outbox.ts) inside the
 * transaction of the change. The relay emits each one through AdonisJS's emitter once committed;
 * listeners (server/start/events.ts) publish, queue webhooks and send. Payloads are JSON: they
 * are stored, and relayed maybe minutes later by another process.
 */
type ShownConversation = ReturnType<typeof ConversationTransformer.transform>
type ShownMessage = ReturnType<typeof MessageTransformer.transform>
/** For the inbox list only, never webhooks: it may be a note. */
type ShownLastMessage = ReturnType<typeof LastMessageTransformer.transform> | null

interface InWorkspace {
  tenantId: string
  workspaceId: string
}

/** What a listener needs to know of a message's conversation to route it. */
export interface ConversationRef {
  id: string
  channel: 'web' | 'whatsapp' | 'internal'
  contactId: string | null
  whatsappNumberId: string | null
}

export interface DomainEvents {
  'conversation:created': InWorkspace & {
    conversation: ShownConversation
    lastMessage?: ShownLastMessage
  }
  'conversation:updated': InWorkspace & {
    conversation: ShownConversation
    lastMessage?: ShownLastMessage
    /** `message` when only its last message moved (webhooks skip those: message.created says it). */
    cause: 'change' | 'message'
  }
  'message:created': InWorkspace & {
    conversation: ConversationRef
    message: ShownMessage
    /** Members to notify (already checked to be of the workspace, the author left out). */
    mentions: string[]
    byMemberId: string | null
  }
  'message:updated': InWorkspace & { conversation: ConversationRef; message: ShownMessage }
  'conversation:read': InWorkspace & {
    conversationId: string
    upTo: string
    memberId?: string
    contactId?: string
  }
  'recording:queued': InWorkspace & { recordingId: string }
  /**
   * A campaign's state changed. `launched` and `resumed` start the engine (planner, dispatchers);
   * every cause is published as `campaign.updated` on the campaign's channel.
   */
  'campaign:changed': InWorkspace & {
    campaignId: string
    status: CampaignStatus
    cause:
      | 'created'
      | 'edited'
      | 'launched'
      | 'paused'
      | 'resumed'
      | 'cancelled'
      | 'completed'
      | 'failed'
  }
  /** A workspace's plan, subscription or payment method changed: `billing.updated` on its channel. */
  'billing:changed': InWorkspace & { cause: string }
  /** A feature's use reached 80 % or 100 % of its limit this period (once each per period). */
  'billing:alert': InWorkspace & {
    feature: string
    threshold: 80 | 100
    used: number
    limit: number
    resetsAt: string | null
  }
  'webhook:redelivery-requested': InWorkspace & { deliveryId: string }
  /**
   * Sessions lost some or all of their rights: a key revoked, a tenant suspended, a member's role
   * or widgets changed. Open event streams matching it close (or drop channels) everywhere.
   */
  'access:changed': {
    tenantId: string
    workspaceId?: string
    memberId?: string
    keyId?: string
    /** Narrowing: the widgets the member's sessions keep (streams drop the others' channels). */
    widgets?: Widget[]
    reason: 'key_revoked' | 'tenant_suspended' | 'workspace_suspended' | 'member_changed'
  }
}

export type DomainEventName = keyof DomainEvents

/** Added when the event is recorded: the id listeners derive their idempotency keys from. */
export interface Recorded {
  eventId: string
  occurredAt: string
}

type RelayedEvents = { [K in DomainEventName]: DomainEvents[K] & Recorded }

declare module '@adonisjs/core/types' {
  interface EventsList extends RelayedEvents {}
}
