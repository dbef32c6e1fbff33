import type { HttpContext } from '@adonisjs/core/http'
import InboxPolicy from '#policies/inbox_policy'
import { reportPresence, workspacePresence } from '#services/presence'
import { validateBody } from '#validators/strict'
import { presenceValidator } from '#validators/presence'

/** GET /v1/presence and POST /v1/presence { status }: who of the workspace is around. */
export default class PresenceController {
  async index({ member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    return { data: await workspacePresence(member) }
  }

  async update({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const { status } = await validateBody(request, presenceValidator)
    await reportPresence(member, member.memberId, status)
    return response.noContent()
  }
}
