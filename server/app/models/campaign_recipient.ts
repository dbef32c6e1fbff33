import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export type RecipientStatus =
  'queued' | 'sent' | 'delivered' | 'read' | 'replied' | 'failed' | 'skipped' | 'exited'

export type ReplyClassification = 'interested' | 'not_interested' | 'question' | 'opt_out' | 'other'

/** One contact at one step of a campaign, and what became of its message. */
export default class CampaignRecipient extends ParleyModel {
  static table = 'campaign_recipients'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare campaignId: string

  @column()
  declare contactId: string

  @column()
  declare step: number

  @column()
  declare variant: number | null

  @column()
  declare status: RecipientStatus

  /** For failed, skipped and exited: a code such as `optedOut`, `quietHours`, `frequencyCap`. */
  @column()
  declare reason: string | null

  @column()
  declare detail: string | null

  @column()
  declare whatsappNumberId: string | null

  @column()
  declare conversationId: string | null

  @column()
  declare messageId: string | null

  @column.dateTime()
  declare dueAt: DateTime

  @column()
  declare attempts: number

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime()
  declare repliedAt: DateTime | null

  @column()
  declare classification: ReplyClassification | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
