import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OpenAI from 'openai'
import env from '#start/env'
import { ApiError } from '#exceptions/api_error'

export interface OpenAIConfig {
  apiKey: string
  baseUrl?: string
  transcriptionModel: string
}

export const DEFAULT_TRANSCRIPTION_MODEL = 'whisper-1'

/**
 * The OpenAI-compatible provider a tenant transcribes with: its own key (PUT /v1/providers/openai,
 * stored sealed) or the platform's from the environment. None: `PROVIDER_NOT_CONFIGURED`, never a
 * pretend transcript.
 */
export async function openAIConfigFor(trx: TransactionClientContract, tenantId: string) {
  const row = await trx
    .from('provider_credentials')
    .where('tenant_id', tenantId)
    .where('provider', 'openai')
    .first()
  if (row) {
    const config = encryption.decrypt<OpenAIConfig>(row.sealed)
    if (config) return config
  }
  const apiKey = env.get('OPENAI_API_KEY')
  if (!apiKey) return null
  return {
    apiKey,
    baseUrl: env.get('OPENAI_BASE_URL'),
    transcriptionModel: env.get('OPENAI_TRANSCRIPTION_MODEL') ?? DEFAULT_TRANSCRIPTION_MODEL,
  }
}

export async function requireOpenAI(trx: TransactionClientContract, tenantId: string) {
  const config = await openAIConfigFor(trx, tenantId)
  if (!config) {
    throw new ApiError(
      'PROVIDER_NOT_CONFIGURED',
      'No transcription provider is configured: set an OpenAI key with PUT /v1/providers/openai'
    )
  }
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

/** The official SDK, pointed at the configured base URL; retries are the queue's job. */
export const openAIClient = (config: OpenAIConfig) =>
  new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    maxRetries: 0,
    timeout: 10 * 60_000,
  })
