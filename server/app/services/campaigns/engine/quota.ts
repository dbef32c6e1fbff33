import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ApiError } from '#exceptions/api_error'
import { assertCampaignRecipients } from '#services/billing/entitlements'
import { recordUsage } from '#services/billing/usage'
import { pauseCampaign } from '#services/campaigns/engine/breaker'
import type { CampaignRef } from '#services/campaigns/engine/planner'

/**
 * The plan's campaign recipients (services/billing): each recipient sent counts once in the usage
 * ledger, in the transaction that makes its message; when the period's limit is reached the
 * campaign pauses itself, saying the limit and when it resets (resume after an upgrade or then).
 */

/** The pause's words: the limit and when it resets. */
export function quotaWords(error: ApiError) {
  const { limit, resetsAt } = (error.data ?? {}) as { limit?: number; resetsAt?: string | null }
  return `The plan's limit of ${limit} campaign recipients is reached${resetsAt ? `; it resets at ${resetsAt}` : ''}. Upgrade the plan, or resume after the reset.`
}

/**
 * How many of `wanted` recipients the plan lets this run send: all of them, or what is left of
 * the limit (maybe none) with the refusal to pause with.
 */
export async function recipientsAllowed(
  trx: TransactionClientContract,
  ref: CampaignRef,
  wanted: number
): Promise<{ allowed: number; refusal?: ApiError }> {
  if (wanted <= 0) return { allowed: 0 }
  try {
    await assertCampaignRecipients(
      { trx, tenantId: ref.tenantId, workspaceId: ref.workspaceId },
      wanted
    )
    return { allowed: wanted }
  } catch (error) {
    if (!(error instanceof ApiError) || error.errorCode !== 'QUOTA_EXCEEDED') throw error
    const { limit, used } = error.data as { limit: number; used: number }
    return { allowed: Math.max(0, Math.min(wanted, Math.floor(limit - used))), refusal: error }
  }
}

/** Pauses the campaign for its plan's limit (reason `quota_exceeded`). */
export function pauseForQuota(trx: TransactionClientContract, ref: CampaignRef, refusal: ApiError) {
  return pauseCampaign(trx, ref, 'quota_exceeded', quotaWords(refusal))
}

/** One recipient sent: one campaign recipient in the ledger (again for the same recipient: none). */
export function countRecipient(
  trx: TransactionClientContract,
  ref: CampaignRef,
  recipientId: string
) {
  return recordUsage(
    { trx, tenantId: ref.tenantId, workspaceId: ref.workspaceId },
    { feature: 'campaignRecipients', sourceId: recipientId, quantity: 1 }
  )
}
