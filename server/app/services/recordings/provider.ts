import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OpenAI from 'openai'
import env from '#start/env'
import { ApiError } from '#exceptions/api_error'
import { outboundFetch, outboundRefusal } from '#services/outbound'

export interface OpenAIConfig {
  apiKey: string
  baseUrl?: string
  transcriptionModel: string
}

/** A configuration as a job uses it: whether its base URL came from a tenant, and so is guarded. */
export interface ResolvedOpenAIConfig extends OpenAIConfig {
  tenantBaseUrl: boolean
}

export const DEFAULT_TRANSCRIPTION_MODEL = 'whisper-1'

/**
 * The OpenAI-compatible provider a tenant transcribes with: its own key (PUT /v1/providers/openai,
 * stored sealed) or the platform's from the environment. None: `PROVIDER_NOT_CONFIGURED`, never a
 * pretend transcript.
 */
export async function openAIConfigFor(
  trx: TransactionClientContract,
  tenantId: string
): Promise<ResolvedOpenAIConfig | null> {
  const row = await trx
    .from('provider_credentials')
    .where('tenant_id', tenantId)
    .where('provider', 'openai')
    .first()
  if (row) {
    const config = encryption.decrypt<OpenAIConfig>(row.sealed)
    if (config) return { ...config, tenantBaseUrl: Boolean(config.baseUrl) }
  }
  const apiKey = env.get('OPENAI_API_KEY')
  if (!apiKey) return null
  return {
    apiKey,
    baseUrl: env.get('OPENAI_BASE_URL'),
    transcriptionModel: env.get('OPENAI_TRANSCRIPTION_MODEL') ?? DEFAULT_TRANSCRIPTION_MODEL,
    tenantBaseUrl: false,
  }
}

/** What a recording says while no provider can transcribe it (an expected state, not a fault). */
export const providerNotConfigured = () =>
  new ApiError(
    'PROVIDER_NOT_CONFIGURED',
    'No transcription provider is configured: set an OpenAI key with PUT /v1/providers/openai'
  )

export async function requireOpenAI(trx: TransactionClientContract, tenantId: string) {
  const config = await openAIConfigFor(trx, tenantId)
  if (!config) throw providerNotConfigured()
  return config
}

export async function saveOpenAIConfig(
  trx: TransactionClientContract,
  tenantId: string,
  config: OpenAIConfig
) {
  await trx
    .table('provider_credentials')
    .insert({
      tenant_id: tenantId,
      provider: 'openai',
      sealed: encryption.encrypt(config),
      updated_at: new Date(),
    })
    .onConflict(['tenant_id', 'provider'])
    .merge(['sealed', 'updated_at'])
}

/**
 * The official SDK, pointed at the configured base URL; retries are the queue's job. A base URL a
 * tenant gave goes through the outbound guard (checked at connect time, redirects not followed),
 * so a name that resolves to an internal address after it was saved is still refused. The
 * platform's own `OPENAI_BASE_URL` (or the SDK's default, when a tenant gave only a key) is the
 * operator's configuration and is trusted: an on-premise install may well point it at a gateway on
 * its private network.
 */
export const openAIClient = (config: OpenAIConfig & { tenantBaseUrl?: boolean }) =>
  new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    maxRetries: 0,
    timeout: 10 * 60_000,
    ...(config.tenantBaseUrl !== false && config.baseUrl ? { fetch: outboundFetch } : {}),
  })

/**
 * Why a provider call failed, in words safe to store and show, or null when the error did not come
 * from the provider. Never the provider's own message: for a tenant's base URL that is whatever
 * that server chose to answer.
 */
export function providerFailureReason(error: unknown): string | null {
  if (outboundRefusal(error))
    return "The transcription provider's address is not allowed (it is not a public address)"
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return 'The transcription provider did not answer in time'
  if (error instanceof OpenAI.APIConnectionError)
    return 'The transcription provider could not be reached'
  if (error instanceof OpenAI.APIError) {
    const status = error.status
    if (status === 401) return 'The transcription provider refused the API key'
    if (status === 429) return 'The transcription provider is rate limiting; try again later'
    if (status && status >= 300 && status < 400)
      return `The transcription provider answered with a redirect (HTTP ${status}), which is not followed`
    return status
      ? `The transcription provider answered with an error (HTTP ${status})`
      : 'The transcription provider answered with an error'
  }
  // JSON.parse quotes the start of what it could not read: the provider's body.
  if (error instanceof SyntaxError) return "The transcription provider's answer could not be read"
  return null
}
