import { Readable } from 'node:stream'
import Campaign from '#models/campaign'
import CampaignRecipient, { type RecipientStatus } from '#models/campaign_recipient'
import Contact from '#models/contact'
import { paginate } from '#services/pagination'
import { csvLine } from '#services/csv'
import type { SessionTenancy } from '#services/tenancy'
import { withTenant } from '#services/tenant_context'
import { RecipientTransformer } from '#transformers/campaign_transformer'
import { classificationStatus, type ClassificationStatus } from '#services/campaigns/classify_reply'

type Scope = Pick<SessionTenancy, 'tenantId' | 'workspaceId' | 'trx'>

/**
 * A campaign's numbers (GET /v1/campaigns/:id/stats, and `campaign.progress`), in two queries
 * over its recipient rows: one aggregate (totals, skipped by reason, per variant, as grouping
 * sets) and one hourly series.
 *
 * The funnel is cumulative: `sent` counts every recipient that reached sent or beyond (delivered,
 * read, replied), `delivered` those that reached delivered or beyond, and so on, so the numbers
 * only ever shrink from left to right. A drip's contact counts once per step it reached.
 * `optedOut` counts contacts who opted out after a message of the campaign reached them.
 */

const SENT = `(r.status IN ('sent', 'delivered', 'read', 'replied') OR (r.status = 'exited' AND r.sent_at IS NOT NULL))`
const DELIVERED = `(r.status IN ('delivered', 'read', 'replied') OR (r.status <> 'failed' AND r.delivered_at IS NOT NULL))`
const READ = `(r.status IN ('read', 'replied') OR (r.status <> 'failed' AND r.read_at IS NOT NULL))`
const REPLIED = `(r.status = 'replied' OR r.replied_at IS NOT NULL)`
const OPTED_OUT = `((r.sent_at IS NOT NULL AND c.opted_out_at >= r.sent_at)
  OR (r.status = 'exited' AND r.reason = 'optedOut'))`

interface AggregateRow {
  by_reason: number
  by_variant: number
  reason: string | null
  step: number | null
  variant: number | null
  contacts: number
  queued: number
  sent: number
  delivered: number
  read: number
  replied: number
  failed: number
  skipped: number
  opted_out: number
}

export interface CampaignStats {
  audience: number
  queued: number
  sent: number
  delivered: number
  read: number
  replied: number
  optedOut: number
  failed: number
  skipped: Record<string, number>
  variants: {
    step: number
    index: number
    sent: number
    delivered: number
    read: number
    replied: number
  }[]
  series: { at: string; sent: number; delivered: number; read: number; replied: number }[]
  /** Whether replies get classified, and why not (the widget says so instead of guessing). */
  classification: ClassificationStatus
}

