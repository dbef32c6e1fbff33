import type { HttpContext } from '@adonisjs/core/http'
import { validateBody } from '#validators/strict'
import { createSessionValidator } from '#validators/session'
import { startSession } from '#services/start_session'
import { WorkspaceTransformer } from '#transformers/workspace_transformer'
import { MemberTransformer } from '#transformers/member_transformer'

/** POST /v1/sessions: the reseller's backend mints a short-lived token for one of its users. */
export default class SessionsController {
  async store({ request, response, tenancy }: HttpContext) {
    const payload = await validateBody(request, createSessionValidator)
    const session = await startSession(tenancy, payload)
    return response.created({
      token: session.token,
      expiresAt: session.expiresAt,
      tenantId: tenancy.tenantId,
      workspaceId: session.workspace.id,
      userId: session.member.id,
      role: session.member.role,
      widgets: session.widgets,
      workspace: WorkspaceTransformer.transform(session.workspace),
      user: MemberTransformer.transform(session.member),
    })
  }
}
