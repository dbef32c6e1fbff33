import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const MESSAGE_TYPES = ['text', 'note'] as const

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
  declare type: (typeof MESSAGE_TYPES)[number]

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

  @column.dateTime()
  declare editedAt: DateTime | null

  @column.dateTime()
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
