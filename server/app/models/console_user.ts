import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const CONSOLE_ROLES = ['owner', 'admin', 'developer', 'support'] as const
export type ConsoleRole = (typeof CONSOLE_ROLES)[number]

/**
 * A person who signs in to a tenant's partner console. Secrets never leave the server: the
 * password hash, the sealed TOTP secret and the recovery-code hashes are not serialised.
 */
export default class ConsoleUser extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare role: ConsoleRole

  @column()
  declare email: string

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare passwordHash: string | null

  @column({ serializeAs: null })
  declare totpSealed: string | null

  @column({ serializeAs: null })
  declare totpPendingSealed: string | null

  @column.dateTime()
  declare totpEnabledAt: DateTime | null

  @column({ serializeAs: null })
  declare totpLastStep: string | null

  @column({ serializeAs: null })
  declare recoveryCodes: string[]

  @column({ serializeAs: null })
  declare failedAttempts: number

  @column.dateTime({ serializeAs: null })
  declare lockedUntil: DateTime | null

  @column.dateTime()
  declare lastSignInAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
