import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Conversation from '#models/conversation'
import type { ConversationRef } from '#events/domain_events'

/**
 * Who acts in the inbox: a member (session) or a web chat visitor (its contact), in the request's
 * transaction. Both SessionTenancy and VisitorTenancy are one.
 */
export interface InboxActor {
  trx: TransactionClientContract
  tenantId: string
  workspaceId: string
  memberId?: string
  contactId?: string
}

export type Place = Pick<InboxActor, 'tenantId' | 'workspaceId'>

/** The tenant and workspace of an actor, as domain events carry them. */
export const place = (t: Place) => ({ tenantId: t.tenantId, workspaceId: t.workspaceId })

/** What listeners need of a conversation to route its message's events. */
export const refOf = (c: Conversation): ConversationRef => ({
  id: c.id,
  channel: c.channel,
  contactId: c.contactId,
  whatsappNumberId: c.whatsappNumberId,
})
