import type { HttpContext } from '@adonisjs/core/http'
import AuditEvent from '#models/audit_event'
import { paginate } from '#services/pagination'
import { validateQuery } from '#validators/strict'
import { pageValidator } from '#validators/pagination'
import { AuditEventTransformer } from '#transformers/audit_event_transformer'

/** GET /v1/audit-events: the tenant's own audit log, newest first (secret key). */
export default class AuditEventsController {
  async index({ request, tenancy }: HttpContext) {
    const page = await validateQuery(request, pageValidator)
    const query = AuditEvent.query({ client: tenancy.trx }).where('tenant_id', tenancy.tenantId)
    const { data, nextCursor } = await paginate(query, page)
    return { data: data.map(AuditEventTransformer.transform), nextCursor }
  }
}
