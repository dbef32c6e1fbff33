import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Stripe from 'stripe'
import type Plan from '#models/plan'
import type { PlanOverage, PlanPrice } from '#models/plan'
import type { StripeSettings } from '#services/billing/stripe_client'
import { stripeFailure } from '#services/billing/stripe_client'
import { iso } from '#transformers/time'
import type { MeteredFeature, PlanPriceInput } from '#validators/billing'

/** What a tenant sees of a plan (its Stripe ids too: they are its own account's). */
export function showPlan(plan: Plan, forTenant = true) {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    prices: plan.prices.map((p) => ({
      interval: p.interval,
      amount: p.amount,
      currency: p.currency,
      ...(forTenant ? { stripePriceId: p.stripePriceId } : {}),
    })),
    trialDays: plan.trialDays,
    limits: plan.limits,
    overage: Object.fromEntries(
      Object.entries(plan.overage).map(([f, o]) => [f, { unitAmount: o!.unitAmount }])
    ),
    public: plan.public,
    perSeat: plan.perSeat,
    ...(forTenant
      ? { stripeProductId: plan.stripeProductId, archived: plan.archivedAt !== null }
      : {}),
    createdAt: iso(plan.createdAt),
    updatedAt: iso(plan.updatedAt),
  }
}

export interface SyncInput {
  prices: PlanPriceInput[]
  overage: Partial<Record<MeteredFeature, { unitAmount: number } | null>>
}

/**
 * Stripe answered a repeated idempotency key with its first answer: the object may have been
 * archived since (the same Price made again within a day), so it is made active again.
 */
const replayed = (object: { lastResponse?: { headers?: Record<string, string> } }) =>
  object.lastResponse?.headers?.['idempotent-replayed'] === 'true'

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)

const METER_EVENTS: Record<MeteredFeature, string> = {
  transcriptionMinutes: 'parley_transcription_minutes',
  campaignRecipients: 'parley_campaign_recipients',
}
export const meterEventName = (feature: MeteredFeature) => METER_EVENTS[feature]

/**
 * Keeps a plan's Products and Prices in the reseller's account in step with it. Stripe Prices
 * are immutable, so a changed amount is a new Price and the old one is archived (never deleted:
 * subscriptions on it go on). Every create carries an idempotency key derived from what it
 * creates, so a retried request (or the same change made again within Stripe's 24 hours)
 * returns the same object instead of a duplicate; updates carry one per revision. A free plan
 * has no Stripe objects (a plan that becomes free archives its own).
 */
export class PlanSync {
  /** Each sync is one revision of the plan: its updates' idempotency keys. */
  private revision = Date.now().toString(36)

  constructor(
    private trx: TransactionClientContract,
    private stripe: Stripe,
    private settings: StripeSettings & { tenantId: string }
  ) {}

  /**
   * `plan` holds the stored state (its Stripe ids) with its new name, description and limits
   * applied; `input` the prices and overage wanted. Sets the plan's prices and overage.
   */
  async sync(plan: Plan, input: SyncInput) {
    try {
      await this.syncUnsafe(plan, input)
    } catch (error) {
      stripeFailure(error)
    }
  }

  async archive(plan: Plan) {
    try {
      await this.archiveObjects(plan, [])
      plan.archivedAt = DateTime.now()
    } catch (error) {
      stripeFailure(error)
    }
  }

  private key(...parts: (string | number)[]) {
    return `parley-${this.settings.tenantId.slice(0, 8)}-${parts.join('-')}`
  }

