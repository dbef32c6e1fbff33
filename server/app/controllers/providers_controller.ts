import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit'
import { checkOutboundUrl } from '#services/outbound'
import { DEFAULT_TRANSCRIPTION_MODEL, saveOpenAIConfig } from '#services/recordings/provider'
import { validateBody } from '#validators/strict'
import { openAIProviderValidator } from '#validators/recordings'

/** PUT /v1/providers/openai (secret key): the tenant's own OpenAI key, stored sealed, never returned. */
export default class ProvidersController {
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
      actor: { type: 'secret_key', id: tenancy.actor.id },
      target: { type: 'provider', id: 'openai' },
    })
    return response.ok({
      provider: 'openai',
      baseUrl: payload.baseUrl ?? null,
      transcriptionModel: payload.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL,
      apiKey: `…${payload.apiKey.slice(-4)}`,
    })
  }
}
