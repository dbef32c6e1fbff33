import type { HttpContext } from '@adonisjs/core/http'
import { publicBaseFor } from '#services/domains/public_base'
import { servedFrom } from '#services/branding_assets'

/** GET /v1/embed/config?key=pk_…: what the loader needs to render the tenant's widgets. */
export default class EmbedConfigsController {
  async show({ publicTenant, request, response }: HttpContext) {
    const { tenant } = publicTenant
    response.header('Cache-Control', 'private, max-age=60')
    const base = await publicBaseFor(request)
    return {
      // An uploaded logo or font is named on the origin asked through (a custom domain works).
      tenant: {
        name: tenant.name,
        logoUrl: servedFrom(tenant.logoUrl, base),
        fontUrl: servedFrom(tenant.fontUrl ?? null, base),
      },
      // Branding: the loader defines <prefix-inbox>… and, unless false, keeps <parley-*>.
      elementPrefix: tenant.elementPrefix ?? null,
      parleyElements: tenant.parleyElements ?? true,
      widgets: tenant.enabledWidgets,
      theme: { tokens: tenant.theme ?? {} },
      locale: tenant.locale,
      realtimeUrl: `${base}/__transmit/events`,
    }
  }
}
