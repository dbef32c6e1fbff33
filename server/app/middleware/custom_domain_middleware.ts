import { isIP } from 'node:net'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import { domainTenant } from '#services/domains/check_cache'
import { targetHost } from '#services/domains/hostnames'
import '#services/domains/served_here'

/**
 * Notes whose custom domain the request came in on. A domain fronts its own tenant only:
 * `assertServedHere` refuses another tenant's key, token or session on it, so one reseller's
 * name can never be put in front of another reseller's widgets.
 */
export default class CustomDomainMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const hostname = ctx.request.hostname()?.toLowerCase()
    // Parley's own host, IP addresses and single-label names (localhost) are never custom domains.
    if (hostname && hostname !== targetHost() && !isIP(hostname) && hostname.includes('.')) {
      const tenantId = await domainTenant(hostname).catch(() => {
        // Unknown whose it is: refuse rather than serve whoever asks (fail closed).
        throw new ApiError('SERVICE_UNAVAILABLE', 'Try again in a moment')
      })
      if (tenantId) ctx.domainTenantId = tenantId
    }
    return next()
  }
}
