import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Routes called on a timer (health checks, presence heartbeats) are logged at debug level:
 * at info they would bury the requests someone made.
 */
function isRoutine(ctx: HttpContext) {
  const pattern = ctx.route?.pattern ?? ''
  return pattern === '/health' || (ctx.request.method() === 'POST' && pattern.endsWith('/presence'))
}

/**
 * Puts `X-Request-Id` on every response and logs one structured line per request, with the
 * request and tenant ids (never headers, bodies or query strings, which may hold keys and tokens).
 */
export default class RequestContextMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    ctx.response.header('X-Request-Id', ctx.request.id() ?? '')
    try {
      await next()
    } finally {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10
      const method = ctx.request.method()
      const path = ctx.request.url()
      const status = ctx.response.getStatus()
      ctx.logger[isRoutine(ctx) ? 'debug' : 'info'](
        {
          method,
          path,
          status,
          ms,
          tenant_id: ctx.tenancy?.tenantId ?? ctx.publicTenant?.tenant.id,
        },
        `${method} ${path} ${status} ${ms}ms`
      )
    }
  }
}