  private async syncUnsafe(plan: Plan, input: SyncInput) {
    const wanted = input.prices
    if (!wanted.some((p) => p.amount > 0)) {
      await this.archiveObjects(plan, [])
      plan.prices = wanted.map((p) => ({ ...p, stripePriceId: null }))
      plan.overage = {}
      return
    }
    const productFields = {
      name: plan.name,
      description: plan.description || undefined,
      metadata: { parley_plan_id: plan.id, parley_tenant_id: this.settings.tenantId },
    }
    if (!plan.stripeProductId) {
      const product = await this.stripe.products.create(productFields, {
        idempotencyKey: this.key('plan', plan.id, 'product'),
      })
      plan.stripeProductId = product.id
    } else {
      await this.stripe.products.update(
        plan.stripeProductId,
        { ...productFields, description: plan.description ?? '', active: true },
        { idempotencyKey: this.key('plan', plan.id, 'product', digest(productFields)) }
      )
    }

    const prices: PlanPrice[] = []
    for (const p of wanted) {
      const kept = plan.prices.find(
        (old) =>
          old.interval === p.interval &&
          old.currency === p.currency &&
          old.amount === p.amount &&
          old.stripePriceId
      )
      if (kept) {
        prices.push(kept)
        continue
      }
      const price = await this.stripe.prices.create(
        {
          product: plan.stripeProductId!,
          currency: p.currency,
          unit_amount: p.amount,
          nickname: `${plan.name} (${p.interval}ly)`,
          recurring: { interval: p.interval, usage_type: 'licensed' },
          metadata: { parley_plan_id: plan.id },
        },
        { idempotencyKey: this.key('plan', plan.id, 'price', p.interval, p.currency, p.amount) }
      )
      if (replayed(price)) {
        await this.stripe.prices.update(
          price.id,
          { active: true },
          { idempotencyKey: this.key('price', price.id, 'active', this.revision) }
        )
      }
      prices.push({ ...p, stripePriceId: price.id })
    }

    const overage: Partial<Record<MeteredFeature, PlanOverage>> = {}
    for (const [feature, wantedOverage] of Object.entries(input.overage) as [
      MeteredFeature,
      { unitAmount: number } | null,
    ][]) {
      if (!wantedOverage) continue
      const included = plan.limits[feature] ?? 0
      const before = plan.overage[feature]
      const same = before?.unitAmount === wantedOverage.unitAmount && before.included === included
      const meter = await this.meter(feature)
      const stripePriceIds: Record<string, string> = {}
      for (const p of prices.filter((x) => x.amount > 0)) {
        const slot = `${p.interval}:${p.currency}`
        if (same && before.stripePriceIds[slot]) {
          stripePriceIds[slot] = before.stripePriceIds[slot]
          continue
        }
        const spec = { included, unitAmount: wantedOverage.unitAmount, meter }
        const price = await this.stripe.prices.create(
          {
            product: plan.stripeProductId!,
            currency: p.currency,
            nickname: `${plan.name}: ${feature} beyond ${included}`,
            recurring: { interval: p.interval, usage_type: 'metered', meter },
            // Reported usage is all usage: the plan's own allowance is the free first tier.
            ...(included > 0
              ? {
                  billing_scheme: 'tiered' as const,
                  tiers_mode: 'graduated' as const,
                  tiers: [
                    { up_to: included, unit_amount: 0 },
                    { up_to: 'inf' as const, unit_amount: wantedOverage.unitAmount },
                  ],
                }
              : { unit_amount: wantedOverage.unitAmount }),
            metadata: { parley_plan_id: plan.id, parley_feature: feature },
          },
          { idempotencyKey: this.key('plan', plan.id, 'overage', feature, slot, digest(spec)) }
        )
        if (replayed(price)) {
          await this.stripe.prices.update(
            price.id,
            { active: true },
            { idempotencyKey: this.key('price', price.id, 'active', this.revision) }
          )
        }
        stripePriceIds[slot] = price.id
      }
      overage[feature] = { unitAmount: wantedOverage.unitAmount, included, stripePriceIds }
    }

    const keep = [
      ...prices.map((p) => p.stripePriceId!).filter(Boolean),
      ...Object.values(overage).flatMap((o) => Object.values(o!.stripePriceIds)),
    ]
    await this.archivePrices(plan, keep)
    plan.prices = prices
    plan.overage = overage
  }

  /** Archives the plan's Prices not in `keep`; with nothing kept, its Product too. */
  private async archiveObjects(plan: Plan, keep: string[]) {
    await this.archivePrices(plan, keep)
    if (plan.stripeProductId && keep.length === 0) {
      await this.stripe.products.update(
        plan.stripeProductId,
        { active: false },
        { idempotencyKey: this.key('product', plan.stripeProductId, 'archive', this.revision) }
      )
    }
  }

  private async archivePrices(plan: Plan, keep: string[]) {
    const current = [
      ...plan.prices.map((p) => p.stripePriceId),
      ...Object.values(plan.overage).flatMap((o) => Object.values(o!.stripePriceIds)),
    ].filter((id): id is string => Boolean(id))
    for (const priceId of new Set(current)) {
      if (keep.includes(priceId)) continue
      await this.stripe.prices.update(
        priceId,
        { active: false },
        { idempotencyKey: this.key('price', priceId, 'archive', this.revision) }
      )
    }
  }

  /** The account's Billing Meter for a feature, made once (its key names the account and feature). */
  private async meter(feature: MeteredFeature) {
    const existing = this.settings.meters[feature]
    if (existing) return existing
    const meter = await this.stripe.billing.meters.create(
      {
        display_name: `Parley ${feature}`,
        event_name: meterEventName(feature),
        default_aggregation: { formula: 'sum' },
        customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
        value_settings: { event_payload_key: 'value' },
      },
      { idempotencyKey: this.key('meter', this.settings.accountId, feature) }
    )
    this.settings.meters[feature] = meter.id
    await this.trx
      .from('stripe_accounts')
      .where('tenant_id', this.settings.tenantId)
      .update({ meters: JSON.stringify(this.settings.meters), updated_at: new Date() })
    return meter.id
  }
}
