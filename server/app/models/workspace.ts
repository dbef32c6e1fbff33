import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/** One customer account of a reseller, named by the reseller's own id (`externalId`). */
export default class Workspace extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare externalId: string

  @column()
  declare name: string | null

  /** Anonymous visitors may start conversations (POST /v1/chat/visitors). */
  @column()
  declare webChatEnabled: boolean

  /** `suspended`: its sessions, visitors and streams are refused until resumed. */
  @column()
  declare status: 'active' | 'suspended'

  @column.dateTime()
  declare suspendedAt: DateTime | null

  /** Minutes of transcription a month; null: the tenant's default. */
  @column()
  declare transcriptionMinutesQuota: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
