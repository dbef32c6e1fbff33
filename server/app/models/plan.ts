import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'
import type { Feature, MeteredFeature } from '#validators/billing'

export interface PlanPrice {
  interval: 'month' | 'year'
  amount: number
  currency: string
  /** The Price in the reseller's Stripe account (null for a free price). */
  stripePriceId: string | null
}

export type PlanLimits = Partial<Record<Feature, number | null>>

export interface PlanOverage {
  unitAmount: number
  /** The plan's limit when the Prices were made: usage up to it is the free first tier. */
  included: number
  /** Metered Prices, one per "<interval>:<currency>" of the plan's prices. */
  stripePriceIds: Record<string, string>
}

/** A reseller's plan: prices, trial, limits per feature and overage, kept in sync with Stripe. */
export default class Plan extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column(jsonColumn)
  declare prices: PlanPrice[]

  @column()
  declare trialDays: number | null

  @column(jsonColumn)
  declare limits: PlanLimits

  @column(jsonColumn)
  declare overage: Partial<Record<MeteredFeature, PlanOverage>>

  @column()
  declare public: boolean

  @column()
  declare perSeat: boolean

  @column()
  declare stripeProductId: string | null

  @column.dateTime()
  declare archivedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** No price above zero: no Stripe objects, no payment. */
  get isFree() {
    return !this.prices.some((p) => p.amount > 0)
  }
}
