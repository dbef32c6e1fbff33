import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const CHANNELS = ['web', 'whatsapp', 'internal'] as const
export const STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

/** A conversation of the workspace with a contact (or between members, channel `internal`). */
export default class Conversation extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare contactId: string | null

  @column()
  declare channel: (typeof CHANNELS)[number]

  @column()
  declare status: (typeof STATUSES)[number]

  @column()
  declare priority: (typeof PRIORITIES)[number]

  @column()
  declare assigneeId: string | null

  @column()
  declare tags: string[]

  @column()
  declare subject: string | null

  @column.dateTime()
  declare snoozedUntil: DateTime | null

  @column.dateTime()
  declare lastMessageAt: DateTime

  /** The WhatsApp number a `whatsapp` conversation goes through. */
  @column()
  declare whatsappNumberId: string | null

  @column()
  declare lastMessageId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
