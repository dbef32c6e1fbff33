/*
|--------------------------------------------------------------------------
| Rate limits (a budget in Redis shared by every instance, spent locally)
|--------------------------------------------------------------------------
*/

import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import redis from '@adonisjs/redis/services/main'
import { errors, LimiterResponse } from '@adonisjs/limiter'
import { rateLimitHeaders } from '#exceptions/handler'
import { LeasedRateLimiter } from '#services/leased_rate_limiter'
import env from '#start/env'

const MINUTE_MS = 60_000

/**
 * A per-minute limit as route middleware, with the figures on every limited response, success
 * or error (X-RateLimit-Limit, -Remaining, -Reset). A refusal throws the limiter's
 * E_TOO_MANY_REQUESTS, which the exception handler renders as 429 with the same headers and
 * Retry-After. The budget is leased from Redis in batches (services/leased_rate_limiter.ts): a
 * Redis round trip per request halved the embed config's throughput.
 */
function define(name: string, perMinute: () => number, keyOf: (ctx: HttpContext) => string) {
  let limiter: LeasedRateLimiter | undefined
  const middleware = async (ctx: HttpContext, next: NextFn) => {
    limiter ??= new LeasedRateLimiter(redis.connection('limiter').ioConnection, {
      prefix: `parley:rl:${name}`,
      limit: perMinute(),
      windowMs: MINUTE_MS,
    })
    const outcome = await limiter.take(keyOf(ctx))
    const figures = new LimiterResponse({ ...outcome, consumed: outcome.limit - outcome.remaining })
    if (!outcome.allowed) throw new errors.E_TOO_MANY_REQUESTS(figures)
    for (const [header, value] of Object.entries(rateLimitHeaders(figures, { refused: false }))) {
      ctx.response.header(header, value)
    }
    return next()
  }
  Object.defineProperty(middleware, 'name', { value: `${name}Throttle` })
  return middleware
}

/** Session minting, per secret key. */
export const throttleSessions = define(
  'sessions',
  () => env.get('RATE_LIMIT_SESSIONS_PER_MINUTE'),
  (ctx) => ctx.tenancy.actor.id
)

/** Embed config, per publishable key and client address. */
export const throttleConfig = define(
  'config',
  () => env.get('RATE_LIMIT_CONFIG_PER_MINUTE'),
  (ctx) => `${ctx.publicTenant.keyId}:${ctx.request.ip()}`
)

/** Web chat visitors arriving, per publishable key and client address. */
export const throttleVisitors = define(
  'visitors',
  () => env.get('RATE_LIMIT_VISITORS_PER_MINUTE'),
  (ctx) => `${ctx.publicTenant.keyId}:${ctx.request.ip()}`
)

/** What a web chat visitor writes (messages, uploads, new conversations), per visitor. */
export const throttleChat = define(
  'chat',
  () => env.get('RATE_LIMIT_CHAT_PER_MINUTE'),
  (ctx) => `${ctx.tenancy.contactId}`
)
