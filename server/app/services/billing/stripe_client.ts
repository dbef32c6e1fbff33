import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Stripe from 'stripe'
import env from '#start/env'
import { ApiError } from '#exceptions/api_error'

/**
 * The reseller's Stripe account, in one of two modes:
 * - `connect`: a connected account of the platform; every call runs under the platform's
 *   STRIPE_SECRET_KEY with `Stripe-Account: acct_…` (direct charges on that account).
 * - `own`: the tenant's own restricted (or secret) key and webhook secret.
 * What is not secret (mode, account id, publishable key, livemode, meters) is in
 * `stripe_accounts`; the tenant's key and webhook secret are sealed under APP_KEY in
 * `provider_credentials` like the OpenAI key, and never returned.
 */
export interface StripeSettings {
  mode: 'connect' | 'own'
  accountId: string
  livemode: boolean
  publishableKey: string | null
  meters: Record<string, string>
  /** Own mode only. */
  secretKey?: string
  webhookSecret?: string
}

interface SealedStripe {
  secretKey: string
  webhookSecret: string
}

/**
 * The SDK's connection options. STRIPE_API_BASE points it at a local double and is honoured only
 * outside production: the product path uses the SDK's own defaults (api.stripe.com over https).
 */
export function sdkOptions(): Stripe.StripeConfig {
  const base = app.inProduction ? undefined : env.get('STRIPE_API_BASE')
  const url = base ? new URL(base) : null
  return {
    // The SDK retries network failures and 409/429/5xx with an idempotency key of its own (or
    // ours); more than that is the caller's (a job's) business.
    maxNetworkRetries: url ? 0 : 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Parley' },
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === 'https:' ? 443 : 80),
          protocol: url.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  }
}

/** The platform's client (Connect mode), or null when STRIPE_SECRET_KEY is not set. */
export function platformStripe(): Stripe | null {
  const key = env.get('STRIPE_SECRET_KEY')
  return key ? new Stripe(key, sdkOptions()) : null
}

/** The client that speaks for a tenant's account: every call carries its account or its key. */
export function stripeFor(settings: StripeSettings): Stripe {
  if (settings.mode === 'own') return new Stripe(settings.secretKey!, sdkOptions())
  const key = env.get('STRIPE_SECRET_KEY')
  if (!key) throw notConfigured('The platform has no STRIPE_SECRET_KEY for Stripe Connect')
  return new Stripe(key, { ...sdkOptions(), stripeAccount: settings.accountId })
}

export const notConfigured = (
  message = 'Stripe is not configured for this tenant: connect it with PUT /v1/providers/stripe'
) => new ApiError('PROVIDER_NOT_CONFIGURED', message)

/** The tenant's Stripe settings, or null while it has none. */
export async function stripeSettings(
  trx: TransactionClientContract,
  tenantId: string
): Promise<StripeSettings | null> {
  const row = await trx.from('stripe_accounts').where('tenant_id', tenantId).first()
  if (!row) return null
  const settings: StripeSettings = {
    mode: row.mode,
    accountId: row.account_id,
    livemode: row.livemode,
    publishableKey:
      row.mode === 'connect' ? (env.get('STRIPE_PUBLISHABLE_KEY') ?? null) : row.publishable_key,
    meters: row.meters ?? {},
  }
  if (row.mode === 'own') {
    const sealed = await trx
      .from('provider_credentials')
      .where('tenant_id', tenantId)
      .where('provider', 'stripe')
      .first()
    const secrets = sealed ? encryption.decrypt<SealedStripe>(sealed.sealed) : null
    if (!secrets) return null
    settings.secretKey = secrets.secretKey
    settings.webhookSecret = secrets.webhookSecret
  } else if (!env.get('STRIPE_SECRET_KEY')) {
    return null
  }
  return settings
}

/** The tenant's settings and a client for them, or 424 PROVIDER_NOT_CONFIGURED. */
export async function requireStripe(trx: TransactionClientContract, tenantId: string) {
  const settings = await stripeSettings(trx, tenantId)
  if (!settings) throw notConfigured()
  return { settings, stripe: stripeFor(settings) }
}

