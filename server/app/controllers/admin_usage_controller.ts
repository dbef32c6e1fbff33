import type { HttpContext } from '@adonisjs/core/http'
import Tenant from '#models/tenant'
import { USAGE_FEATURES, usageByTenant, usageRange } from '#services/usage_report'
import { usageQueryValidator } from '#validators/console_settings'
import { validateQuery } from '#validators/strict'

type Point = { at: string; quantity: number }

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

    const perTenant = new Map<
      string,
      { tenantId: string; feature: string; total: number; series: Point[] }
    >()
    const overall = new Map<
      string,
      { feature: string; total: number; buckets: Map<string, number> }
    >(USAGE_FEATURES.map((feature) => [feature, { feature, total: 0, buckets: new Map() }]))
    for (const row of rows.sort((a, b) => a.at.localeCompare(b.at))) {
      const key = `${row.tenantId}:${row.feature}`
      const entry =
        perTenant.get(key) ??
        perTenant
          .set(key, { tenantId: row.tenantId, feature: row.feature, total: 0, series: [] })
          .get(key)!
      entry.total += row.quantity
      entry.series.push({ at: row.at, quantity: row.quantity })
      const sum = overall.get(row.feature)!
      sum.total += row.quantity
      sum.buckets.set(row.at, (sum.buckets.get(row.at) ?? 0) + row.quantity)
    }

    return {
      from: from.toISO(),
      to: to.toISO(),
      granularity,
      features: [...USAGE_FEATURES, 'whatsappNumbers'],
      data: [...perTenant.values()].map((g) => ({ ...g, tenant: named.get(g.tenantId) ?? null })),
      totals: [...overall.values()].map(({ feature, total, buckets }) => ({
        feature,
        total,
        series: [...buckets].map(([at, quantity]) => ({ at, quantity })),
      })),
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
