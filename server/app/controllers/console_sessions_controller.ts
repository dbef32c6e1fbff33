import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { ApiError } from '#exceptions/api_error'
import { validateBody } from '#validators/strict'
import { signInValidator } from '#validators/console'
import { checkSignIn, normaliseEmail, type AccountKind } from '#services/console/accounts'
import {
  listSessions,
  publicSessionId,
  revokeSession,
  startSession,
} from '#services/console/web_sessions'
import { presentAccount } from '#services/console/present'

/** One answer for an unknown email, a wrong password and a locked account. */
export const INVALID_SIGN_IN =
  'The email or password is wrong (after repeated failures sign-in is paused for 15 minutes)'

/** Sign-in attempts per client address and email, and per address alone, per minute. */
export const SIGN_IN_PER_MINUTE = { perEmail: 20, perAddress: 200 }

/**
 * Console sign-in and its sessions: POST/DELETE /v1/console/sessions, GET /v1/console/sessions
 * (the signed-in user's sessions) and DELETE /v1/console/sessions/:id (revoke one).
 * AdminSessionsController is the same for platform admins, whose TOTP is always required.
 */
export default class ConsoleSessionsController {
  protected kind: AccountKind = 'console'

  /** POST …/sessions { email, password, code? | recoveryCode? } */
  async store(ctx: HttpContext) {
    const { request, response } = ctx
    const input = await validateBody(request, signInValidator)
    await throttleSignIn(ctx, this.kind, input.email)

    const outcome = await checkSignIn(this.kind, input)
    switch (outcome.status) {
      case 'invalid':
        throw ApiError.unauthenticated(INVALID_SIGN_IN)
      case 'ambiguous':
        throw new ApiError('CONFLICT', 'This email signs in to several tenants: send tenantId', [
          { field: 'tenantId', message: `One of ${outcome.tenantIds.join(', ')}` },
        ])
      case 'totpRequired': {
        // 401 with `totpRequired`: the password was right and a code is due (or was wrong).
        const message = outcome.wrongCode
          ? 'The code is wrong or was used already'
          : 'Enter the code from your authenticator app, or a recovery code'
        response.header('X-Request-Id', request.id() ?? '')
        return response.status(401).json({
          error: {
            code: 'AUTHENTICATION_ERROR',
            message,
            totpRequired: true,
            requestId: request.id(),
          },
          totpRequired: true,
        })
      }
      case 'ok': {
        const account = await startSession(ctx, outcome.ref, outcome.totpSetupRequired)
        return response.created({
          ...(await presentAccount(account)),
          ...(outcome.totpSetupRequired ? { totpSetupRequired: true } : {}),
        })
      }
    }
  }

  /** DELETE …/sessions: signs this browser out (its session row is deleted). */
  async destroy({ session, response }: HttpContext) {
    session.clear()
    return response.noContent()
  }

  /** GET …/sessions: the signed-in account's live sessions. */
  async index({ account, session }: HttpContext) {
    return { data: await listSessions(account!, session.sessionId), nextCursor: null }
  }

  /** DELETE …/sessions/:id: revokes one of the account's sessions (404 for any other id). */
  async revoke({ account, params, session, response }: HttpContext) {
    const publicId = String(params.id)
    if (!(await revokeSession(account!, publicId))) throw ApiError.notFound('Session')
    // Revoking the current session signs this browser out (else its commit would write it back).
    if (publicSessionId(session.sessionId) === publicId) session.clear()
    return response.noContent()
  }
}

/**
 * Rate limits on sign-in (Redis, like every limit): per address and email, and per address.
 * A refusal is a 429 RATE_LIMITED with Retry-After (the exception handler). Lock-out after
 * repeated failures is per account and lives in the database (accounts.ts).
 */
async function throttleSignIn(ctx: HttpContext, kind: AccountKind, email: string) {
  const ip = ctx.request.ip()
  await limiter
    .allowRequests(SIGN_IN_PER_MINUTE.perAddress)
    .every('1 minute')
    .usingKey(`${kind}-sign-in:${ip}`)
    .throttle(`${kind}SignIn`, ctx)
  await limiter
    .allowRequests(SIGN_IN_PER_MINUTE.perEmail)
    .every('1 minute')
    .usingKey(`${kind}-sign-in:${ip}:${normaliseEmail(email)}`)
    .throttle(`${kind}SignInEmail`, ctx)
}
