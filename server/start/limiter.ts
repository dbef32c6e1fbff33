/*
|--------------------------------------------------------------------------
| Rate limits (Redis, shared by every instance)
|--------------------------------------------------------------------------
*/

import env from '#start/env'
import limiter from '@adonisjs/limiter/services/main'

/** Session minting, per secret key. */
export const throttleSessions = limiter.define('sessions', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_SESSIONS_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`sessions:${ctx.tenancy.actor.id}`)
)

/** Embed config, per publishable key and client address. */
export const throttleConfig = limiter.define('config', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_CONFIG_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`config:${ctx.publicTenant.keyId}:${ctx.request.ip()}`)
)
