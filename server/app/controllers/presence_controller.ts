import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { InboxPolicy } from '#policies/inbox_policy'
import { PRESENCE_STATUSES, reportPresence, workspacePresence } from '#services/presence'
import type { SessionTenancy } from '#services/tenancy'
import { validateBody } from '#validators/strict'

const presenceValidator = vine.create(vine.object({ status: vine.enum(PRESENCE_STATUSES) }))

/** GET /v1/presence and POST /v1/presence { status }: who of the workspace is around. */
export default class PresenceController {
  async index({ tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.read(session)
    return { data: await workspacePresence(session) }
  }

  async update({ request, response, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.read(session)
    const { status } = await validateBody(request, presenceValidator)
    await reportPresence(session, session.memberId, status)
    return response.noContent()
  }
}
