import type { HttpContext } from '@adonisjs/core/http'
import { publicBaseFor } from '#services/domains/public_base'

/** GET /v1/embed/config?key=pk_…: what the loader needs to render the tenant's widgets. */
export default class EmbedConfigsController {
  async show({ publicTenant, request, response }: HttpContext) {
    const { tenant } = publicTenant
    response.header('Cache-Control', 'private, max-age=60')
    return {
      tenant: { name: tenant.name, logoUrl: tenant.logoUrl, fontUrl: tenant.fontUrl ?? null },
      // Branding: the loader defines <prefix-inbox>… and, unless false, keeps <parley-*>.
      elementPrefix: tenant.elementPrefix ?? null,
      parleyElements: tenant.parleyElements ?? true,
      widgets: tenant.enabledWidgets,
      theme: { tokens: tenant.theme ?? {} },
      locale: tenant.locale,
      realtimeUrl: `${await publicBaseFor(request)}/__transmit/events`,
    }
  }
}
