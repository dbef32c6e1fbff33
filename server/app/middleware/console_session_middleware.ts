import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { ApiError } from '#exceptions/api_error'
import ConsoleUser from '#models/console_user'
import PlatformUser from '#models/platform_user'
import Tenant from '#models/tenant'
import { withTenantRequest } from '#services/tenant_context'
import type { AccountKind } from '#services/console/accounts'
import {
  sessionAccount,
  sessionMiddlewareFor,
  type SessionAccount,
} from '#services/console/web_sessions'

/**
 * Cookie-authenticated routes of the console (`kind: 'console'`) and the admin (`'admin'`):
 * the framework's session (its own cookie per kind) and Shield's CSRF check (XSRF-TOKEN cookie
 * echoed in X-XSRF-TOKEN on unsafe methods), then the signed-in account:
 * - `signedIn: 'no'`: sign-in and invitation routes, nobody yet;
 * - `signedIn: 'password'`: a platform admin still to enrol TOTP may use it (TOTP set-up, me,
 *   sign-out);
 * - `signedIn: 'yes'` (default): a full session.
 * A console session binds `ctx.tenancy` (the request's RLS transaction in the user's tenant,
 * actor `console_user`) and `ctx.consoleUser`; an admin session binds `ctx.platformUser`.
 * The public API never passes here, so it sets no cookie and needs no CSRF token.
 */
export interface ConsoleSessionOptions {
  kind: AccountKind
  signedIn?: 'no' | 'password' | 'yes'
}

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The console or admin account of a cookie session (console_session_middleware). */
    account?: SessionAccount
    consoleUser?: ConsoleUser
    platformUser?: PlatformUser
  }
}

let shield: Promise<ShieldMiddleware> | undefined

/** Runs `next` inside the kind's session and Shield, committing the session even on errors. */
export async function withConsoleCookies(
  ctx: HttpContext,
  kind: AccountKind,
  next: () => Promise<unknown>
) {
  const session = await sessionMiddlewareFor(kind)
  shield ??= app.container.make(ShieldMiddleware)
  const guard = await shield
  let failure: unknown
  const result = await session.handle(ctx, async () => {
    // Caught here so the session is still committed (the CSRF secret it just made, the sign-out
    // it just did); thrown again below for the exception handler to answer.
    try {
      let inner: unknown
      await guard.handle(ctx, async () => {
        inner = await next()
      })
      return inner
    } catch (error) {
      failure = error
    }
  })
  if (failure) throw failure
  return result
}

export default class ConsoleSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: ConsoleSessionOptions) {
    return withConsoleCookies(ctx, options.kind, () => authenticate(ctx, next, options))
  }
}

/** Binds the session's account (and for the console its tenant scope), or answers 401/403. */
export async function authenticate(
  ctx: HttpContext,
  next: () => Promise<unknown>,
  { kind, signedIn = 'yes' }: ConsoleSessionOptions
) {
  if (signedIn === 'no') return next()
  const account = sessionAccount(ctx, kind)
  if (!account) {
    if (ctx.session.has('account')) ctx.session.forget('account')
    throw ApiError.unauthenticated('Sign in first')
  }
  if (account.pendingTotp && signedIn === 'yes')
    throw ApiError.forbidden('Set up two-step sign-in (TOTP) first')
  ctx.account = account

  if (kind === 'admin') {
    const admin = await PlatformUser.find(account.id)
    if (!admin) throw ApiError.unauthenticated('Sign in first')
    ctx.platformUser = admin
    ctx.logger = ctx.logger.child({ platform_user_id: admin.id })
    return next()
  }

  return withTenantRequest(ctx, { tenantId: account.tenantId! }, async (trx) => {
    const user = await ConsoleUser.scoped({ trx, tenantId: account.tenantId! })
      .where('id', account.id)
      .first()
    if (!user) throw ApiError.unauthenticated('Sign in first')
    // A suspended tenant's console users can still sign in to see why (issue 16), and read.
    const tenant = await Tenant.findOrFail(account.tenantId!, { client: trx })
    refuseSuspendedWrite(ctx, tenant)
    ctx.consoleUser = user
    ctx.tenancy = {
      tenantId: tenant.id,
      tenant,
      trx,
      actor: { type: 'console_user', id: user.id },
    }
    ctx.logger = ctx.logger.child({ tenant_id: tenant.id, console_user_id: user.id })
    return next()
  })
}

/**
 * Routes a suspended tenant's console user may still change: their own sign-in security (TOTP,
 * their sessions). Sign-out is outside this middleware's signed-in groups and always works.
 */
const OWN_ACCOUNT_ROUTES = new Set([
  'console.sessions.revoke',
  'console.totp.store',
  'console.totp.verify',
  'console.totp.destroy',
])

/**
 * A suspended tenant's console reads everything but changes nothing of the tenant: every
 * unsafe request (console users, tenant settings) answers 403 TENANT_SUSPENDED, checked on the
 * tenant row read in this request, so it holds from the moment the suspension commits.
 */
function refuseSuspendedWrite(ctx: HttpContext, tenant: Tenant) {
  if (tenant.status === 'active') return
  if (['GET', 'HEAD', 'OPTIONS'].includes(ctx.request.method())) return
  if (ctx.route?.name && OWN_ACCOUNT_ROUTES.has(ctx.route.name)) return
  throw ApiError.tenantSuspended(
    'This tenant is suspended: the console is read-only until it is resumed'
  )
}
