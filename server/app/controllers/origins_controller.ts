import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import TenantOrigin from '#models/tenant_origin'
import { audit } from '#services/audit'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { normaliseOrigin } from '#services/tenants'
import { invalidateTenant } from '#services/tenant_cache'
import { putOriginsValidator } from '#validators/console_settings'
import { validateBody } from '#validators/strict'

/** The origins the tenant's publishable keys and widgets are accepted from (tenant settings). */
export default class OriginsController {
  async show({ tenancy }: HttpContext) {
    return { origins: await originsOf(tenancy) }
  }

  /** PUT /v1/origins { origins }: the whole list, replaced; each as scheme://host[:port]. */
  async update({ request, tenancy }: HttpContext) {
    const payload = await validateBody(request, putOriginsValidator)
    const wanted = new Set<string>()
    const errors = []
    for (const [index, input] of payload.origins.entries()) {
      try {
        wanted.add(normaliseOrigin(input))
      } catch (error) {
        errors.push({ field: `origins.${index}`, message: (error as Error).message })
      }
    }
    if (errors.length) throw ApiError.validation(errors)

    const before = new Set(await originsOf(tenancy))
    const added = [...wanted].filter((o) => !before.has(o))
    const removed = [...before].filter((o) => !wanted.has(o))
    if (removed.length) await TenantOrigin.scoped(tenancy).whereIn('origin', removed).delete()
    for (const origin of added)
      await TenantOrigin.create({ tenantId: tenancy.tenantId, origin }, { client: tenancy.trx })
    if (added.length || removed.length) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        action: 'tenant.origins_changed',
        actor: settingsActor(tenancy),
        target: { type: 'tenant', id: tenancy.tenantId },
        data: { added, removed },
      })
      tenancy.trx.after('commit', () => invalidateTenant(tenancy.tenantId))
    }
    return { origins: await originsOf(tenancy) }
  }
}

async function originsOf(tenancy: HttpContext['tenancy']) {
  const rows = await TenantOrigin.scoped(tenancy).orderBy('origin')
  return rows.map((row) => row.origin)
}
