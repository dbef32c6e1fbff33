import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/** An exact origin (scheme://host[:port]) a tenant's publishable keys and widgets may be used from. */
export default class TenantOrigin extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare origin: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
