/*
|--------------------------------------------------------------------------
| Rate limits (Redis, shared by every instance)
|--------------------------------------------------------------------------
*/

import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import limiter from '@adonisjs/limiter/services/main'
import { rateLimitHeaders } from '#exceptions/handler'
import env from '#start/env'

type Builder = (ctx: HttpContext) => ReturnType<typeof limiter.allowRequests>

/**
 * `limiter.define` with the figures on every limited response, success or error: the library's
 * own middleware sets X-RateLimit-Limit and -Remaining only after a handler that did not throw,
 * and never the reset time. A refusal (429) is rendered by the exception handler, with the same
 * headers and Retry-After.
 */
function define(name: string, builder: Builder) {
  const middleware = async (ctx: HttpContext, next: NextFn) => {
    const consumed = await builder(ctx).throttle(name, ctx)
    for (const [header, value] of Object.entries(rateLimitHeaders(consumed, { refused: false }))) {
      ctx.response.header(header, value)
    }
    return next()
  }
  Object.defineProperty(middleware, 'name', { value: `${name}Throttle` })
  return middleware
}

/** Session minting, per secret key. */
export const throttleSessions = define('sessions', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_SESSIONS_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`sessions:${ctx.tenancy.actor.id}`)
)

/** Embed config, per publishable key and client address. */
export const throttleConfig = define('config', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_CONFIG_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`config:${ctx.publicTenant.keyId}:${ctx.request.ip()}`)
)

/** Web chat visitors arriving, per publishable key and client address. */
export const throttleVisitors = define('visitors', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_VISITORS_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`visitors:${ctx.publicTenant.keyId}:${ctx.request.ip()}`)
)

/** What a web chat visitor writes (messages, uploads, new conversations), per visitor. */
export const throttleChat = define('chat', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_CHAT_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`chat:${ctx.tenancy.contactId}`)
)
