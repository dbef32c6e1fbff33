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
export function bucketsOf(report: Pick<UsageReport, 'from' | 'to' | 'granularity'>) {
  const start = new Date(report.from)
  const end = new Date(report.to).getTime()
  const out: string[] = []
  let at =
    report.granularity === 'month'
      ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)
      : Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())
  while (at < end && out.length < 800) {
    out.push(new Date(at).toISOString())
    const d = new Date(at)
    at =
      report.granularity === 'month'
        ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
        : at + DAY_MS
  }
  return out
}

/** A bucket's key, the same for `2026-05-03T00:00:00.000Z` and `2026-05-03T00:00:00Z`. */
const keyOf = (iso: string, granularity: Granularity) =>
  iso.slice(0, granularity === 'month' ? 7 : 10)

export interface TenantUse {
  tenantId: string
  name: string | null
  total: number
  values: number[]
}

/**
 * One feature's use per tenant over the buckets, the biggest users first, and the same for all
 * tenants together (from `totals`).
 */
export function featureUse(report: UsageReport, feature: Feature, buckets: string[]) {
  const index = new Map(buckets.map((b, i) => [keyOf(b, report.granularity), i]))
  const spread = (series: { at: string; quantity: number }[]) => {
    const values = buckets.map(() => 0)
    for (const point of series) {
      const at = index.get(keyOf(point.at, report.granularity))
      if (at !== undefined) values[at] += point.quantity
    }
    return values
  }
  const tenants: TenantUse[] = report.data
    .filter((row) => row.feature === feature && row.total > 0)
    .map((row) => ({
      tenantId: row.tenantId,
      name: row.tenant?.name ?? null,
      total: row.total,
      values: spread(row.series),
    }))
    .sort((a, b) => b.total - a.total || (a.name ?? '').localeCompare(b.name ?? ''))
  const all = report.totals.find((t) => t.feature === feature)
  return {
    tenants,
    total: all?.total ?? tenants.reduce((sum, t) => sum + t.total, 0),
    values: all
      ? spread(all.series)
      : buckets.map((_, i) => tenants.reduce((s, t) => s + t.values[i], 0)),
  }
}
