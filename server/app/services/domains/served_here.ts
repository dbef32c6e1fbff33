import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The tenant whose verified custom domain this request arrived on (unset elsewhere). */
    domainTenantId?: string
  }
}

/** Refuses a request for `tenantId` that arrived on another tenant's custom domain. */
export function assertServedHere(ctx: HttpContext, tenantId: string) {
  if (ctx.domainTenantId && ctx.domainTenantId !== tenantId)
    throw ApiError.forbidden('This domain does not serve this key')
}
