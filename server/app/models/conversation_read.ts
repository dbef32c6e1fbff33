import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/**
 * How far a member has read a conversation. Its key is (conversation, member); it is written by
 * one upsert that never moves backwards (services/inbox/read_marks.ts), so this model reads.
 */
export default class ConversationRead extends ParleyModel {
  static selfAssignPrimaryKey = false

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column({ isPrimary: true })
  declare conversationId: string

  @column()
  declare memberId: string

  @column()
  declare lastReadMessageId: string

  @column.dateTime()
  declare readAt: DateTime
}
