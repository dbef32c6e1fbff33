import type { HttpContext } from '@adonisjs/core/http'
import Member from '#models/member'
import Workspace from '#models/workspace'
import { ApiError } from '#exceptions/api_error'
import { paginate } from '#services/pagination'
import { validateQuery } from '#validators/strict'
import { pageValidator } from '#validators/pagination'
import { MemberTransformer } from '#transformers/member_transformer'

/** Members of the session's workspace (assignee pickers, mentions, presence). */
export default class MembersController {
  async index({ request, member }: HttpContext) {
    const page = await validateQuery(request, pageValidator)
    const query = Member.scoped(member)
    const { data, nextCursor } = await paginate(query, page)
    return { data: data.map(MemberTransformer.transform), nextCursor }
  }

  async show({ params, member: session }: HttpContext) {
    return MemberTransformer.transform(await Member.findScoped(session, params.id, 'Member'))
  }

  /** GET /v1/me: the session's own member, workspace (with the name its users know), role and widgets. */
  async me({ member: session }: HttpContext) {
    const { workspaceId, memberId, widgets, tenant } = session
    const member = await Member.scoped(session).where('id', memberId).first()
    if (!member) throw ApiError.unauthenticated('This session no longer has a member')
    const workspace = await Workspace.query({ client: session.trx })
      .where('tenant_id', session.tenantId)
      .where('id', workspaceId)
      .select('id', 'external_id', 'name')
      .firstOrFail()
    return {
      tenant: { id: tenant.id, name: tenant.name },
      workspace: { id: workspace.id, externalId: workspace.externalId, name: workspace.name },
      workspaceId,
      widgets,
      member: MemberTransformer.transform(member),
    }
  }
}
