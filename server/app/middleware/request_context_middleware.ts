import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Puts `X-Request-Id` on every response and logs one structured line per request, with the
 * request and tenant ids (never headers or bodies, which may hold keys and tokens).
 */
export default class RequestContextMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    ctx.response.header('X-Request-Id', ctx.request.id() ?? '')
    try {
      await next()
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      ctx.logger.info(
        {
          method: ctx.request.method(),
          path: ctx.request.url(),
          status: ctx.response.getStatus(),
          ms: Math.round(ms * 10) / 10,
          tenant_id: ctx.tenancy?.tenantId ?? ctx.publicTenant?.tenant.id,
        },
        'request'
      )
    }
  }
}
