import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SecretKeyMiddleware from '#middleware/secret_key_middleware'
import { authenticate, withConsoleCookies } from '#middleware/console_session_middleware'
import TenantSettingsPolicy, {
  type SettingsArea,
  type SettingsPrincipal,
} from '#policies/tenant_settings_policy'
import { bearer } from '#services/bearer'
import { COOKIE } from '#services/console/web_sessions'
import type { Tenancy } from '#services/tenancy'
import type { AuditEntry } from '#services/audit'

/**
 * Tenant-settings routes: "a secret key OR a console session whose role allows it" (API.md).
 *
 * Use (start/routes.ts), naming the settings area the route belongs to:
 *
 *   router.put('/theme', [ThemesController, 'update']).use(middleware.tenantSettings({ area: 'theme' }))
 *
 * - `Authorization: Bearer …`, or no console cookie at all: exactly the secret-key middleware
 *   (same answers, no cookie set, no CSRF: the public API stays cookie-free).
 * - The console cookie and no bearer: the console session (Shield CSRF on unsafe methods), then
 *   TenantSettingsPolicy: GET/HEAD need `view`, other methods `manage` of the area
 *   (owner everything · admin all but owners and billing · developer keys, origins, domains,
 *   theme · support reads). Refusals answer 403 AUTHORIZATION_ERROR.
 * Either way the handler sees the same `ctx.tenancy` (tenant, RLS transaction); its `actor` is
 * `secret_key` or `console_user`, which audit entries record through `settingsActor(tenancy)`. `ctx.consoleUser` is set for console sessions.
 */
export interface TenantSettingsOptions {
  area: SettingsArea
}

export default class TenantSettingsAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: TenantSettingsOptions) {
    if (bearer(ctx) || !hasCookie(ctx)) {
      return new SecretKeyMiddleware().handle(ctx, next)
    }
    return withConsoleCookies(ctx, 'console', () =>
      authenticate(
        ctx,
        async () => {
          await authorizeSettings(
            ctx,
            { via: 'console', role: ctx.consoleUser!.role },
            options.area
          )
          return next()
        },
        { kind: 'console' }
      )
    )
  }
}

/** Whether the request carries the console's session cookie at all (whatever its value). */
function hasCookie(ctx: HttpContext) {
  return COOKIE.console in ctx.request.cookiesList()
}

/**
 * Who an audit entry of a settings route names: the secret key or the console user. (Tenancy's
 * actor type is wider; on these routes it is always one of the two.)
 */
export function settingsActor(tenancy: Tenancy): AuditEntry['actor'] {
  return tenancy.actor.type === 'console_user'
    ? { type: 'console_user', id: tenancy.actor.id }
    : { type: 'secret_key', id: tenancy.actor.id }
}

/** Throws 403 unless the principal may view (safe methods) or manage (others) the area. */
export async function authorizeSettings(
  ctx: HttpContext,
  principal: SettingsPrincipal,
  area: SettingsArea
) {
  const bouncer = new Bouncer(principal)
  const safe = ['GET', 'HEAD'].includes(ctx.request.method())
  await bouncer.with(TenantSettingsPolicy).authorize(safe ? 'view' : 'manage', area)
}
