import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * What browsers and probes send on their own (health checks, presence heartbeats and reads, CORS
 * preflights) is logged at debug level: at info it would bury the requests someone made.
 */
function isRoutine(ctx: HttpContext) {
  const pattern = ctx.route?.pattern ?? ''
  return (
    ctx.request.method() === 'OPTIONS' || pattern === '/health' || pattern.endsWith('/presence')
  )
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
