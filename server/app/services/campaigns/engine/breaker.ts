import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PausedReason } from '#models/campaign'
import { recordEvent } from '#services/outbox'
import type { CampaignRef } from '#services/campaigns/engine/planner'

/**
 * The breaker: a campaign stops itself before it burns a number or its reputation. It pauses
 * (never cancels: the user looks, fixes, resumes) when a number it sends through is no longer
 * connected, or when too many of its recent messages failed. Resume queues the failed ones again.
 */

/** Share of failed messages among the recent ones that trips the breaker … */
export const FAILURE_THRESHOLD = 0.25
/** … once at least this many have an outcome (a first failure alone is no pattern). */
export const FAILURE_MIN_SAMPLE = 8
/** "Recent": recipients due in this window (a failure can take an hour of retries to show). */
const FAILURE_WINDOW = '6 hours'

/** Failed and total outcomes of the campaign's recent recipients. */
export async function recentOutcomes(trx: TransactionClientContract, ref: CampaignRef) {
  const { rows } = await trx.rawQuery(
    `SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*)::int AS total
       FROM campaign_recipients
      WHERE tenant_id = ? AND campaign_id = ?
        AND status IN ('failed', 'sent', 'delivered', 'read', 'replied')
        AND due_at > now() - interval '${FAILURE_WINDOW}'`,
    [ref.tenantId, ref.campaignId]
  )
  return rows[0] as { failed: number; total: number }
}

export function failureRateTripped(outcomes: { failed: number; total: number }) {
  return (
    outcomes.total >= FAILURE_MIN_SAMPLE && outcomes.failed / outcomes.total > FAILURE_THRESHOLD
  )
}

/**
 * Pauses a running campaign with the reason and its words, and records `campaign:changed`
 * (once: a second dispatcher finding the same cause finds it paused already).
 */
export async function pauseCampaign(
  trx: TransactionClientContract,
  ref: CampaignRef,
  reason: PausedReason,
  error: string
) {
  const { rowCount } = await trx.rawQuery(
    `UPDATE campaigns SET status = 'paused', paused_reason = ?, error = ?, updated_at = now()
      WHERE tenant_id = ? AND workspace_id = ? AND id = ? AND status = 'running'`,
    [reason, error.slice(0, 500), ref.tenantId, ref.workspaceId, ref.campaignId]
  )
  if (!rowCount) return false
  await recordEvent(trx, 'campaign:changed', {
    tenantId: ref.tenantId,
    workspaceId: ref.workspaceId,
    campaignId: ref.campaignId,
    status: 'paused',
    cause: 'paused',
  })
  return true
}
