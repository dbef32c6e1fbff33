import type { ApiClient } from '@japa/api-client'
import env from '#start/env'
import { startStripeDouble, type StripeDouble } from '#tests/doubles/stripe_server'
import { baseUrl, makeTenant, mintSession, ORIGIN, visit } from '#tests/helpers'

export const PLATFORM_WEBHOOK_SECRET = 'whsec_platform_test_secret'

/** Starts the Stripe double and points the SDK (and the platform's Connect settings) at it. */
export async function stripeWorld() {
  const double = await startStripeDouble()
  const before = {
    base: env.get('STRIPE_API_BASE'),
    key: env.get('STRIPE_SECRET_KEY'),
    hook: env.get('STRIPE_WEBHOOK_SECRET'),
    pk: env.get('STRIPE_PUBLISHABLE_KEY'),
  }
  env.set('STRIPE_API_BASE', double.url)
  env.set('STRIPE_SECRET_KEY', double.platformKey)
  env.set('STRIPE_WEBHOOK_SECRET', PLATFORM_WEBHOOK_SECRET)
  env.set('STRIPE_PUBLISHABLE_KEY', 'pk_test_platform_publishable')
  return {
    double,
    async close() {
      for (const [name, value] of [
        ['STRIPE_API_BASE', before.base],
        ['STRIPE_SECRET_KEY', before.key],
        ['STRIPE_WEBHOOK_SECRET', before.hook],
        ['STRIPE_PUBLISHABLE_KEY', before.pk],
      ] as const) {
        env.set(name, value as never)
        // Unset stays unset: env.set(undefined) leaves the string "undefined" in process.env,
        // which every server process a later test spawns then refuses to start with.
        if (value === undefined) delete process.env[name]
      }
      await double.close()
    },
  }
}

/** A tenant connected through Connect, with an owner session of a workspace. */
export async function connectedTenant(client: ApiClient, double: StripeDouble, workspace = 'acme') {
  const tenant = await makeTenant()
  const accountId = double.connectAccount()
  const put = await visit(client, 'providers.stripe.update')
    .bearerToken(tenant.secretKey)
    .json({ accountId })
  put.assertStatus(200)
  const owner = await mintSession(client, tenant.secretKey, { workspace, user: 'owner' })
  return { tenant, accountId, owner }
}

export const MONTHLY_PRO = {
  name: 'Pro',
  description: 'For growing teams',
  prices: [
    { interval: 'month', amount: 2900, currency: 'usd' },
    { interval: 'year', amount: 29000, currency: 'usd' },
  ],
  limits: { seats: 5, transcriptionMinutes: 600, whatsappNumbers: 2, campaignRecipients: 5000 },
  public: true,
}

export async function createPlan(client: ApiClient, secretKey: string, plan: object) {
  const response = await visit(client, 'plans.store').bearerToken(secretKey).json(plan)
  response.assertStatus(201)
  return response.body()
}

export const webhookUrl = (tenantId?: string) =>
  `${baseUrl()}/v1/stripe/webhooks${tenantId ? `/${tenantId}` : ''}`

export { ORIGIN }
