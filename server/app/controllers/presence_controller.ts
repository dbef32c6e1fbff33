import type { HttpContext } from '@adonisjs/core/http'
import InboxPolicy from '#policies/inbox_policy'
import {
  AWAY_AFTER_SECONDS,
  HEARTBEAT_SECONDS,
  reportPresence,
  workspacePresence,
} from '#services/presence'
import { validateBody } from '#validators/strict'
import { presenceValidator } from '#validators/presence'

/** GET /v1/presence and POST /v1/presence { status, clientId }: who of the workspace is around. */
export default class PresenceController {
  async index({ member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    return {
      data: await workspacePresence(member),
      // What a widget's heartbeat follows: how often to report, and idle for how long is away.
      heartbeatSeconds: HEARTBEAT_SECONDS,
      awayAfterSeconds: AWAY_AFTER_SECONDS,
    }
  }

  /** A widget's heartbeat; answers with the member's status as others now see it. */
  async update({ request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const { status, clientId } = await validateBody(request, presenceValidator)
    return reportPresence(member, member.memberId, status, clientId)
  }
}
