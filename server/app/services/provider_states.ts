import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { CLASSIFICATION_MODEL } from '#services/campaigns/classify_reply'
import { DEFAULT_TRANSCRIPTION_MODEL, type OpenAIConfig } from '#services/recordings/provider'
import { stripeSettings } from '#services/billing/stripe_client'
import { withTenant } from '#services/tenant_context'

const iso = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null

/**
 * The OpenAI provider as GET /v1/providers shows it: whose key transcribes (the tenant's own,
 * the platform's, or none) and the models used, never the key. A tenant's base URL is its own
 * setting and shown; the platform's is the operator's and is not.
 */
export async function openAIState(trx: TransactionClientContract, tenantId: string) {
  const row = await trx
    .from('provider_credentials')
    .where('tenant_id', tenantId)
    .where('provider', 'openai')
    .first()
  const own = row ? encryption.decrypt<OpenAIConfig>(row.sealed) : null
  const platform = !own && Boolean(env.get('OPENAI_API_KEY'))
  return {
    configured: Boolean(own) || platform,
    source: own ? ('tenant' as const) : platform ? ('platform' as const) : null,
    baseUrl: own?.baseUrl ?? null,
    models: {
      transcription:
        own?.transcriptionModel ??
        env.get('OPENAI_TRANSCRIPTION_MODEL') ??
        DEFAULT_TRANSCRIPTION_MODEL,
      summary: env.get('OPENAI_SUMMARY_MODEL') ?? 'gpt-4o-mini',
      classification: CLASSIFICATION_MODEL,
    },
    updatedAt: own ? iso(row.updated_at) : null,
  }
}

/**
 * The Stripe account as GET /v1/providers shows it: its mode and id, when PUT last verified and
 * stored it (it stores only what Stripe confirmed), whether billing can use it now (own mode needs
 * its sealed keys, Connect the platform's key), and whether Connect is offered at all.
 */
export async function stripeState(trx: TransactionClientContract, tenantId: string) {
  const connectAvailable = Boolean(env.get('STRIPE_SECRET_KEY'))
  const row = await trx.from('stripe_accounts').where('tenant_id', tenantId).first()
  if (!row)
    return {
      configured: false,
      ready: false,
      mode: null,
      accountId: null,
      livemode: null,
      publishableKey: null,
      verifiedAt: null,
      connectAvailable,
    }
  return {
    configured: true,
    ready: (await stripeSettings(trx, tenantId)) !== null,
    mode: row.mode as 'connect' | 'own',
    accountId: row.account_id as string,
    livemode: Boolean(row.livemode),
    // Publishable keys are public by design (Stripe.js carries them into pages).
    publishableKey: row.mode === 'own' ? (row.publishable_key ?? null) : null,
    verifiedAt: iso(row.updated_at),
    connectAvailable,
  }
}

/**
 * WhatsApp numbers across every workspace of the tenant, counted by state. Read on the relay pool
 * scoped to the tenant (as the usage report does): the application role sees one workspace's
 * numbers at a time.
 */
export async function whatsappCounts(tenantId: string) {
  const { rows } = await withTenant(
    { tenantId },
    (trx) =>
      trx.rawQuery(
        `select status, count(*)::int as n from whatsapp_numbers where tenant_id = ? group by status`,
        [tenantId]
      ),
    'relay'
  )
  const counted = rows as { status: string; n: number }[]
  const byStatus = Object.fromEntries(counted.map((r) => [r.status, r.n]))
  return {
    numbers: counted.reduce((sum, r) => sum + r.n, 0),
    connected: byStatus.open ?? 0,
    byStatus,
  }
}