export type StripeInput =
  | { accountId: string; publishableKey?: string }
  | { secretKey: string; webhookSecret: string; publishableKey?: string }

const liveKey = (key: string) => /^(sk|rk|pk)_live_/.test(key)

/**
 * Checks the account with one read call before anything is stored: Connect reads the connected
 * account under the platform key; own mode reads the key's own account. A refused key or an
 * unknown account is a 422 naming the field; Stripe unreachable is a 503.
 */
export async function verifyStripe(input: StripeInput) {
  try {
    if ('accountId' in input) {
      const platform = platformStripe()
      if (!platform)
        throw notConfigured('Stripe Connect needs the platform to set STRIPE_SECRET_KEY')
      const account = await platform.accounts.retrieve(input.accountId)
      return {
        mode: 'connect' as const,
        accountId: account.id,
        livemode: liveKey(env.get('STRIPE_SECRET_KEY')!),
      }
    }
    const stripe = new Stripe(input.secretKey, sdkOptions())
    const account = await stripe.accounts.retrieveCurrent()
    return { mode: 'own' as const, accountId: account.id, livemode: liveKey(input.secretKey) }
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    const field = 'accountId' in input ? 'accountId' : 'secretKey'
    if (error.type === 'StripeAuthenticationError' || error.type === 'StripePermissionError') {
      throw ApiError.validation([{ field, message: 'Stripe refused this key' }])
    }
    if (error.type === 'StripeInvalidRequestError') {
      throw ApiError.validation([
        { field, message: 'Stripe does not know this account (or it is not connected)' },
      ])
    }
    throw new ApiError('SERVICE_UNAVAILABLE', 'Stripe could not be reached; try again')
  }
}

/** Stores what PUT /v1/providers/stripe verified: secrets sealed, the rest in plain. */
export async function saveStripeSettings(
  trx: TransactionClientContract,
  tenantId: string,
  verified: Awaited<ReturnType<typeof verifyStripe>>,
  input: StripeInput
) {
  const publishableKey = input.publishableKey ?? null
  await trx
    .table('stripe_accounts')
    .insert({
      tenant_id: tenantId,
      mode: verified.mode,
      account_id: verified.accountId,
      livemode: verified.livemode,
      publishable_key: publishableKey,
      meters: JSON.stringify({}),
      updated_at: new Date(),
    })
    .onConflict('tenant_id')
    .merge()
    .catch((error) => {
      // The unique index on connected accounts sees every tenant's rows (RLS hides them).
      if (error?.code === '23505')
        throw new ApiError('CONFLICT', 'This Stripe account is already connected to another tenant')
      throw error
    })
  if ('secretKey' in input) {
    await trx
      .table('provider_credentials')
      .insert({
        tenant_id: tenantId,
        provider: 'stripe',
        sealed: encryption.encrypt({
          secretKey: input.secretKey,
          webhookSecret: input.webhookSecret,
        } satisfies SealedStripe),
        updated_at: new Date(),
      })
      .onConflict(['tenant_id', 'provider'])
      .merge(['sealed', 'updated_at'])
  } else {
    await trx
      .from('provider_credentials')
      .where('tenant_id', tenantId)
      .where('provider', 'stripe')
      .delete()
  }
}

/**
 * A Stripe failure during a billing action, as the contract's error: a card declined or a
 * request Stripe refused is 409 with Stripe's own words (written for the card holder) and its
 * decline code; a refused key is 424; anything else 503, without Stripe's details.
 */
export function stripeFailure(error: unknown): never {
  if (error instanceof Stripe.errors.StripeError) {
    if (error.type === 'StripeCardError')
      throw new ApiError('CONFLICT', error.message, undefined, {}, { decline: error.code })
    if (error.type === 'StripeInvalidRequestError' && error.statusCode === 400)
      throw new ApiError('CONFLICT', `Stripe refused the request: ${error.message}`)
    if (error.type === 'StripeAuthenticationError' || error.type === 'StripePermissionError')
      throw notConfigured(
        'Stripe refused the configured key; set it again with PUT /v1/providers/stripe'
      )
    throw new ApiError('SERVICE_UNAVAILABLE', 'Stripe could not be reached; try again')
  }
  throw error
}
