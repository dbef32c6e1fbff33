import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { withTenant } from '#services/tenant_context'

export type Granularity = 'day' | 'month'

/** The features a usage series sums (WhatsApp numbers are counted now instead: `current`). */
export const USAGE_FEATURES = [
  'transcriptionMinutes',
  'messagesSent',
  'campaignRecipients',
] as const

/** The longest range one request may ask for, per granularity. */
const MAX_SPAN = { day: { days: 400 }, month: { months: 60 } } as const

/**
 * A usage query's range (GET /v1/usage, GET /v1/admin/usage), or 422: by default the last 30
 * days by day (by month: the last 12 months), `from` before `to`, at most 400 days / 60 months.
 */
export function usageRange(query: { from?: Date; to?: Date; granularity?: Granularity }) {
  const granularity = query.granularity ?? 'day'
  const to = query.to ? DateTime.fromJSDate(query.to).toUTC() : DateTime.utc()
  const from = query.from
    ? DateTime.fromJSDate(query.from).toUTC()
    : granularity === 'day'
      ? to.minus({ days: 30 }).startOf('day')
      : to.minus({ months: 12 }).startOf('month')
  if (from >= to) throw ApiError.validation([{ field: 'from', message: 'from must be before to' }])
  if (from.plus(MAX_SPAN[granularity]) < to)
    throw ApiError.validation([
      {
        field: 'to',
        message: `At most ${granularity === 'day' ? '400 days' : '60 months'} by ${granularity}`,
      },
    ])
  return { from, to, granularity }
}

export interface UsageRow {
  workspaceId: string
  feature: string
  at: string
  quantity: number
}

/** One series per owner (a workspace, a tenant) and feature: buckets in time order, its total. */
export function seriesPer<K extends 'workspaceId' | 'tenantId'>(
  rows: (Record<K, string> & { feature: string; at: string; quantity: number })[],
  owner: K
) {
  type Group = Record<K, string> & {
    feature: string
    total: number
    series: { at: string; quantity: number }[]
  }
  const groups = new Map<string, Group>()
  for (const row of [...rows].sort((a, b) => a.at.localeCompare(b.at))) {
    const key = `${row[owner]}:${row.feature}`
    let entry = groups.get(key)
    if (!entry) {
      entry = {
        [owner]: row[owner],
        feature: row.feature,
        total: 0,
        series: [],
      } as unknown as Group
      groups.set(key, entry)
    }
    entry.total += row.quantity
    entry.series.push({ at: row.at, quantity: row.quantity })
  }
  return [...groups.values()]
}

interface Range {
  from: Date
  to: Date
  granularity: Granularity
}

/** Whose use a query sums: one column to group by and a condition on `tenant_id`. */
interface Owner {
  by: 'workspace_id' | 'tenant_id'
  where: string
  bindings: string[]
}

/**
 * Usage per workspace and feature over time, from the records that exist:
 * - `transcriptionMinutes`: the usage ledger (`usage_records` once billing's migration ran,
 *   `usage_events` before it);
 * - `messagesSent`: outbound messages (every channel; campaign messages included);
 * - `campaignRecipients`: campaign recipients sent to (by their `sent_at`);
 * - `whatsappNumbers` is a count now, not a series: see `currentCounts`.
 * Reads run on the relay (operator) pool in a transaction scoped to the tenant, whose policy
 * lets it see every workspace of that tenant and no other tenant (the app role sees only one
 * workspace of workspace-scoped tables at a time).
 */
export async function usageSeries(tenantId: string, range: Range) {
  return withTenant(
    { tenantId },
    async (trx) => {
      const owner: Owner = { by: 'workspace_id', where: 'tenant_id = ?', bindings: [tenantId] }
      const found = await readUsage(trx, owner, range)
      const rows = found.map(({ owner: id, ...row }) => ({ workspaceId: id, ...row }))
      const numbers = await currentCounts(trx, owner)
      const counts = numbers.map(({ owner: id, ...c }) => ({ workspace_id: id, ...c }))
      return { rows: rows satisfies UsageRow[], counts }
    },
    'relay'
  )
}

/**
 * The same usage summed per tenant (the platform admin): every tenant, or only `tenantIds`.
 * The relay transaction names no tenant, which its policy reads as "every tenant".
 */
export async function usageByTenant(range: Range, tenantIds?: string[]) {
  return db.connection('relay').transaction(async (trx) => {
    const owner: Owner = tenantIds
      ? { by: 'tenant_id', where: 'tenant_id = any(?::uuid[])', bindings: [uuidList(tenantIds)] }
      : { by: 'tenant_id', where: 'true', bindings: [] }
    const found = await readUsage(trx, owner, range)
    const rows = found.map(({ owner: id, ...row }) => ({ tenantId: id, ...row }))
    const numbers = await currentCounts(trx, owner)
    const counts = numbers.map(({ owner: id, ...c }) => ({ tenantId: id, ...c }))
    return { rows, counts }
  })
}

async function readUsage(trx: TransactionClientContract, owner: Owner, range: Range) {
  const ledger = await ledgerTable(trx)
  // As text: a timestamp without zone would be read in the process's local zone.
  const bucket = `to_char(date_trunc('${range.granularity}', %s at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')`
  const args = [...owner.bindings, range.from, range.to]
  const { by, where } = owner
  const sources = [
    ledger === 'usage_records'
      ? `select ${by} as owner, 'transcriptionMinutes' as feature, ${bucket.replace('%s', 'occurred_at')} as at, sum(quantity) as quantity
           from usage_records where ${where} and occurred_at >= ? and occurred_at < ? and feature = 'transcriptionMinutes' group by 1, 2, 3`
      : `select ${by} as owner, 'transcriptionMinutes' as feature, ${bucket.replace('%s', 'created_at')} as at, sum(quantity) as quantity
           from usage_events where ${where} and created_at >= ? and created_at < ? and kind = 'transcription_minutes' group by 1, 2, 3`,
    `select ${by} as owner, 'messagesSent' as feature, ${bucket.replace('%s', 'created_at')} as at, count(*) as quantity
       from messages where ${where} and created_at >= ? and created_at < ? and direction = 'outbound' group by 1, 2, 3`,
    `select ${by} as owner, 'campaignRecipients' as feature, ${bucket.replace('%s', 'sent_at')} as at, count(*) as quantity
       from campaign_recipients where ${where} and sent_at >= ? and sent_at < ? group by 1, 2, 3`,
  ]
  const rows: { owner: string; feature: string; at: string; quantity: number }[] = []
  for (const sql of sources) {
    const { rows: found } = await trx.rawQuery(sql, args)
    for (const row of found)
      rows.push({
        owner: row.owner,
        feature: row.feature,
        at: row.at,
        quantity: Number(row.quantity),
      })
  }
  return rows
}

/** Per workspace (or tenant): WhatsApp numbers now (connected and all). */
async function currentCounts(trx: TransactionClientContract, owner: Owner) {
  const { rows } = await trx.rawQuery(
    `select ${owner.by} as owner, count(*) filter (where status = 'open')::int as connected, count(*)::int as total
       from whatsapp_numbers where ${owner.where} group by 1`,
    owner.bindings
  )
  return rows as { owner: string; connected: number; total: number }[]
}

async function ledgerTable(trx: TransactionClientContract) {
  const { rows } = await trx.rawQuery(`select to_regclass('usage_records') is not null as present`)
  return rows[0].present ? 'usage_records' : 'usage_events'
}

/** A uuid[] parameter: PostgreSQL's array literal of well-formed ids only. */
const uuidList = (ids: string[]) => `{${ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',')}}`
