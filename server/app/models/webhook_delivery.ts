import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const

/** One event for one webhook, with the outcome of its latest attempt. */
export default class WebhookDelivery extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare webhookId: string

  /** The domain event it carries (one delivery per webhook and event). */
  @column()
  declare eventId: string | null

  @column()
  declare eventType: string

  @column(jsonColumn)
  declare payload: Record<string, unknown>

  @column()
  declare status: (typeof DELIVERY_STATUSES)[number]

  @column()
  declare attempts: number

  @column()
  declare responseStatus: number | null

  @column()
  declare responseBody: string | null

  @column()
  declare error: string | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
