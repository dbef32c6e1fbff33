import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const DOMAIN_STATUSES = ['pending', 'verified', 'failed'] as const
export type DomainStatus = (typeof DOMAIN_STATUSES)[number]

/**
 * A reseller's own hostname for the loader, chunks, theme CSS, API and event stream, proven by a
 * TXT record `_parley.<hostname>` = `parley-verification=<token>` and pointed here by a CNAME.
 */
export default class CustomDomain extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare hostname: string

  @column({ serializeAs: null })
  declare token: string

  @column()
  declare status: DomainStatus

  /** Why the last check failed, in words (record missing, wrong value, CNAME elsewhere). */
  @column()
  declare error: string | null

  @column.dateTime()
  declare checkedAt: DateTime | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
