import { v7 as uuidv7 } from 'uuid'
import { recordEvent } from '#services/outbox'
import { limitOf, planState, usedOf, type BillingScope } from '#services/billing/entitlements'
import type { MeteredFeature } from '#validators/billing'

export const ALERT_THRESHOLDS = [80, 100] as const

export interface UsageInput {
  feature: MeteredFeature
  /** What the use was (a recording, a campaign send): recording it again counts it once. */
  sourceId: string
  quantity: number
  occurredAt?: Date
}

/**
 * Records a use of a metered feature in the ledger, once per (workspace, feature, source id),
 * in the caller's transaction; returns whether it was new. A new use that takes the period's
 * total to 80 % or 100 % of the plan's limit raises that alert once per period, as the
 * `billing:alert` domain event (the billing channel and the outbound webhook `billing.alert`).
 * Reporting overage to Stripe happens later, in batches (ReportUsage job), never here.
 */
export async function recordUsage(scope: BillingScope, input: UsageInput) {
  const inserted = await scope.trx
    .table('usage_records')
    .insert({
      tenant_id: scope.tenantId,
      workspace_id: scope.workspaceId,
      id: uuidv7(),
      feature: input.feature,
      source_id: input.sourceId,
      quantity: input.quantity,
      occurred_at: input.occurredAt ?? new Date(),
    })
    .onConflict(['tenant_id', 'workspace_id', 'feature', 'source_id'])
    .ignore()
    .returning('id')
  if (!inserted.length) return false
  await raiseAlerts(scope, input.feature)
  return true
}

async function raiseAlerts(scope: BillingScope, feature: MeteredFeature) {
  const state = await planState(scope)
  const limit = limitOf(state, feature)
  if (limit === null || limit <= 0) return
  const used = await usedOf(scope, state, feature)
  const reached = ALERT_THRESHOLDS.filter((t) => used >= (limit * t) / 100)
  if (!reached.length) return
  const fresh = await scope.trx
    .table('usage_alerts')
    .insert(
      reached.map((threshold) => ({
        tenant_id: scope.tenantId,
        workspace_id: scope.workspaceId,
        feature,
        period_start: state.periodStart.toJSDate(),
        threshold,
      }))
    )
    .onConflict(['tenant_id', 'workspace_id', 'feature', 'period_start', 'threshold'])
    .ignore()
    .returning('threshold')
  for (const { threshold } of fresh) {
    await recordEvent(scope.trx, 'billing:alert', {
      tenantId: scope.tenantId,
      workspaceId: scope.workspaceId,
      feature,
      threshold,
      used,
      limit,
      resetsAt: state.resetsAt.toISO(),
    })
  }
}
