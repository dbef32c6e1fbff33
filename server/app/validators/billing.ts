import vine from '@vinejs/vine'
import { ApiError } from '#exceptions/api_error'
import { cursor, notBlank, pageLimit } from '#validators/rules'

/** PUT /v1/providers/stripe: Connect (`accountId`) or the tenant's own keys, and its publishable key. */
export const stripeProviderValidator = vine.create(
  vine.object({
    accountId: vine
      .string()
      .trim()
      .regex(/^acct_[A-Za-z0-9]{1,100}$/)
      .optional(),
    secretKey: vine
      .string()
      .trim()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,250}$/)
      .optional(),
    webhookSecret: vine
      .string()
      .trim()
      .regex(/^whsec_[A-Za-z0-9+/=_-]{8,250}$/)
      .optional(),
    publishableKey: vine
      .string()
      .trim()
      .regex(/^pk_(test|live)_[A-Za-z0-9_]{8,250}$/)
      .optional(),
  })
)

/** Exactly one mode: `accountId`, or `secretKey` with `webhookSecret`. */
export function stripeInput(payload: {
  accountId?: string
  secretKey?: string
  webhookSecret?: string
  publishableKey?: string
}) {
  const { accountId, secretKey, webhookSecret, publishableKey } = payload
  if (accountId && (secretKey || webhookSecret)) {
    throw ApiError.validation([
      { field: 'accountId', message: 'Send either accountId (Connect) or secretKey (own account)' },
    ])
  }
  if (accountId) return { accountId, publishableKey }
  const details = []
  if (!secretKey)
    details.push({ field: 'secretKey', message: 'Send accountId (Connect) or a secret key' })
  if (secretKey && !webhookSecret)
    details.push({ field: 'webhookSecret', message: 'The webhook secret of your endpoint' })
  if (details.length) throw ApiError.validation(details)
  const live = (key: string) => key.includes('_live_')
  if (publishableKey && live(publishableKey) !== live(secretKey!)) {
    throw ApiError.validation([
      {
        field: 'publishableKey',
        message: 'The publishable key is not of the same mode (test/live)',
      },
    ])
  }
  return { secretKey: secretKey!, webhookSecret: webhookSecret!, publishableKey }
}

export const FEATURES = [
  'seats',
  'transcriptionMinutes',
  'whatsappNumbers',
  'campaignRecipients',
] as const
export type Feature = (typeof FEATURES)[number]
/** Features counted over the billing period (the others count what exists now). */
export const METERED_FEATURES = ['transcriptionMinutes', 'campaignRecipients'] as const
export type MeteredFeature = (typeof METERED_FEATURES)[number]

const limit = () => vine.number().withoutDecimals().range([0, 1_000_000_000]).nullable().optional()
const price = vine.object({
  interval: vine.enum(['month', 'year'] as const),
  amount: vine.number().withoutDecimals().range([0, 100_000_000]),
  currency: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/),
})
const overageFor = () =>
  vine
    .object({ unitAmount: vine.number().withoutDecimals().range([1, 1_000_000]) })
    .nullable()
    .optional()

const planFields = {
  name: vine.string().trim().minLength(1).maxLength(120),
  description: vine.string().trim().maxLength(1000).nullable().optional(),
  prices: vine.array(price).maxLength(12),
  trialDays: vine.number().withoutDecimals().range([0, 730]).nullable().optional(),
  limits: vine.object({
    seats: limit(),
    transcriptionMinutes: limit(),
    whatsappNumbers: limit(),
    campaignRecipients: limit(),
  }),
  overage: vine
    .object({ transcriptionMinutes: overageFor(), campaignRecipients: overageFor() })
    .optional(),
  public: vine.boolean(),
  perSeat: vine.boolean().optional(),
}

export const createPlanValidator = vine.create(
  vine.object({
    ...planFields,
    prices: planFields.prices.optional(),
    limits: planFields.limits.optional(),
    public: planFields.public.optional(),
  })
)

export const updatePlanValidator = vine.create(
  vine.object({
    // A blank name arrives as null (the body parser), which optional() would take as left out;
    // a blank description is null too, and clears it.
    name: planFields.name.clone().use(notBlank()).optional(),
    description: planFields.description,
    prices: planFields.prices.optional(),
    trialDays: planFields.trialDays,
    limits: planFields.limits.optional(),
    overage: planFields.overage,
    public: planFields.public.optional(),
    perSeat: planFields.perSeat,
  })
)

export type PlanPriceInput = { interval: 'month' | 'year'; amount: number; currency: string }

/** One price per interval and currency; an overage needs the limit it goes beyond. */
export function checkPlan(plan: {
  prices?: PlanPriceInput[]
  limits?: Record<string, number | null | undefined>
  overage?: Record<string, { unitAmount: number } | null | undefined>
}) {
  const details = []
  const seen = new Set<string>()
  for (const [i, p] of (plan.prices ?? []).entries()) {
    const key = `${p.interval}:${p.currency}`
    if (seen.has(key))
      details.push({
        field: `prices.${i}`,
        message: `A second ${p.interval}ly price in ${p.currency}`,
      })
    seen.add(key)
  }
  for (const [feature, overage] of Object.entries(plan.overage ?? {})) {
    if (!overage) continue
    const value = plan.limits?.[feature]
    if (value === undefined || value === null)
      details.push({
        field: `overage.${feature}`,
        message: 'Overage is billed beyond a limit: set limits.' + feature,
      })
    if (!(plan.prices ?? []).some((p) => p.amount > 0))
      details.push({ field: `overage.${feature}`, message: 'Overage needs a paid price' })
  }
  if (details.length) throw ApiError.validation(details)
}

export const previewValidator = vine.create(
  vine.object({
    planId: vine.string().trim().maxLength(100),
    interval: vine.enum(['month', 'year'] as const),
    currency: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3}$/)
      .optional(),
  })
)

export const cancelValidator = vine.create(
  vine.object({
    atPeriodEnd: vine.boolean().optional(),
    reason: vine.string().trim().maxLength(500).optional(),
    feedback: vine
      .enum([
        'customer_service',
        'low_quality',
        'missing_features',
        'other',
        'switched_service',
        'too_complex',
        'too_expensive',
        'unused',
      ] as const)
      .optional(),
  })
)

export const invoicesValidator = vine.create(vine.object({ limit: pageLimit(), cursor: cursor() }))

/** POST /v1/billing/payment-method/checkout: where Checkout sends the customer back. */
export const checkoutValidator = vine.create(
  vine.object({
    returnUrl: vine.string().trim().maxLength(2048),
    /** One per click: a retry of the same click gets the same Checkout session. */
    nonce: vine
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional(),
  })
)
