import type { ChartData } from '../console/charts/usage-chart.js'
import { bucketsOf as rangeBuckets } from '../console/settings/usage-data.js'
import type { Feature, Granularity, UsageReport } from './api.js'

/** The periods the Usage page offers, as API parameters. */
export const PERIODS = ['last30', 'last90', 'last12'] as const
export type Period = (typeof PERIODS)[number]

const DAY_MS = 86_400_000

/** `from` and `granularity` for a period ending now (`to` is the server's default: now). */
export function periodQuery(period: Period, now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  if (period === 'last12')
    return {
      from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString(),
      granularity: 'month' as Granularity,
    }
  const days = period === 'last30' ? 30 : 90
  return {
    from: new Date(today - (days - 1) * DAY_MS).toISOString(),
    granularity: 'day' as Granularity,
  }
}

/** Every UTC bucket from `from` to `to` (the API lists only buckets with use). */
export const bucketsOf = (report: Pick<UsageReport, 'from' | 'to' | 'granularity'>) =>
  rangeBuckets({
    from: new Date(report.from),
    to: new Date(report.to),
    granularity: report.granularity,
  })

export interface TenantUse {
  tenantId: string
  name: string | null
  total: number
}

/**
 * One feature's use per tenant, the biggest users first, and for all tenants together (from
 * `totals`).
 */
export function featureUse(report: UsageReport, feature: Feature) {
  const tenants: TenantUse[] = report.data
    .filter((row) => row.feature === feature && row.total > 0)
    .map((row) => ({ tenantId: row.tenantId, name: row.tenant?.name ?? null, total: row.total }))
    .sort((a, b) => b.total - a.total || (a.name ?? '').localeCompare(b.name ?? ''))
  const all = report.totals.find((t) => t.feature === feature)
  return { tenants, total: all?.total ?? tenants.reduce((sum, t) => sum + t.total, 0) }
}

/** One feature's chart for <console-usage-chart>: a series per tenant. */
export function chartOf(
  report: UsageReport,
  feature: Feature,
  label: string,
  unknown: string
): ChartData {
  return {
    label,
    series: report.data
      .filter((row) => row.feature === feature)
      .map((row) => ({
        name: row.tenant?.name ?? unknown,
        points: row.series.map((p) => ({ at: p.at, value: p.quantity })),
      })),
  }
}
