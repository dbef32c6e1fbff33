import type { HttpContext } from '@adonisjs/core/http'
import AuditEvent from '#models/audit_event'
import { ApiError } from '#exceptions/api_error'
import { paginate } from '#services/pagination'
import { validateQuery } from '#validators/strict'
import { auditEventsQueryValidator } from '#validators/audit_events'
import { AuditEventTransformer } from '#transformers/audit_event_transformer'

/**
 * GET /v1/audit-events: the tenant's own audit log, newest first, filtered by action (one or a
 * family), actor, target, workspace and time (secret key or console session).
 */
export default class AuditEventsController {
  async index({ request, tenancy }: HttpContext) {
    const { limit, cursor, ...filter } = await validateQuery(request, auditEventsQueryValidator)
    if (filter.from && filter.to && filter.from >= filter.to)
      throw ApiError.validation([{ field: 'from', message: 'from must be before to' }])
    const query = AuditEvent.query({ client: tenancy.trx }).where('tenant_id', tenancy.tenantId)
    if (filter.action?.endsWith('.*')) query.whereLike('action', `${filter.action.slice(0, -1)}%`)
    else if (filter.action) query.where('action', filter.action)
    if (filter.actorType) query.where('actor_type', filter.actorType)
    if (filter.actorId) query.where('actor_id', filter.actorId)
    if (filter.targetType) query.where('target_type', filter.targetType)
    if (filter.targetId) query.where('target_id', filter.targetId)
    if (filter.workspaceId) query.where('workspace_id', filter.workspaceId)
    if (filter.from) query.where('created_at', '>=', filter.from)
    if (filter.to) query.where('created_at', '<', filter.to)
    const { data, nextCursor } = await paginate(query, { limit, cursor })
    return { data: data.map(AuditEventTransformer.transform), nextCursor }
  }
}
