import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { withTenant } from '#services/tenant_context'

export type Granularity = 'day' | 'month'

export interface UsageRow {
  workspaceId: string
  feature: string
  at: string
  quantity: number
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
export async function usageSeries(
  tenantId: string,
  range: { from: Date; to: Date; granularity: Granularity }
) {
  return withTenant(
    { tenantId },
    async (trx) => {
      const ledger = await ledgerTable(trx)
      // As text: a timestamp without zone would be read in the process's local zone.
      const bucket = `to_char(date_trunc('${range.granularity}', %s at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')`
      const args = [tenantId, range.from, range.to]
      const sources = [
        ledger === 'usage_records'
          ? `select workspace_id, 'transcriptionMinutes' as feature, ${bucket.replace('%s', 'occurred_at')} as at, sum(quantity) as quantity
               from usage_records where tenant_id = ? and occurred_at >= ? and occurred_at < ? and feature = 'transcriptionMinutes' group by 1, 2, 3`
          : `select workspace_id, 'transcriptionMinutes' as feature, ${bucket.replace('%s', 'created_at')} as at, sum(quantity) as quantity
               from usage_events where tenant_id = ? and created_at >= ? and created_at < ? and kind = 'transcription_minutes' group by 1, 2, 3`,
        `select workspace_id, 'messagesSent' as feature, ${bucket.replace('%s', 'created_at')} as at, count(*) as quantity
           from messages where tenant_id = ? and created_at >= ? and created_at < ? and direction = 'outbound' group by 1, 2, 3`,
        `select workspace_id, 'campaignRecipients' as feature, ${bucket.replace('%s', 'sent_at')} as at, count(*) as quantity
           from campaign_recipients where tenant_id = ? and sent_at >= ? and sent_at < ? group by 1, 2, 3`,
      ]
      const rows: UsageRow[] = []
      for (const sql of sources) {
        const { rows: found } = await trx.rawQuery(sql, args)
        for (const row of found)
          rows.push({
            workspaceId: row.workspace_id,
            feature: row.feature,
            at: row.at,
            quantity: Number(row.quantity),
          })
      }
      return { rows, counts: await currentCounts(trx, tenantId) }
    },
    'relay'
  )
}

/** Per workspace: WhatsApp numbers now (connected and all). */
async function currentCounts(trx: TransactionClientContract, tenantId: string) {
  const { rows } = await trx.rawQuery(
    `select workspace_id, count(*) filter (where status = 'connected')::int as connected, count(*)::int as total
       from whatsapp_numbers where tenant_id = ? group by workspace_id`,
    [tenantId]
  )
  return rows as { workspace_id: string; connected: number; total: number }[]
}

async function ledgerTable(trx: TransactionClientContract) {
  const { rows } = await trx.rawQuery(`select to_regclass('usage_records') is not null as present`)
  return rows[0].present ? 'usage_records' : 'usage_events'
}
