import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { listTenants, tenantDetail } from '#services/console/platform_tenants'
import {
  createTenant,
  normaliseOrigin,
  resumeTenant,
  suspendTenant,
  type StatusChange,
  type TenantActor,
} from '#services/tenants'
import {
  adminTenantsQueryValidator,
  createAdminTenantValidator,
  suspendTenantValidator,
} from '#validators/admin'
import { UUID_PATTERN } from '#validators/rules'
import { validateBody, validateQuery } from '#validators/strict'

/**
 * The platform admin's tenants (GET/POST /v1/admin/tenants, GET /v1/admin/tenants/:id,
 * POST …/:id/suspend and …/:id/resume). Shapes: docs/admin.md. Every change is audited in the
 * tenant's log with the signed-in platform user as its actor.
 */
export default class AdminTenantsController {
  async index({ request }: HttpContext) {
    return listTenants(await validateQuery(request, adminTenantsQueryValidator))
  }

  async store({ request, response, platformUser }: HttpContext) {
    const payload = await validateBody(request, createAdminTenantValidator)
    const errors = []
    for (const [index, origin] of (payload.origins ?? []).entries()) {
      try {
        normaliseOrigin(origin)
      } catch (error) {
        errors.push({ field: `origins.${index}`, message: (error as Error).message })
      }
    }
    if (errors.length) throw ApiError.validation(errors)
    const created = await createTenant(
      { name: payload.name, origins: payload.origins ?? [] },
      'operator',
      actorOf(platformUser)
    )
    response.status(201)
    return {
      tenant: await detailOrFail(created.tenant.id),
      keys: {
        publishable: { id: created.keyIds.publishable, key: created.publishableKey },
        secret: { id: created.keyIds.secret, key: created.secretKey },
      },
    }
  }

  async show({ params }: HttpContext) {
    return detailOrFail(params.id)
  }

  async suspend({ params, request, platformUser }: HttpContext) {
    const id = knownShape(params.id)
    const { category, reason, note } = await validateBody(request, suspendTenantValidator)
    const change = await suspendTenant(id, { category, reason, note }, actorOf(platformUser))
    return answer(change, 'The tenant is already suspended')
  }

  async resume({ params, platformUser }: HttpContext) {
    const id = knownShape(params.id)
    const change = await resumeTenant(id, actorOf(platformUser))
    return answer(change, 'The tenant is not suspended')
  }
}

const actorOf = (platformUser: HttpContext['platformUser']): TenantActor => ({
  type: 'platform_user',
  id: platformUser!.id,
})

/** A malformed id cannot name a tenant: 404, as for an unknown one. */
function knownShape(id: string) {
  if (!UUID_PATTERN.test(id)) throw ApiError.notFound('Tenant')
  return id
}

async function detailOrFail(id: string) {
  const detail = UUID_PATTERN.test(id) ? await tenantDetail(id) : null
  if (!detail) throw ApiError.notFound('Tenant')
  return detail
}

async function answer(change: StatusChange, conflict: string) {
  if (change.outcome === 'missing') throw ApiError.notFound('Tenant')
  if (change.outcome === 'unchanged') throw new ApiError('CONFLICT', conflict)
  return detailOrFail(change.tenant.id)
}
