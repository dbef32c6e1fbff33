import type { HttpContext } from '@adonisjs/core/http'
import Workspace from '#models/workspace'
import { USAGE_FEATURES, seriesPer, usageRange, usageSeries } from '#services/usage_report'
import { usageQueryValidator } from '#validators/console_settings'
import { validateQuery } from '#validators/strict'

/**
 * GET /v1/usage?from=&to=&granularity=day|month: per workspace and feature, a series of UTC
 * buckets (only buckets with use) and its total; WhatsApp numbers as they are now (`current`).
 * Default: the last 30 days by day (by month: the last 12 months).
 */
export default class UsageController {
  async index({ request, tenancy }: HttpContext) {
    const query = await validateQuery(request, usageQueryValidator)
    const { from, to, granularity } = usageRange(query)

    const { rows, counts } = await usageSeries(tenancy.tenantId, {
      from: from.toJSDate(),
      to: to.toJSDate(),
      granularity,
    })
    const ids = [
      ...new Set([...rows.map((r) => r.workspaceId), ...counts.map((c) => c.workspace_id)]),
    ]
    const workspaces = ids.length
      ? await Workspace.scoped(tenancy).whereIn('id', ids).select('id', 'external_id', 'name')
      : []
    const named = new Map(workspaces.map((w) => [w.id, { externalId: w.externalId, name: w.name }]))

    return {
      from: from.toISO(),
      to: to.toISO(),
      granularity,
      features: [...USAGE_FEATURES, 'whatsappNumbers'],
      data: seriesPer(rows, 'workspaceId').map((g) => ({
        ...g,
        workspace: named.get(g.workspaceId) ?? null,
      })),
      current: counts.map((c) => ({
        workspaceId: c.workspace_id,
        workspace: named.get(c.workspace_id) ?? null,
        feature: 'whatsappNumbers',
        connected: c.connected,
        total: c.total,
      })),
    }
  }
}
