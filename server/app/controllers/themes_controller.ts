import type { HttpContext } from '@adonisjs/core/http'
import { validateBody } from '#validators/strict'
import { themeValidator } from '#validators/theme'
import { setTheme, themeStylesheet } from '#services/themes'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'

/** A tenant's theme: tokens for partners (secret key or console), CSS for browsers (publishable key). */
export default class ThemesController {
  /** GET /v1/theme */
  async show({ tenancy }: HttpContext) {
    return { theme: { tokens: tenancy.tenant.theme } }
  }

  /** PUT /v1/theme { tokens } */
  async update({ request, tenancy }: HttpContext) {
    const { tokens } = await validateBody(request, themeValidator)
    const saved = await setTheme(tenancy.trx, tenancy.tenant, tokens, settingsActor(tenancy))
    return { theme: { tokens: saved.tokens }, warnings: saved.warnings }
  }

  /** GET /v1/theme.css?key=pk_… (cacheable; revalidated by ETag) */
  async css({ publicTenant, request, response }: HttpContext) {
    const { css, etag } =
      publicTenant.stylesheet ??
      (publicTenant.stylesheet = themeStylesheet(publicTenant.tenant.theme))
    response.header('ETag', etag)
    response.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=3600')
    response.header('Content-Type', 'text/css; charset=utf-8')
    if (request.header('if-none-match') === etag) return response.notModified()
    return response.send(css)
  }
}
