import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import { resolvePublishableKey, type PublicTenant } from '#services/tenant_cache'
import { allowOrigin } from '#middleware/cors_middleware'
import { assertServedHere } from '#services/domains/served_here'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    publicTenant: PublicTenant
  }
}

/**
 * Browser routes: a publishable key (`?key=pk_…` or `X-Parley-Key`), accepted only from one of
 * the tenant's allowed origins, compared exactly. CORS is answered for that origin alone.
 * No transaction is held: routes that need the database open one with `withTenant`.
 */
export default class PublishableKeyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const presented = ctx.request.qs().key ?? ctx.request.header('x-parley-key')
    if (typeof presented !== 'string' || !presented) {
      throw ApiError.unauthenticated('Pass a publishable key as ?key=pk_…')
    }
    const origin = ctx.request.header('origin')
    const resolved = await resolvePublishableKey(presented)
    if (!resolved) throw ApiError.unauthenticated('Invalid publishable key')
    if (resolved.keyRevoked) throw ApiError.unauthenticated('This publishable key has been revoked')
    assertServedHere(ctx, resolved.tenant.id)
    if (resolved.tenant.status !== 'active') {
      // The element names stay known (they are public): the loader still defines the tenant's
      // tags, whose widgets then show a neutral "unavailable" state.
      const { elementPrefix, parleyElements } = resolved.tenant
      throw ApiError.tenantSuspended(undefined, { elementPrefix, parleyElements })
    }
    if (!origin)
      throw ApiError.forbidden('Publishable keys are accepted only from an allowed Origin')
    if (!resolved.origins.has(origin))
      throw ApiError.forbidden(`Origin ${origin} is not allowed for this key`)

    allowOrigin(ctx)
    ctx.publicTenant = resolved
    return next()
  }
}
