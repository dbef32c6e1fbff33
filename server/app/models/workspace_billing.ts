import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export interface ShownPaymentMethod {
  brand: string
  last4: string
  expMonth: number
  expYear: number
}

/**
 * A workspace's Stripe customer and the local copy of its subscription: what entitlements and
 * GET /v1/billing read, kept current by the billing actions and Stripe's webhooks.
 */
export default class WorkspaceBilling extends ParleyModel {
  static table = 'workspace_billing'
  static selfAssignPrimaryKey = false

  @column({ isPrimary: true })
  declare workspaceId: string

  @column()
  declare tenantId: string

  @column()
  declare stripeCustomerId: string | null

  @column()
  declare planId: string | null

  @column()
  declare stripeSubscriptionId: string | null

  @column()
  declare status: string | null

  @column()
  declare interval: 'month' | 'year' | null

  @column()
  declare currency: string | null

  @column()
  declare quantity: number | null

  @column.dateTime()
  declare currentPeriodStart: DateTime | null

  @column.dateTime()
  declare currentPeriodEnd: DateTime | null

  @column.dateTime()
  declare cancelAt: DateTime | null

  @column.dateTime()
  declare trialEnd: DateTime | null

  @column()
  declare cancelReason: string | null

  @column()
  declare scheduledPlanId: string | null

  @column()
  declare scheduledInterval: 'month' | 'year' | null

  @column()
  declare pendingClientSecret: string | null

  @column({ prepare: (v: unknown) => (v ? JSON.stringify(v) : null) })
  declare paymentMethod: ShownPaymentMethod | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
