import type { HttpContext } from '@adonisjs/core/http'
import { validateBody } from '#validators/strict'
import { acceptAdminInvitationValidator, acceptInvitationValidator } from '#validators/console'
import { acceptAdminSetup, acceptConsoleInvitation } from '#services/console/invitations'
import { presentConsoleUser, presentPlatformUser } from '#services/console/present'

/**
 * The one-time links: POST /v1/console/invitations/:token/accept { name, password } creates the
 * console user; POST /v1/admin/invitations/:token/accept { name?, password } sets a platform
 * admin's first password. Neither signs in: the next step is POST …/sessions.
 */
export default class ConsoleInvitationsController {
  async accept({ params, request, response }: HttpContext) {
    const { name, password } = await validateBody(request, acceptInvitationValidator)
    const user = await acceptConsoleInvitation(String(params.token), name, password)
    return response.created({ user: presentConsoleUser(user) })
  }

  async acceptAdmin({ params, request, response }: HttpContext) {
    const { name, password } = await validateBody(request, acceptAdminInvitationValidator)
    const admin = await acceptAdminSetup(String(params.token), name, password)
    return response.created({ user: presentPlatformUser(admin) })
  }
}
