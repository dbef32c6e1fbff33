import { v7 as uuidv7 } from 'uuid'
import { recordEvent } from '#services/outbox'
import {
  limitOf,
  PLAN_FINGERPRINT,
  PLAN_SOURCE,
  planState,
  type BillingScope,
  type PlanState,
} from '#services/billing/entitlements'
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
 * Plan states by workspace, so the hot path needs no plan read of its own. Each use is checked
 * against the database in the recording statement (PLAN_FINGERPRINT), so a subscription or plan
 * changed by another process is noticed at the next record, not after a timeout.
 */
const plans = new Map<string, PlanState>()
const PLANS_KEPT = 10_000

async function loadPlan(scope: BillingScope) {
  const state = await planState(scope)
  const key = `${scope.tenantId}/${scope.workspaceId}`
  plans.delete(key)
  plans.set(key, state)
  // Oldest first out: a Map iterates in insertion order.
  if (plans.size > PLANS_KEPT) plans.delete(plans.keys().next().value!)
  return state
}

/** Drops the cached plan states (of one workspace, or all): the next record reads them again. */
export function forgetPlanState(scope?: Pick<BillingScope, 'tenantId' | 'workspaceId'>) {
  if (scope) plans.delete(`${scope.tenantId}/${scope.workspaceId}`)
  else plans.clear()
}

/**
 * One round trip, the common case: the ledger row, and when it is new and falls in the period, the
 * period's running total raised by its quantity, if that total exists; with the plan's version
 * now, to check the cached state the period came from. A missing total (the period's first use
 * here) is seeded by countInPeriod, a second statement: kept out of this one, whose every node is
 * set up on each run whether it runs or not. `counted` is null when the source was recorded
 * before, false when the use falls before the period; `used` is null when no total was raised.
 * Parameters: $1 tenant, $2 workspace, $3 record id, $4 feature, $5 source id, $6 quantity,
 * $7 occurred at, $8 period start.
 */
const RECORD = `
  with rec as (
    insert into usage_records (tenant_id, workspace_id, id, feature, source_id, quantity, occurred_at)
    values ($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::numeric, $7::timestamptz)
    on conflict (tenant_id, workspace_id, feature, source_id) do nothing
    returning quantity, occurred_at >= $8::timestamptz as counted
  ), total as (
    update usage_totals u set used = u.used + rec.quantity
      from rec
     where rec.counted and u.tenant_id = $1::uuid and u.workspace_id = $2::uuid
       and u.feature = $4::text and u.period_start = $8::timestamptz
    returning u.used, u.used - rec.quantity as before
  )
  select (select counted from rec) as counted,
         (select used from total) as used,
         (select before from total) as before,
         (select ${PLAN_FINGERPRINT} ${PLAN_SOURCE.replace(':t', '$1::uuid').replace(':w', '$2::uuid')})
           as fingerprint`

/**
 * Runs RECORD as a prepared statement on the transaction's own connection: planning this
 * statement costs several times what running it does, and knex cannot prepare. The connection is
 * the transaction's (knex binds it), so this is still the caller's transaction.
 */
async function runRecord(scope: BillingScope, values: unknown[]) {
  const connection = await scope.trx.knexClient.client.acquireConnection()
  const result = await connection.query({ name: 'parley_record_usage', text: RECORD, values })
  return result.rows[0] as {
    counted: boolean | null
    used: string | null
    before: string | null
    fingerprint: string | null
  }
}

/**
 * Records a use of a metered feature in the ledger, once per (workspace, feature, source id),
 * in the caller's transaction; returns whether it was new. A new use that takes the period's
 * total to 80 % or 100 % of the plan's limit raises that alert once per period, as the
 * `billing:alert` domain event (the billing channel and the outbound webhook `billing.alert`).
 * Reporting overage to Stripe happens later, in batches (ReportUsage job), never here.
 */
export async function recordUsage(scope: BillingScope, input: UsageInput) {
  const cached = plans.get(`${scope.tenantId}/${scope.workspaceId}`)
  // A period that has ended is reckoned afresh (renewals arrive by webhook, or not at all).
  const fresh = !cached || Date.now() >= cached.resetsAt.toMillis()
  let state = fresh ? await loadPlan(scope) : cached
  const occurredAt = input.occurredAt ?? new Date()
  const row = await runRecord(scope, [
    scope.tenantId,
    scope.workspaceId,
    uuidv7(),
    input.feature,
    input.sourceId,
    input.quantity,
    occurredAt,
    state.periodStart.toJSDate(),
  ])
  if (row.counted === null) return false
  let total = row.used === null ? null : { before: Number(row.before), after: Number(row.used) }
  // The period's first use here: its total is yet to be seeded from the ledger.
  let seed = row.counted && row.used === null
  let recheck = fresh
  if (row.fingerprint !== state.fingerprint) {
    // Changed since cached (another process changed the subscription or plan): read it again,
    // and count this use in the period it now falls in.
    const previous = state
    state = await loadPlan(scope)
    recheck = true
    if (!state.periodStart.equals(previous.periodStart)) seed = true
  }
  if (seed) total = await countInPeriod(scope, input.feature, input.quantity, occurredAt, state)
  if (total) await raiseAlerts(scope, input.feature, state, total, recheck)
  return true
}

/**
 * Counts the use just recorded in the state's period when RECORD could not: the period has no
 * total yet, or the use was counted in a period the workspace is no longer in. Drops the other
 * periods' totals (so a period returned to is summed afresh) and seeds this one from the ledger,
 * this use included; a total another transaction seeded meanwhile is raised by the use instead.
 * Null when the use falls before the period.
 */
async function countInPeriod(
  scope: BillingScope,
  feature: MeteredFeature,
  quantity: number,
  occurredAt: Date,
  state: PlanState
) {
  const start = state.periodStart.toJSDate()
  const counted = occurredAt >= start
  const { rows } = await scope.trx.rawQuery(
    `with other_periods as (
       delete from usage_totals
        where tenant_id = :t and workspace_id = :w and feature = :f and period_start <> :start
     ), total as (
       insert into usage_totals (tenant_id, workspace_id, feature, period_start, used)
       select cast(:t as uuid), cast(:w as uuid), cast(:f as text), cast(:start as timestamptz),
              coalesce(sum(quantity), 0)
         from usage_records
        where tenant_id = :t and workspace_id = :w and feature = :f and occurred_at >= :start
       on conflict (tenant_id, workspace_id, feature, period_start)
       do update set used = usage_totals.used + cast(:added as numeric(14, 3))
       returning used
     )
     select used, used - cast(:added as numeric(14, 3)) as before from total`,
    {
      t: scope.tenantId,
      w: scope.workspaceId,
      f: feature,
      start,
      added: counted ? quantity : 0,
    }
  )
  if (!counted) return null
  return { before: Number(rows[0].before), after: Number(rows[0].used) }
}

/**
 * Raises the 80 %/100 % alerts the use took the total across (every one reached, when the plan
 * was just read: its limit may have changed). `usage_alerts` keeps each to once per period.
 */
async function raiseAlerts(
  scope: BillingScope,
  feature: MeteredFeature,
  state: PlanState,
  total: { before: number; after: number },
  recheck: boolean
) {
  const limit = limitOf(state, feature)
  if (limit === null || limit <= 0) return
  const reached = ALERT_THRESHOLDS.filter((t) => {
    const line = (limit * t) / 100
    return total.after >= line && (recheck || total.before < line)
  })
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
      used: total.after,
      limit,
      resetsAt: state.resetsAt.toISO(),
    })
  }
}
