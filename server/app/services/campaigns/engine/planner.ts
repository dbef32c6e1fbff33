import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Campaign from '#models/campaign'
import Segment from '#models/segment'
import { withTenant } from '#services/tenant_context'
import { compileSegment, hasConversation, type SqlCondition } from '#services/campaigns/segment_sql'

/**
 * The planner: turns a campaign's audience into recipient rows, in set-based batches (keyset over
 * contact ids, one INSERT … SELECT … ON CONFLICT DO NOTHING per batch, each its own transaction),
 * so planning twice, or a worker dying mid-plan, never doubles anyone: a row is unique per
 * campaign, contact and step. Contacts that cannot be sent to are planned too, as `skipped` with
 * the reason (opted out, blocked, no way to reach them on the channel, frequency cap), so the
 * stats show who was left out and why. The variant of each contact comes from the database's
 * `campaign_variant` (weights, a hash of contact and campaign, an A/B test's share; migration 0025).
 */

export interface CampaignRef {
  tenantId: string
  workspaceId: string
  campaignId: string
}

export const PLAN_BATCH = 5000

/** Why a campaign cannot be planned (its saved segment was deleted). */
export class AudienceGone extends Error {}

/** The audience as a condition over `contacts`. */
export async function audienceCondition(
  trx: TransactionClientContract,
  campaign: Campaign
): Promise<SqlCondition> {
  const audience = campaign.audience
  if ('contactIds' in audience) {
    return { sql: 'contacts.id = ANY(?::uuid[])', bindings: [uuidArray(audience.contactIds)] }
  }
  if ('rules' in audience) return compileSegment(audience.rules)
  const segment = await Segment.scoped({
    trx,
    tenantId: campaign.tenantId,
    workspaceId: campaign.workspaceId,
  })
    .where('id', audience.segmentId)
    .first()
  if (!segment) throw new AudienceGone('The campaign’s segment was deleted')
  return compileSegment(segment.rules)
}

/** A uuid[] parameter (only well-formed ids: the text is PostgreSQL's array literal). */
export const uuidArray = (ids: string[]) =>
  `{${ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',')}}`

/**
 * How a contact of the batch (`b`) is reached on the channel: a phone, or a web conversation as
 * the segment preview and the channel rule count it (`contacts.channels`, kept by triggers).
 */
const reachable = (channel: Campaign['channel']): SqlCondition =>
  channel === 'web'
    ? hasConversation('web', false, 'b')
    : { sql: 'b.phone IS NOT NULL', bindings: [] }

/**
 * The first step's variant as a SQL expression over `j.id`: the same choice as the database's
 * `campaign_variant` (migration 0025, which later drip steps use), written out with the weights as
 * literals because a function call per row would halve the planner's speed.
 */
export function variantSql(campaign: Campaign) {
  const step = campaign.steps[0]
  const variants = step?.variants ?? []
  if (!variants.length) return 'NULL::smallint'
  if (variants.length === 1) return '0::smallint'
  const winner = campaign.winners?.['0']
  if (winner !== undefined) return `${Number(winner)}::smallint`
  const id = campaign.id.replace(/[^0-9a-f-]/gi, '')
  const weights = variants.map((v) => Math.max(Number(v.weight ?? 1) || 0, 0))
  const total = weights.reduce((a, b) => a + b, 0)
  const pick = `mod(abs(hashtext(j.id::text || ':${id}:0')::bigint), 1000000) / 1000000.0 * ${total}`
  let acc = 0
  const arms = weights.slice(0, -1).map((w, i) => {
    acc += w
    return `WHEN ${pick} < ${acc} THEN ${i}`
  })
  const choice = `CASE ${arms.join(' ')} ELSE ${variants.length - 1} END`
  if (variants.length < 2 || !step.abTest) return `${choice}::smallint`
  const share = step.abTest.testShare > 1 ? step.abTest.testShare / 100 : step.abTest.testShare
  return `(CASE WHEN mod(abs(hashtext(j.id::text || ':share:${id}')::bigint), 10000) >= ${share * 10000}
            THEN NULL ELSE ${choice} END)::smallint`
}

