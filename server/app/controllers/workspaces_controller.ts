import type { HttpContext } from '@adonisjs/core/http'
import Workspace from '#models/workspace'
import { ApiError } from '#exceptions/api_error'
import { paginate } from '#services/pagination'
import { validateQuery } from '#validators/strict'
import { pageValidator } from '#validators/pagination'
import { UUID_PATTERN } from '#validators/rules'
import { WorkspaceTransformer } from '#transformers/workspace_transformer'

/** The tenant's workspaces, for the reseller's backend (secret key). */
export default class WorkspacesController {
  async index({ request, tenancy }: HttpContext) {
    const page = await validateQuery(request, pageValidator)
    const query = Workspace.query({ client: tenancy.trx }).where('tenant_id', tenancy.tenantId)
    const { data, nextCursor } = await paginate(query, page)
    return { data: data.map(WorkspaceTransformer.transform), nextCursor }
  }

  async show({ params, tenancy }: HttpContext) {
    if (!UUID_PATTERN.test(params.id)) throw ApiError.notFound('Workspace')
    const workspace = await Workspace.query({ client: tenancy.trx })
      .where('tenant_id', tenancy.tenantId)
      .where('id', params.id)
      .first()
    if (!workspace) throw ApiError.notFound('Workspace')
    return WorkspaceTransformer.transform(workspace)
  }
}
