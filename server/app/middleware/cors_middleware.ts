import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Parley-Key, Idempotency-Key'
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE'
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, ETag'

/**
 * Answers CORS preflights for the API. Preflights carry no credentials, so they are answered for
 * any origin; the real request is then checked against the tenant's allowed origins by the key
 * or session middleware, which sets `Access-Control-Allow-Origin` only when the origin is
 * allowed. No cookies are used anywhere, so `Allow-Credentials` is never sent.
 */
export default class CorsMiddleware {
  async handle({ request, response }: HttpContext, next: NextFn) {
    const origin = request.header('origin')
    response.header('Vary', 'Origin')
    if (origin) response.header('Access-Control-Expose-Headers', EXPOSED_HEADERS)

    if (
      request.method() === 'OPTIONS' &&
      origin &&
      request.header('access-control-request-method')
    ) {
      response.header('Access-Control-Allow-Origin', origin)
      response.header('Access-Control-Allow-Methods', ALLOWED_METHODS)
      response.header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      response.header('Access-Control-Max-Age', '600')
      return response.noContent()
    }
    return next()
  }
}

/** Lets the calling origin read this response; only call it once the origin is known allowed. */
export function allowOrigin({ request, response }: HttpContext) {
  const origin = request.header('origin')
  if (origin) response.header('Access-Control-Allow-Origin', origin)
}
