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

/** Web chat visitors arriving, per publishable key and client address. */
export const throttleVisitors = limiter.define('visitors', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_VISITORS_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`visitors:${ctx.publicTenant.keyId}:${ctx.request.ip()}`)
)

/** What a web chat visitor writes (messages, uploads, new conversations), per visitor. */
export const throttleChat = limiter.define('chat', (ctx) =>
  limiter
    .allowRequests(env.get('RATE_LIMIT_CHAT_PER_MINUTE'))
    .every('1 minute')
    .usingKey(`chat:${ctx.tenancy.contactId}`)
)