/** The campaign's stats; pass the campaign when it is loaded already, else its id. */
export async function campaignStats(
  scope: Scope,
  campaignOrId: string | Pick<Campaign, 'id' | 'steps' | 'audienceCount'>
): Promise<CampaignStats> {
  const campaign =
    typeof campaignOrId === 'string'
      ? await Campaign.scoped(scope).where('id', campaignOrId).firstOrFail()
      : campaignOrId
  const where = [scope.tenantId, scope.workspaceId, campaign.id]
  const { rows } = await scope.trx.rawQuery<{ rows: AggregateRow[] }>(
    `SELECT grouping(r.reason) = 0 AS by_reason, grouping(r.step, r.variant) = 0 AS by_variant,
            r.reason, r.step, r.variant,
            count(DISTINCT r.contact_id) FILTER (WHERE r.step = 0)::int AS contacts,
            count(*) FILTER (WHERE r.status = 'queued')::int AS queued,
            count(*) FILTER (WHERE ${SENT})::int AS sent,
            count(*) FILTER (WHERE ${DELIVERED})::int AS delivered,
            count(*) FILTER (WHERE ${READ})::int AS read,
            count(*) FILTER (WHERE ${REPLIED})::int AS replied,
            count(*) FILTER (WHERE r.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE r.status = 'skipped')::int AS skipped,
            count(DISTINCT r.contact_id) FILTER (WHERE ${OPTED_OUT})::int AS opted_out
       FROM campaign_recipients r
       LEFT JOIN contacts c ON c.tenant_id = r.tenant_id AND c.id = r.contact_id
      WHERE r.tenant_id = ? AND r.workspace_id = ? AND r.campaign_id = ?
      GROUP BY GROUPING SETS ((), (r.reason), (r.step, r.variant))`,
    where
  )
  const series = await scope.trx.rawQuery<{
    rows: { at: Date; sent: number; delivered: number; read: number; replied: number }[]
  }>(
    `SELECT date_trunc('hour', e.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at,
            count(*) FILTER (WHERE e.kind = 'sent')::int AS sent,
            count(*) FILTER (WHERE e.kind = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE e.kind = 'read')::int AS read,
            count(*) FILTER (WHERE e.kind = 'replied')::int AS replied
       FROM campaign_recipients r
       CROSS JOIN LATERAL (VALUES ('sent', r.sent_at), ('delivered', r.delivered_at),
                                  ('read', r.read_at), ('replied', r.replied_at)) AS e(kind, at)
      WHERE r.tenant_id = ? AND r.workspace_id = ? AND r.campaign_id = ? AND e.at IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
    where
  )

  const total = rows.find((r) => !r.by_reason && !r.by_variant)
  const skipped: Record<string, number> = {}
  for (const row of rows)
    if (row.by_reason && row.skipped > 0) skipped[row.reason ?? 'unknown'] = row.skipped
  const counted = new Map(
    rows.filter((r) => r.by_variant && r.variant !== null).map((r) => [`${r.step}:${r.variant}`, r])
  )
  // Every variant of every step, with zeros where nothing was sent yet (the widget compares them).
  const variants = campaign.steps.flatMap((step, s) =>
    step.variants.map((_, index) => {
      const row = counted.get(`${s}:${index}`)
      return {
        step: s,
        index,
        sent: row?.sent ?? 0,
        delivered: row?.delivered ?? 0,
        read: row?.read ?? 0,
        replied: row?.replied ?? 0,
      }
    })
  )
  return {
    audience: campaign.audienceCount ?? total?.contacts ?? 0,
    queued: total?.queued ?? 0,
    sent: total?.sent ?? 0,
    delivered: total?.delivered ?? 0,
    read: total?.read ?? 0,
    replied: total?.replied ?? 0,
    optedOut: total?.opted_out ?? 0,
    failed: total?.failed ?? 0,
    skipped,
    variants,
    series: series.rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      sent: r.sent,
      delivered: r.delivered,
      read: r.read,
      replied: r.replied,
    })),
    classification: await classificationStatus(scope),
  }
}

/** The list's key numbers of one campaign (GET /v1/campaigns). */
export interface CampaignSummary {
  audience: number
  sent: number
  replied: number
}

/**
 * Audience, sent and replied of each launched campaign of a page, counted as the stats count
 * them, in one grouped query for the page's ids. Never-launched campaigns have no summary.
 */
export async function campaignSummaries(
  scope: Scope,
  campaigns: Pick<Campaign, 'id' | 'launchedAt' | 'audienceCount'>[]
): Promise<Map<string, CampaignSummary>> {
  const launched = campaigns.filter((c) => c.launchedAt)
  if (!launched.length) return new Map()
  const { rows } = await scope.trx.rawQuery<{
    rows: { campaign_id: string; contacts: number; sent: number; replied: number }[]
  }>(
    `SELECT r.campaign_id,
            count(DISTINCT r.contact_id) FILTER (WHERE r.step = 0)::int AS contacts,
            count(*) FILTER (WHERE ${SENT})::int AS sent,
            count(*) FILTER (WHERE ${REPLIED})::int AS replied
       FROM campaign_recipients r
      WHERE r.tenant_id = ? AND r.workspace_id = ?
        AND r.campaign_id IN (${launched.map(() => '?').join(', ')})
      GROUP BY r.campaign_id`,
    [scope.tenantId, scope.workspaceId, ...launched.map((c) => c.id)]
  )
  const counted = new Map(rows.map((r) => [r.campaign_id, r]))
  return new Map(
    launched.map((c) => {
      const row = counted.get(c.id)
      return [
        c.id,
        {
          audience: c.audienceCount ?? row?.contacts ?? 0,
          sent: row?.sent ?? 0,
          replied: row?.replied ?? 0,
        },
      ]
    })
  )
}

/** One page of a campaign's recipients (newest rows first), each with its contact's name and phone. */
export async function recipientsPage(
  scope: Scope,
  campaignId: string,
  page: { status?: RecipientStatus; limit?: number; cursor?: string }
) {
  const query = CampaignRecipient.scoped(scope).where('campaign_id', campaignId)
  if (page.status) query.where('status', page.status)
  const { data, nextCursor } = await paginate(query, page)
  const people = data.length
    ? await Contact.scoped(scope)
        .whereIn('id', [...new Set(data.map((r) => r.contactId))])
        .select('id', 'name', 'phone')
    : []
  const contacts = new Map(people.map((c) => [c.id, c]))
  return {
    data: data.map((r) => RecipientTransformer.transform(r, contacts.get(r.contactId))),
    nextCursor,
  }
}

const CSV_HEADER = [
  'contact_id',
  'name',
  'phone',
  'step',
  'variant',
  'status',
  'reason',
  'detail',
  'sent_at',
  'delivered_at',
  'read_at',
  'replied_at',
  'classification',
]
const CSV_BATCH = 2000

const isoOrEmpty = (value: Date | null) => (value ? new Date(value).toISOString() : '')

/**
 * Every recipient row as CSV, streamed: read in batches by id, each batch in its own short
 * transaction (the request's has committed by the time the body is sent), so a 100,000-row
 * export never holds a transaction or the whole file in memory.
 */
export function recipientsCsv(
  scope: Pick<Scope, 'tenantId' | 'workspaceId'>,
  campaignId: string,
  status?: RecipientStatus
) {
  async function* lines() {
    yield csvLine(CSV_HEADER)
    let after: string | null = null
    for (;;) {
      const { batch, people } = await withTenant(scope, async (trx) => {
        const query = trx
          .from('campaign_recipients')
          .where('tenant_id', scope.tenantId)
          .where('workspace_id', scope.workspaceId)
          .where('campaign_id', campaignId)
          .orderBy('id')
          .limit(CSV_BATCH)
        if (status) query.where('status', status)
        if (after) query.where('id', '>', after)
        const rows = await query
        // Names and phones by id in one lookup per batch (a join is planned per row when the
        // table's statistics are stale, and slow then).
        const found = rows.length
          ? await trx
              .from('contacts')
              .where('tenant_id', scope.tenantId)
              .whereIn('id', [...new Set(rows.map((r: any) => r.contact_id))])
              .select('id', 'name', 'phone')
          : []
        return { batch: rows, people: new Map(found.map((c: any) => [c.id, c])) }
      })
      if (batch.length === 0) return
      yield batch
        .map((r: any) =>
          csvLine([
            r.contact_id,
            people.get(r.contact_id)?.name,
            people.get(r.contact_id)?.phone,
            String(r.step),
            r.variant === null ? '' : String(r.variant),
            r.status,
            r.reason,
            r.detail,
            isoOrEmpty(r.sent_at),
            isoOrEmpty(r.delivered_at),
            isoOrEmpty(r.read_at),
            isoOrEmpty(r.replied_at),
            r.classification,
          ])
        )
        .join('')
      if (batch.length < CSV_BATCH) return
      after = batch[batch.length - 1].id
    }
  }
  return Readable.from(lines())
}
