import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const SUSPENSION_CATEGORIES = ['abuse', 'payment', 'request', 'other'] as const
export type SuspensionCategory = (typeof SUSPENSION_CATEGORIES)[number]

/** Who suspended or resumed: a platform admin, or an operator at the command line. */
export type SuspensionActorType = 'platform_user' | 'operator'

/**
 * One suspension of a tenant, open until `resumedAt`. `reason` is shown to the tenant's console
 * users; `note` and the actors are for platform admins only (the application role cannot read
 * those columns: migration 0036), so the console reads this table through `publicColumns`.
 */
export default class TenantSuspension extends ParleyModel {
  static scopedBy = 'tenant' as const

  /** The columns the application role may read (a console user's view of a suspension). */
  static publicColumns = ['tenant_id', 'id', 'category', 'reason', 'suspended_at', 'resumed_at']

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare category: SuspensionCategory

  @column()
  declare reason: string

  @column()
  declare note: string | null

  @column.dateTime()
  declare suspendedAt: DateTime

  @column()
  declare suspendedByType: SuspensionActorType

  @column()
  declare suspendedById: string | null

  @column.dateTime()
  declare resumedAt: DateTime | null

  @column()
  declare resumedByType: SuspensionActorType | null

  @column()
  declare resumedById: string | null
}
