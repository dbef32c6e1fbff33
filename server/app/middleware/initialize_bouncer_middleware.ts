import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { policies } from '#policies/main'
import type { SessionTenancy } from '#services/tenancy'

/**
 * A Bouncer per request whose user is the request's member session (`ctx.member`), resolved
 * when a policy first asks: the session middleware that binds it runs after this one.
 */
export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.bouncer = new Bouncer(
      () => (ctx.tenancy?.memberId ? (ctx.tenancy as SessionTenancy) : null),
      {},
      policies
    ).setContainerResolver(ctx.containerResolver)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<SessionTenancy, {}, typeof policies>
  }
}