/**
 * Plans one batch of contacts after `after` (a contact id, or null from the start). Returns the
 * last contact id looked at (null when there were no more) and how many rows were added.
 */
async function planBatch(
  trx: TransactionClientContract,
  campaign: Campaign,
  audience: SqlCondition,
  after: string | null,
  limit: number
) {
  const { tenantId, workspaceId } = campaign
  const cap = campaign.limits.frequencyCap
  const reach = reachable(campaign.channel)
  // Campaign messages the contact got in the cap's window, across every campaign.
  const capped = cap
    ? `(SELECT count(*) FROM campaign_recipients f WHERE f.tenant_id = ? AND f.contact_id = b.id
         AND f.sent_at > now() - make_interval(days => ?)) >= ?`
    : 'false'
  const capBindings = cap ? [tenantId, cap.days, cap.messages] : []
  const firstDelay = campaign.steps[0]?.delayMinutes ?? 0
  const { rows } = await trx.rawQuery(
    `WITH batch AS (
       SELECT contacts.id, contacts.phone, contacts.channels, contacts.blocked, contacts.opted_out_at
         FROM contacts
        WHERE contacts.tenant_id = ? AND contacts.workspace_id = ?
          AND contacts.id > ?::uuid AND (${audience.sql})
        ORDER BY contacts.id
        LIMIT ?),
     judged AS (
       SELECT b.id,
              CASE WHEN b.opted_out_at IS NOT NULL THEN 'optedOut'
                   WHEN b.blocked THEN 'blocked'
                   WHEN NOT (${reach.sql}) THEN 'noChannel'
                   WHEN ${capped} THEN 'frequencyCap' END AS reason
         FROM batch b),
     added AS (
       INSERT INTO campaign_recipients
              (tenant_id, workspace_id, id, campaign_id, contact_id, step, variant, status, reason, due_at)
       SELECT ?, ?, parley_uuidv7(), ?, j.id, 0,
              ${variantSql(campaign)},
              CASE WHEN j.reason IS NULL THEN 'queued' ELSE 'skipped' END, j.reason,
              now() + make_interval(mins => ?)
         FROM judged j
       ON CONFLICT (tenant_id, campaign_id, contact_id, step) DO NOTHING
       RETURNING 1)
     SELECT (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last,
            (SELECT count(*) FROM added)::int AS added`,
    [
      tenantId,
      workspaceId,
      after ?? '00000000-0000-0000-0000-000000000000',
      ...audience.bindings,
      limit,
      ...reach.bindings,
      ...capBindings,
      tenantId,
      workspaceId,
      campaign.id,
      firstDelay,
    ] as never[]
  )
  return { last: (rows[0]?.last as string | null) ?? null, added: rows[0]?.added ?? 0 }
}

/**
 * Enrols the given contacts in a running drip now (the API's enrolment), judged like a planned
 * batch: the same exclusions, the same variant choice, once per contact (a contact already
 * enrolled is left as it is). Returns how many rows were added.
 */
export async function enrolInDrip(
  trx: TransactionClientContract,
  campaign: Campaign,
  contactIds: string[]
) {
  const only = { sql: 'contacts.id = ANY(?::uuid[])', bindings: [uuidArray(contactIds)] }
  const { added } = await planBatch(trx, campaign, only, null, contactIds.length)
  return added as number
}

const loadCampaign = (trx: TransactionClientContract, ref: CampaignRef) =>
  Campaign.scoped({ trx, tenantId: ref.tenantId, workspaceId: ref.workspaceId })
    .where('id', ref.campaignId)
    .first()

/**
 * Materialises the campaign's recipients (first step): all of its audience on the first plan,
 * newcomers on a re-plan (a drip enrolling those who entered its segment). A first plan cut short
 * resumes after the last contact it stored. Sets `audience_count` and `planned_at`.
 */
