import type { HttpContext } from '@adonisjs/core/http'
import ApiKey from '#models/api_key'
import { createKey } from '#services/api_keys'
import { audit } from '#services/audit'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { revokeKeyIn } from '#services/tenants'
import { invalidateTenant } from '#services/tenant_cache'
import { ApiKeyTransformer } from '#transformers/api_key_transformer'
import { createKeyValidator } from '#validators/console_settings'
import { validateBody } from '#validators/strict'

/**
 * The tenant's API keys (tenant settings). A new key's full value is in the creation answer
 * only (`key`); secret keys are kept as a hash and cannot be shown again. Revoking ends the key
 * at once: sessions it minted and open event streams close (the `access:changed` event).
 */
export default class KeysController {
  async index({ tenancy }: HttpContext) {
    const keys = await ApiKey.scoped(tenancy).orderBy('id', 'desc')
    return { data: keys.map(ApiKeyTransformer.transform), nextCursor: null }
  }

  async store({ request, response, tenancy }: HttpContext) {
    const { type, label } = await validateBody(request, createKeyValidator)
    const { key, plain } = await createKey(tenancy.trx, tenancy.tenantId, type, label ?? null)
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'key.created',
      actor: settingsActor(tenancy),
      target: { type: 'api_key', id: key.id },
      data: { type, label: label ?? null },
    })
    response.status(201)
    return { ...ApiKeyTransformer.transform(key), key: plain }
  }

  async destroy({ params, response, tenancy }: HttpContext) {
    const key = await ApiKey.findScoped(tenancy, params.id, 'Key')
    await revokeKeyIn(tenancy.trx, key, settingsActor(tenancy))
    // Other instances drop their cached copy of the tenant once the revocation is committed.
    tenancy.trx.after('commit', () => invalidateTenant(tenancy.tenantId))
    return response.noContent()
  }
}
