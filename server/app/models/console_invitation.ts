import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'
import type { ConsoleRole } from '#models/console_user'

/** A one-time link to join a tenant's console; only the token's SHA-256 is kept. */
export default class ConsoleInvitation extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare email: string

  @column()
  declare role: ConsoleRole

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedBy: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
