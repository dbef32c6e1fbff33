import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import type Tenant from '#models/tenant'
import { audit } from '#services/audit'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { invalidateTenant } from '#services/tenant_cache'
import { updateBrandingValidator } from '#validators/console_settings'
import { validateBody } from '#validators/strict'

const shape = (t: Tenant) => ({
  name: t.name,
  logoUrl: t.logoUrl,
  fontUrl: t.fontUrl ?? null,
  elementPrefix: t.elementPrefix ?? null,
  parleyElements: t.parleyElements ?? true,
})

/**
 * GET/PATCH /v1/branding (tenant settings): the name and logo end users see, the font, and the
 * element prefix the loader defines the widgets under (`acme` → <acme-inbox>), with whether
 * <parley-*> stay loaded. Only what is named changes; null clears logo, font or prefix.
 */
export default class BrandingController {
  async show({ tenancy }: HttpContext) {
    return shape(tenancy.tenant)
  }

  async update({ request, tenancy }: HttpContext) {
    const payload = await validateBody(request, updateBrandingValidator)
    const tenant = tenancy.tenant
    tenant.merge({
      name: payload.name ?? tenant.name,
      logoUrl: payload.logoUrl === undefined ? tenant.logoUrl : payload.logoUrl,
      fontUrl: payload.fontUrl === undefined ? tenant.fontUrl : payload.fontUrl,
      elementPrefix:
        payload.elementPrefix === undefined ? tenant.elementPrefix : payload.elementPrefix,
      parleyElements: payload.parleyElements ?? tenant.parleyElements,
    })
    if (!tenant.elementPrefix && tenant.parleyElements === false)
      throw ApiError.validation([
        {
          field: 'parleyElements',
          message: 'Set an elementPrefix before turning the parley-* elements off',
        },
      ])
    const changed = Object.keys(tenant.$dirty)
    await tenant.useTransaction(tenancy.trx).save()
    if (changed.length) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        action: 'tenant.branding_changed',
        actor: settingsActor(tenancy),
        target: { type: 'tenant', id: tenancy.tenantId },
        data: shape(tenant),
      })
      // The embed config is cached per instance: every instance reloads it once committed.
      tenancy.trx.after('commit', () => invalidateTenant(tenancy.tenantId))
    }
    return shape(tenant)
  }
}
