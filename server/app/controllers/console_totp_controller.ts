import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { validateBody } from '#validators/strict'
import { totpCodeValidator } from '#validators/console'
import { confirmTotp, disableTotp, startTotp } from '#services/console/accounts'

/**
 * Two-step sign-in (TOTP) of the signed-in account: POST …/totp → { otpauthUrl, secret } (kept
 * pending), POST …/totp/verify { code } → { recoveryCodes } (shown this once), DELETE …/totp
 * { code }. Platform admins (AdminTotpController) enrol at their first sign-in and cannot turn it off.
 */
export default class ConsoleTotpController {
  async store(ctx: HttpContext) {
    const label = ctx.consoleUser?.email ?? ctx.platformUser?.email ?? 'account'
    return startTotp(ctx.account!, label, requestTrx(ctx))
  }

  async verify(ctx: HttpContext) {
    const { account, request, session } = ctx
    const { code } = await validateBody(request, totpCodeValidator)
    const result = await confirmTotp(account!, code, requestTrx(ctx))
    // An admin's first sign-in becomes a full session once TOTP is on.
    if (account!.pendingTotp) session.put('account', { ...account!, pendingTotp: false })
    return result
  }

  async destroy(ctx: HttpContext) {
    const { account, request, response } = ctx
    if (account!.kind === 'admin')
      throw ApiError.forbidden('Platform admins must keep two-step sign-in')
    const { code } = await validateBody(request, totpCodeValidator)
    await disableTotp(account!, code, requestTrx(ctx))
    return response.noContent()
  }
}

/** A console session already holds an RLS transaction in the user's tenant: reuse it. */
const requestTrx = (ctx: HttpContext) => (ctx.consoleUser ? ctx.tenancy.trx : undefined)
