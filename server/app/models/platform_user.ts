import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/**
 * A platform admin (no tenant). The application role has no grant on the table: every query
 * names the operator connection (`PlatformUser.query({ connection: 'operator' })` or its trx).
 */
export default class PlatformUser extends ParleyModel {
  static connection = 'operator'

  @column({ isPrimary: true })
  declare id: string

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

  @column({ serializeAs: null })
  declare setupTokenHash: string | null

  @column.dateTime({ serializeAs: null })
  declare setupExpiresAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
