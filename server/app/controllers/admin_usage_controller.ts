import type { HttpContext } from '@adonisjs/core/http'
import Tenant from '#models/tenant'
import { USAGE_FEATURES, seriesPer, usageByTenant, usageRange } from '#services/usage_report'
import { usageQueryValidator } from '#validators/console_settings'
import { validateQuery } from '#validators/strict'

/**
 * GET /v1/admin/usage?from=&to=&granularity=day|month: usage across every tenant, per tenant and
 * feature (a series of UTC buckets with use, and its total), the same per feature over all
 * tenants (`totals`), and WhatsApp numbers as they are now (`current`). The range rules are the
 * console's GET /v1/usage; the sums are services/usage_report.ts's, grouped per tenant.
 */
export default class AdminUsageController {
  async index({ request }: HttpContext) {
    const { from, to, granularity } = usageRange(await validateQuery(request, usageQueryValidator))
    const { rows, counts } = await usageByTenant({
      from: from.toJSDate(),
      to: to.toJSDate(),
      granularity,
    })
    const ids = [...new Set([...rows.map((r) => r.tenantId), ...counts.map((c) => c.tenantId)])]
    const tenants = ids.length
      ? await Tenant.query({ connection: 'operator' })
          .whereIn('id', ids)
          .select('id', 'name', 'status')
      : []
    const named = new Map(tenants.map((t) => [t.id, { name: t.name, status: t.status }]))

    return {
      from: from.toISO(),
      to: to.toISO(),
      granularity,
      features: [...USAGE_FEATURES, 'whatsappNumbers'],
      data: seriesPer(rows, 'tenantId').map((g) => ({
        ...g,
        tenant: named.get(g.tenantId) ?? null,
      })),
      totals: totalsPerFeature(rows),
      current: counts.map((c) => ({
        tenantId: c.tenantId,
        tenant: named.get(c.tenantId) ?? null,
        feature: 'whatsappNumbers',
        connected: c.connected,
        total: c.total,
      })),
    }
  }
}

/** Every feature's use summed over all tenants: a series of buckets in time order, its total. */
function totalsPerFeature(rows: { feature: string; at: string; quantity: number }[]) {
  return USAGE_FEATURES.map((feature) => {
    const buckets = new Map<string, number>()
    for (const row of rows)
      if (row.feature === feature) buckets.set(row.at, (buckets.get(row.at) ?? 0) + row.quantity)
    const series = [...buckets]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([at, quantity]) => ({ at, quantity }))
    return { feature, total: series.reduce((sum, point) => sum + point.quantity, 0), series }
  })
}
