import type { ChartData, ChartGranularity } from '../charts/usage-chart.js'

/** GET /v1/usage?from=&to=&granularity=. */
export interface UsageReport {
  from: string
  to: string
  granularity: ChartGranularity
  features: string[]
  data: {
    workspaceId: string
    workspace: { externalId: string; name: string | null } | null
    feature: string
    total: number
    series: { at: string; quantity: number }[]
  }[]
  /** WhatsApp numbers now, per workspace (a count, not a series). */
  current: {
    workspaceId: string
    workspace: { externalId: string; name: string | null } | null
    connected: number
    total: number
  }[]
}

export const RANGES = ['last30', 'last12', 'custom'] as const
export type RangeChoice = (typeof RANGES)[number]

export interface Range {
  from: Date
  to: Date
  granularity: ChartGranularity
}

const DAY = 86_400_000
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
const utcMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
const addMonths = (d: Date, n: number) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1))

/** The last 30 days by day, or the last 12 months by month, both including today (UTC). */
export function presetRange(choice: 'last30' | 'last12', now = new Date()): Range {
  return choice === 'last30'
    ? { from: new Date(utcDay(now).getTime() - 29 * DAY), to: now, granularity: 'day' }
    : { from: addMonths(utcMonth(now), -11), to: now, granularity: 'month' }
}

/**
 * A custom range from two picker values (`YYYY-MM-DD`, read as UTC days, the end included), or
 * undefined when either is missing or the start is after the end. By month, it widens to whole
 * months.
 */
export function customRange(
  from: string,
  to: string,
  granularity: ChartGranularity
): Range | undefined {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(`${from}T00:00:00Z`) : undefined
  const end = /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(`${to}T00:00:00Z`) : undefined
  if (!start || !end || start > end) return undefined
  return granularity === 'day'
    ? { from: start, to: new Date(end.getTime() + DAY), granularity }
    : { from: utcMonth(start), to: addMonths(utcMonth(end), 1), granularity }
}

/** Every bucket start from `from` up to (not including) `to`, as the API writes them. */
export function bucketsOf(range: Range): string[] {
  const out: string[] = []
  let at = range.granularity === 'day' ? utcDay(range.from) : utcMonth(range.from)
  while (at < range.to && out.length < 1000) {
    out.push(at.toISOString())
    at = range.granularity === 'day' ? new Date(at.getTime() + DAY) : addMonths(at, 1)
  }
  return out
}

/** `/v1/usage?…` for a range. */
export const usagePath = (range: Range) =>
  `/v1/usage?${new URLSearchParams({
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    granularity: range.granularity,
  })}`

type Named = { workspace: { externalId: string; name: string | null } | null }

/** A workspace's name as the page shows it: its name, else the reseller's id. */
export const workspaceName = (row: Named, unknown: string) =>
  row.workspace?.name || row.workspace?.externalId || unknown

/** The features that have a series (WhatsApp numbers are a count now, not over time). */
export const seriesFeatures = (report: UsageReport) =>
  report.features.filter((f) => f !== 'whatsappNumbers')

/** One feature's chart: a series per workspace. */
export function chartFor(
  report: UsageReport,
  feature: string,
  label: string,
  unknown: string
): ChartData {
  return {
    label,
    series: report.data
      .filter((d) => d.feature === feature)
      .map((d) => ({
        name: workspaceName(d, unknown),
        points: d.series.map((p) => ({ at: p.at, value: p.quantity })),
      })),
  }
}

/** A row of the totals table: a workspace, its total per feature, its WhatsApp numbers now. */
export interface TotalsRow {
  workspaceId: string
  name: string
  externalId: string | null
  totals: Record<string, number>
  whatsapp: { connected: number; total: number } | null
}

/** Per workspace, the period's total of each feature and the WhatsApp numbers now, by name. */
export function totalsOf(report: UsageReport, unknown: string): TotalsRow[] {
  const rows = new Map<string, TotalsRow>()
  const row = (r: Named & { workspaceId: string }) =>
    rows.get(r.workspaceId) ??
    rows
      .set(r.workspaceId, {
        workspaceId: r.workspaceId,
        name: workspaceName(r, unknown),
        externalId: r.workspace?.externalId ?? null,
        totals: {},
        whatsapp: null,
      })
      .get(r.workspaceId)!
  for (const d of report.data) {
    const r = row(d)
    r.totals[d.feature] = (r.totals[d.feature] ?? 0) + d.total
  }
  for (const c of report.current) row(c).whatsapp = { connected: c.connected, total: c.total }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** A CSV cell: quoted when needed; text a spreadsheet would run as a formula is neutralised. */
export function csvCell(value: string | number | null | undefined) {
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The totals table as CSV (CRLF lines, a header naming the columns). */
export function totalsCsv(
  rows: TotalsRow[],
  features: string[],
  headers: {
    workspace: string
    externalId: string
    features: string[]
    connected: string
    numbers: string
  }
) {
  const lines = [
    [
      headers.workspace,
      headers.externalId,
      ...headers.features,
      headers.connected,
      headers.numbers,
    ],
    ...rows.map((r) => [
      r.name,
      r.externalId,
      ...features.map((f) => r.totals[f] ?? 0),
      r.whatsapp?.connected ?? 0,
      r.whatsapp?.total ?? 0,
    ]),
  ]
  return lines.map((l) => `${l.map(csvCell).join(',')}\r\n`).join('')
}
