import type { HttpContext } from '@adonisjs/core/http'
import Member from '#models/member'
import { ApiError } from '#exceptions/api_error'
import { paginate } from '#services/pagination'
import { validateQuery } from '#validators/strict'
import { pageValidator } from '#validators/pagination'
import { MemberTransformer } from '#transformers/member_transformer'
import type { SessionTenancy } from '#services/tenancy'

/** Members of the session's workspace (assignee pickers, mentions, presence). */
export default class MembersController {
  async index({ request, tenancy }: HttpContext) {
    const { trx, workspaceId } = tenancy as SessionTenancy
    const page = await validateQuery(request, pageValidator)
    const query = Member.query({ client: trx }).where('workspace_id', workspaceId)
    const { data, nextCursor } = await paginate(query, page)
    return { data: data.map(MemberTransformer.transform), nextCursor }
  }

  async show({ params, tenancy }: HttpContext) {
    const member = await Member.findScoped(tenancy as SessionTenancy, params.id, 'Member')
    return MemberTransformer.transform(member)
  }

  /** GET /v1/me: the session's own member, workspace, role and widgets. */
  async me({ tenancy }: HttpContext) {
    const { trx, workspaceId, memberId, widgets, tenant } = tenancy as SessionTenancy
    const member = await Member.query({ client: trx })
      .where('workspace_id', workspaceId)
      .where('id', memberId)
      .first()
    if (!member) throw ApiError.unauthenticated('This session no longer has a member')
    return {
      tenant: { id: tenant.id, name: tenant.name },
      workspaceId,
      widgets,
      member: MemberTransformer.transform(member),
    }
  }
}
