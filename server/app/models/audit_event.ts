import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

export type ActorType =
  'operator' | 'secret_key' | 'session' | 'system' | 'console_user' | 'platform_user'

/** One change to keys, tenants, session policy or member roles; never updated or deleted. */
export default class AuditEvent extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string | null

  @column()
  declare action: string

  @column()
  declare actorType: ActorType

  @column()
  declare actorId: string | null

  @column()
  declare targetType: string | null

  @column()
  declare targetId: string | null

  @column(jsonColumn)
  declare data: Record<string, unknown>

  @column()
  declare requestId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
