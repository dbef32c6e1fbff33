import type { HttpContext } from '@adonisjs/core/http'
import { presentConsoleUser, presentPlatformUser, presentTenant } from '#services/console/present'
import { suspensionForConsole } from '#services/console/suspensions'

/**
 * GET /v1/console/me, GET /v1/admin/me: who is signed in (and the console's tenant). A suspended
 * tenant's answer says why: `tenant.suspension` { category, reason, since } (null while active).
 */
export default class ConsoleMeController {
  async show({ account, consoleUser, platformUser, tenancy }: HttpContext) {
    if (platformUser) {
      return {
        user: presentPlatformUser(platformUser),
        ...(account!.pendingTotp ? { totpSetupRequired: true } : {}),
      }
    }
    return {
      user: presentConsoleUser(consoleUser!),
      tenant: {
        ...presentTenant(tenancy.tenant),
        suspension: await suspensionForConsole(tenancy.trx, tenancy.tenant),
      },
    }
  }
}
