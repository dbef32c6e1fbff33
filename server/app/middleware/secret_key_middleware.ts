import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import Tenant from '#models/tenant'
import { findPresentedKey, parseKey, touchKey } from '#services/api_keys'
import { withTenantRequest } from '#services/tenant_context'
import { bearer } from '#services/bearer'

/**
 * Server-to-server routes: `Authorization: Bearer sk_…`. The request runs in one transaction
 * scoped to the key's tenant, from the key lookup to the response.
 */
export default class SecretKeyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const presented = bearer(ctx)
    if (!presented)
      throw ApiError.unauthenticated('Send a secret key as Authorization: Bearer sk_…')
    const parsed = parseKey(presented)
    if (!parsed || parsed.type !== 'secret') throw ApiError.unauthenticated('Invalid secret key')

    return withTenantRequest(ctx, { tenantId: parsed.tenantId }, async (trx) => {
      const key = await findPresentedKey(trx, presented)
      if (!key) throw ApiError.unauthenticated('Invalid secret key')
      if (key.revokedAt) throw ApiError.unauthenticated('This secret key has been revoked')
      const tenant = await Tenant.findOrFail(parsed.tenantId, { client: trx })
      if (tenant.status !== 'active') throw ApiError.forbidden('This tenant is suspended')
      await touchKey(trx, key)

      ctx.tenancy = { tenantId: tenant.id, tenant, trx, actor: { type: 'secret_key', id: key.id } }
      ctx.logger = ctx.logger.child({ tenant_id: tenant.id })
      return next()
    })
  }
}