export async function planRecipients(ref: CampaignRef, batchSize = PLAN_BATCH) {
  const start = await withTenant(ref, async (trx) => {
    const campaign = await loadCampaign(trx, ref)
    if (!campaign || !['scheduled', 'running'].includes(campaign.status)) return null
    const audience = await audienceCondition(trx, campaign)
    // A first plan that a crash interrupted goes on after the last contact it stored.
    const stored = campaign.plannedAt
      ? null
      : await trx
          .from('campaign_recipients')
          .where('tenant_id', ref.tenantId)
          .where('campaign_id', ref.campaignId)
          .where('step', 0)
          .orderBy('contact_id', 'desc')
          .select('contact_id')
          .first()
    const resumeAfter: string | null = stored?.contact_id ?? null
    return { campaign, audience, resumeAfter }
  })
  if (!start) return null
  let after = start.resumeAfter as string | null
  let added = 0
  for (;;) {
    const batch = await withTenant(ref, (trx) =>
      planBatch(trx, start.campaign, start.audience, after, batchSize)
    )
    added += batch.added
    if (!batch.last) break
    after = batch.last
  }
  const audienceCount = await withTenant(ref, async (trx) => {
    const { rows } = await trx.rawQuery(
      `UPDATE campaigns SET
         audience_count = (SELECT count(*) FROM campaign_recipients r
                            WHERE r.tenant_id = campaigns.tenant_id AND r.campaign_id = campaigns.id
                              AND r.step = 0),
         planned_at = coalesce(planned_at, now()), updated_at = now()
       WHERE tenant_id = ? AND workspace_id = ? AND id = ?
       RETURNING audience_count`,
      [ref.tenantId, ref.workspaceId, ref.campaignId]
    )
    return rows[0]?.audience_count as number | undefined
  })
  return { added, audienceCount: audienceCount ?? 0 }
}

/**
 * A retry after a pause: recipients whose message failed are queued again (a new message, one
 * more attempt); skipped ones stay skipped, since what excluded them has not changed.
 */
export async function requeueFailed(ref: CampaignRef) {
  return withTenant(ref, async (trx) => {
    const { rowCount } = await trx.rawQuery(
      `UPDATE campaign_recipients SET status = 'queued', reason = NULL, detail = NULL,
              message_id = NULL, attempts = attempts + 1, due_at = now(), updated_at = now()
        WHERE tenant_id = ? AND workspace_id = ? AND campaign_id = ? AND status = 'failed'`,
      [ref.tenantId, ref.workspaceId, ref.campaignId]
    )
    return rowCount as number
  })
}

/**
 * The end of an A/B test of a step: the variant with the best reply rate among those sent so far
 * (ties to the lower index) becomes the step's winner, and the recipients who waited get it.
 * Returns the winner, or null when nothing was sent yet to judge by.
 */
export async function decideWinner(ref: CampaignRef, step: number) {
  return withTenant(ref, async (trx) => {
    const campaign = await loadCampaign(trx, ref)
    if (!campaign) return null
    const decided = campaign.winners?.[String(step)]
    if (decided !== undefined) return decided
    const { rows } = await trx.rawQuery(
      `SELECT variant, count(*) FILTER (WHERE replied_at IS NOT NULL)::float / count(*) AS rate
         FROM campaign_recipients
        WHERE tenant_id = ? AND campaign_id = ? AND step = ? AND variant IS NOT NULL AND sent_at IS NOT NULL
        GROUP BY variant
        ORDER BY rate DESC, variant ASC
        LIMIT 1`,
      [ref.tenantId, ref.campaignId, step]
    )
    if (!rows.length) return null
    const winner = Number(rows[0].variant)
    await trx.rawQuery(
      `UPDATE campaigns SET winners = winners || jsonb_build_object(?::text, ?::int), updated_at = now()
        WHERE tenant_id = ? AND id = ?`,
      [String(step), winner, ref.tenantId, ref.campaignId]
    )
    await trx.rawQuery(
      `UPDATE campaign_recipients SET variant = ?, updated_at = now()
        WHERE tenant_id = ? AND campaign_id = ? AND step = ? AND variant IS NULL AND status = 'queued'`,
      [winner, ref.tenantId, ref.campaignId, step]
    )
    return winner
  })
}
