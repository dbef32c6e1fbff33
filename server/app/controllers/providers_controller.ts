import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit'
import { checkOutboundUrl } from '#services/outbound'
import {
  DEFAULT_TRANSCRIPTION_MODEL,
  openAIClient,
  openAIConfigFor,
  providerFailureReason,
  providerNotConfigured,
  saveOpenAIConfig,
} from '#services/recordings/provider'
import { openAIState, stripeState, whatsappCounts } from '#services/provider_states'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { validateBody } from '#validators/strict'
import { openAIProviderValidator } from '#validators/recordings'

/** How long a verification waits for the provider: a person is watching the button. */
const VERIFY_TIMEOUT_MS = 15_000

/**
 * The tenant's providers (secret key, or a console session: everyone reads, owner and admin
 * set): GET /v1/providers, PUT /v1/providers/openai (the key stored sealed, never returned),
 * POST /v1/providers/openai/verify.
 */
export default class ProvidersController {
  /** The state of each provider; no secret, nor any part of one. */
  async index({ tenancy }: HttpContext) {
    const openai = await openAIState(tenancy.trx, tenancy.tenantId)
    const stripe = await stripeState(tenancy.trx, tenancy.tenantId)
    return { openai, stripe, whatsapp: await whatsappCounts(tenancy.tenantId) }
  }

  async openai({ request, response, tenancy }: HttpContext) {
    const payload = await validateBody(request, openAIProviderValidator)
    // The worker calls this URL with the tenant's key: it must be a public address (the same guard
    // checks it again at connect time).
    const refused = payload.baseUrl ? await checkOutboundUrl(payload.baseUrl) : null
    if (refused) throw ApiError.validation([{ field: 'baseUrl', message: `The URL ${refused}` }])
    await saveOpenAIConfig(tenancy.trx, tenancy.tenantId, {
      apiKey: payload.apiKey,
      baseUrl: payload.baseUrl,
      transcriptionModel: payload.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL,
    })
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'provider.openai_set',
      actor: settingsActor(tenancy),
      target: { type: 'provider', id: 'openai' },
    })
    return response.ok({
      provider: 'openai',
      baseUrl: payload.baseUrl ?? null,
      transcriptionModel: payload.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL,
      apiKey: `…${payload.apiKey.slice(-4)}`,
    })
  }

  /**
   * One read call (the model list) with the key in use, tenant's or platform's: `{ ok: true,
   * models }`, or `{ ok: false, reason }` in words safe to show (never the provider's own
   * message). 424 when no key is configured at all.
   */
  async verifyOpenai({ tenancy }: HttpContext) {
    const config = await openAIConfigFor(tenancy.trx, tenancy.tenantId)
    if (!config) throw providerNotConfigured()
    const { source } = await openAIState(tenancy.trx, tenancy.tenantId)
    const checkedAt = new Date().toISOString()
    try {
      const page = await openAIClient(config).models.list({ timeout: VERIFY_TIMEOUT_MS })
      const models = page.data.map((m) => m.id).sort()
      return { ok: true, source, checkedAt, models: models.slice(0, 200) }
    } catch (error) {
      const reason = providerFailureReason(error)
      if (!reason) throw error
      return { ok: false, source, checkedAt, reason }
    }
  }
}
