import type { HttpContext } from '@adonisjs/core/http'
import { presentConsoleUser, presentPlatformUser, presentTenant } from '#services/console/present'

/** GET /v1/console/me, GET /v1/admin/me: who is signed in (and the console's tenant). */
export default class ConsoleMeController {
  async show({ account, consoleUser, platformUser, tenancy }: HttpContext) {
    if (platformUser) {
      return {
        user: presentPlatformUser(platformUser),
        ...(account!.pendingTotp ? { totpSetupRequired: true } : {}),
      }
    }
    return { user: presentConsoleUser(consoleUser!), tenant: presentTenant(tenancy.tenant) }
  }
}
