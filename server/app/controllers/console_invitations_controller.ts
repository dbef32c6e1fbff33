import type { HttpContext } from '@adonisjs/core/http'
import { Bouncer } from '@adonisjs/bouncer'
import ConsoleUserPolicy from '#policies/console_user_policy'
import { validateBody } from '#validators/strict'
import { acceptAdminInvitationValidator, acceptInvitationValidator } from '#validators/console'
import {
  acceptAdminSetup,
  acceptConsoleInvitation,
  cancelConsoleInvitation,
  findPendingInvitation,
} from '#services/console/invitations'
import { presentConsoleUser, presentPlatformUser } from '#services/console/present'

/**
 * The one-time links: POST /v1/console/invitations/:token/accept { name, password } creates the
 * console user; POST /v1/admin/invitations/:token/accept { name?, password } sets a platform
 * admin's first password. Neither signs in: the next step is POST …/sessions. DELETE
 * /v1/console/invitations/:id (console session) withdraws a pending invitation.
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

  /**
   * Cancels a pending invitation of this tenant (sent to a wrong address, say): its link stops
   * working at once. Owners cancel any, admins all but owners' invitations. An accepted,
   * expired, unknown or other tenant's id answers 404.
   */
  async destroy({ tenancy, consoleUser, params, response }: HttpContext) {
    const invitation = await findPendingInvitation(tenancy, String(params.id))
    await new Bouncer(consoleUser!)
      .with(ConsoleUserPolicy)
      .authorize('cancelInvitation', invitation)
    const actor = tenancy.actor as { type: 'console_user'; id: string }
    await cancelConsoleInvitation(tenancy.trx, invitation, actor)
    return response.noContent()
  }
}
