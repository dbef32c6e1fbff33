import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const KEY_TYPES = ['secret', 'publishable'] as const
export type KeyType = (typeof KEY_TYPES)[number]

/** A tenant's API key. Secret keys are kept only as a SHA-256 hash; see services/api_keys.ts. */
export default class ApiKey extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare type: KeyType

  @column()
  declare label: string | null

  @column({ serializeAs: null })
  declare lookup: string

  @column({ serializeAs: null })
  declare secretHash: string

  @column({ serializeAs: null })
  declare token: string | null

  @column()
  declare lastFour: string

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
