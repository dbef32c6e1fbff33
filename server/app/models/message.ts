import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

/** What members send. Messages from channels may also be `location`, `contact` or `reaction`. */
export const MESSAGE_TYPES = ['text', 'note'] as const
export type MessageType = (typeof MESSAGE_TYPES)[number] | 'location' | 'contact' | 'reaction'

/** One message of a conversation; a `note` is internal, never sent to the contact. */
export default class Message extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare conversationId: string

  @column()
  declare direction: 'inbound' | 'outbound' | 'internal'

  @column()
  declare type: MessageType

  @column()
  declare authorMemberId: string | null

  @column()
  declare authorContactId: string | null

  @column()
  declare body: string

  @column()
  declare status: 'pending' | 'sent' | 'delivered' | 'read' | 'failed'

  @column()
  declare failureReason: string | null

  @column({ serializeAs: null })
  declare idempotencyKey: string | null

  /** The provider's id (WhatsApp's message id): one message however often it is delivered. */
  @column()
  declare externalId: string | null

  /** Channel details: coordinates, contact cards, the quoted or reacted-to message, voice note… */
  /** The campaign that sent it, for campaign messages. */
  @column()
  declare campaignId: string | null

  @column(jsonColumn)
  declare metadata: Record<string, unknown>

  @column.dateTime()
  declare editedAt: DateTime | null

  @column.dateTime()
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
