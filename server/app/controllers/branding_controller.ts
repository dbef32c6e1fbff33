import type { HttpContext } from '@adonisjs/core/http'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'
import { brandingOf, lockTenant, saveBranding } from '#services/branding'
import { parseAssetUrl } from '#services/branding_assets'
import { updateBrandingValidator } from '#validators/console_settings'
import { validateBody } from '#validators/strict'

/**
 * GET/PATCH /v1/branding (tenant settings): the name and logo end users see, the font, and the
 * element prefix the loader defines the widgets under (`acme` → <acme-inbox>), with whether
 * <parley-*> stay loaded. Only what is named changes; null clears logo, font or prefix (and
 * deletes an uploaded file no longer used: BrandingAssetsController stores them).
 */
export default class BrandingController {
  async show({ tenancy }: HttpContext) {
    return brandingOf(tenancy.tenant)
  }

  async update({ request, tenancy }: HttpContext) {
    const payload = await validateBody(request, updateBrandingValidator)
    const tenant = await lockTenant(tenancy)
    // Parley's own file URLs are set by uploading; naming one is only "leave it as it is".
    const refused: ErrorDetail[] = (['logoUrl', 'fontUrl'] as const)
      .filter((field) => parseAssetUrl(payload[field]) && payload[field] !== tenant[field])
      .map((field) => ({
        field,
        message: `Upload the file (POST /v1/branding/${field === 'logoUrl' ? 'logo' : 'font'}) to use a file stored by Parley`,
      }))
    if (refused.length) throw ApiError.validation(refused)
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
    await saveBranding(tenancy, tenant, { action: 'tenant.branding_changed' })
    return brandingOf(tenant)
  }
}
