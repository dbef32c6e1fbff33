import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import { checkSecretKey, parseKey } from '#services/api_keys'
import { withLazyTenant } from '#services/lazy_tenant'
import { withTenantRequest } from '#services/tenant_context'
import { bearer } from '#services/bearer'

const REFUSALS = {
  invalid: () => ApiError.unauthenticated('Invalid secret key'),
  revoked: () => ApiError.unauthenticated('This secret key has been revoked'),
  suspended: () => ApiError.forbidden('This tenant is suspended'),
}

/**
 * Server-to-server routes: `Authorization: Bearer sk_…`. The request runs in one transaction
 * scoped to the key's tenant, from the key lookup to the response. The key, its revocation, the
 * tenant's status and the key's last use take one round trip; the Tenant model is made only
 * for a handler that reads it.
 */
export default class SecretKeyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const presented = bearer(ctx)
    if (!presented)
      throw ApiError.unauthenticated('Send a secret key as Authorization: Bearer sk_…')
    const parsed = parseKey(presented)
    if (!parsed || parsed.type !== 'secret') throw ApiError.unauthenticated('Invalid secret key')

    return withTenantRequest(ctx, { tenantId: parsed.tenantId }, async (trx) => {
      const check = await checkSecretKey(trx, presented)
      if (!check.ok) throw REFUSALS[check.problem]()
      ctx.tenancy = withLazyTenant(check.tenant, {
        tenantId: parsed.tenantId,
        trx,
        actor: { type: 'secret_key' as const, id: check.keyId },
      })
      ctx.logger = ctx.logger.child({ tenant_id: parsed.tenantId })
      return next()
    })
  }
}
