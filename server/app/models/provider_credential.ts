import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/**
 * A tenant's own credentials for a provider (OpenAI today), sealed with APP_KEY, never returned.
 * Its key is (tenant, provider).
 */
export default class ProviderCredential extends ParleyModel {
  static scopedBy = 'tenant' as const
  static selfAssignPrimaryKey = false

  @column()
  declare tenantId: string

  @column({ isPrimary: true })
  declare provider: string

  @column({ serializeAs: null })
  declare sealed: string

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
