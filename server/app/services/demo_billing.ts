import { v7 as uuidv7 } from 'uuid'
import { withTenant } from '#services/tenant_context'

/**
 * The demo tenant's plans, so <parley-billing> has something to show: Free, Pro ($29) and
 * Business ($99) with limits per feature. Stored without Stripe objects: until the demo tenant
 * connects Stripe (PUT /v1/providers/stripe) the widget explains what to configure (424); after,
 * a `PATCH /v1/plans/:id` with `{}` makes each paid plan's Product and Prices there.
 * Added once per name: a plan of that name already there (kept or archived) is left as it is.
 */
export const DEMO_PLANS = [
  {
    name: 'Free',
    description: 'To try Parley with a small team',
    prices: [],
    limits: { seats: 2, transcriptionMinutes: 60, whatsappNumbers: 1, campaignRecipients: 100 },
  },
  {
    name: 'Pro',
    description: 'For growing teams',
    prices: [
      { interval: 'month', amount: 2900, currency: 'usd' },
      { interval: 'year', amount: 29000, currency: 'usd' },
    ],
    trialDays: 14,
    limits: { seats: 5, transcriptionMinutes: 600, whatsappNumbers: 2, campaignRecipients: 5000 },
  },
  {
    name: 'Business',
    description: 'More seats, numbers and campaigns',
    prices: [
      { interval: 'month', amount: 9900, currency: 'usd' },
      { interval: 'year', amount: 99000, currency: 'usd' },
    ],
    limits: {
      seats: 20,
      transcriptionMinutes: 3000,
      whatsappNumbers: 10,
      campaignRecipients: 50000,
    },
  },
] as const

/** Returns the names of the plans it added (none on a second run). */
export async function seedDemoPlans(tenantId: string) {
  return withTenant(
    { tenantId },
    async (trx) => {
      const rows = await trx.from('plans').where('tenant_id', tenantId).select('name')
      const existing = new Set(rows.map((p) => p.name))
      const added: string[] = []
      for (const plan of DEMO_PLANS) {
        if (existing.has(plan.name)) continue
        await trx.table('plans').insert({
          tenant_id: tenantId,
          id: uuidv7(),
          name: plan.name,
          description: plan.description,
          prices: JSON.stringify(plan.prices.map((p) => ({ ...p, stripePriceId: null }))),
          trial_days: 'trialDays' in plan ? plan.trialDays : null,
          limits: JSON.stringify(plan.limits),
          overage: JSON.stringify({}),
          public: true,
        })
        added.push(plan.name)
      }
      return added
    },
    'operator'
  )
}
