import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ApiError } from '#exceptions/api_error'
import type { PlanLimits } from '#models/plan'
import { FEATURES, METERED_FEATURES, type Feature, type MeteredFeature } from '#validators/billing'

/** A transaction scoped to one workspace (a request's or a job's). */
export interface BillingScope {
  trx: TransactionClientContract
  tenantId: string
  workspaceId: string
}

/** Subscription states in which the plan's entitlements hold (past_due: while Stripe retries). */
export const ENTITLED_STATUSES = ['active', 'trialing', 'past_due']

/** What the workspace may use, from the local copy of its subscription (no Stripe call). */
export interface PlanState {
  planId: string | null
  /** The plan's limits apply (a subscription in an entitled state, or a free plan). */
  onPlan: boolean
  limits: PlanLimits
  overage: Set<string>
  periodStart: DateTime
  /** When period-counted features reset (the period's end, or the next calendar month). */
  resetsAt: DateTime
  /** The per-workspace (else tenant) transcription quota of workspaces without a plan. */
  legacyMinutes: number
  /** The plan is priced per seat: its subscription's quantity follows the members. */
  perSeat: boolean
  stripeSubscriptionId: string | null
  /** PLAN_FINGERPRINT when read: a cached state with another one is out of date. */
  fingerprint: string
}

export interface Usage {
  feature: Feature
  used: number
  limit: number | null
  /** Null for features that count what exists (seats, WhatsApp numbers): they do not reset. */
  resetsAt: string | null
  overage: boolean
}

/** Cumulative use over the period, oldest first, for the widget's chart. */
export interface UsagePoint {
  at: string
  used: number
}

const isMetered = (feature: Feature): feature is MeteredFeature =>
  (METERED_FEATURES as readonly string[]).includes(feature)

/**
 * Where a workspace's plan state comes from (aliases w, t, b, p; bindings: tenant id, workspace
 * id), shared by planState and by recordUsage's statement, which checks its cached state with it.
 */
export const PLAN_SOURCE = `
  from workspaces w
  join tenants t on t.id = w.tenant_id
  left join workspace_billing b on b.tenant_id = w.tenant_id and b.workspace_id = w.id
  left join plans p on p.tenant_id = b.tenant_id and p.id = b.plan_id
  where w.tenant_id = :t and w.id = :w`

/**
 * Changes whenever anything planState reads changes (a subscription, its plan, a quota): the four
 * rows' versions, which every update moves (xmin and ctid; a row lock does not). Cheaper than a
 * hash of their values on recordUsage's hot path; any other update of a row just re-reads the plan.
 */
export const PLAN_FINGERPRINT = `row(w.xmin, w.ctid, t.xmin, t.ctid, b.xmin, b.ctid, p.xmin, p.ctid)::text`

/** One query: the workspace's plan, subscription period and legacy quota. */
export async function planState(scope: BillingScope): Promise<PlanState> {
  const { rows } = await scope.trx.rawQuery(
    `select b.plan_id, b.status, b.interval, b.current_period_start, b.current_period_end,
            p.limits, p.overage, p.per_seat, b.stripe_subscription_id,
            coalesce(w.transcription_minutes_quota, t.transcription_minutes_quota) as legacy_minutes,
            ${PLAN_FINGERPRINT} as fingerprint
       ${PLAN_SOURCE}`,
    { t: scope.tenantId, w: scope.workspaceId }
  )
  const row = rows[0]
  const onPlan = Boolean(row?.plan_id && row.limits && ENTITLED_STATUSES.includes(row.status))
  const month = DateTime.utc().startOf('month')
  let periodStart: DateTime = month
  let resetsAt: DateTime = month.plus({ months: 1 })
  if (onPlan && row.current_period_start && row.current_period_end) {
    periodStart = DateTime.fromJSDate(row.current_period_start).toUTC()
    resetsAt = DateTime.fromJSDate(row.current_period_end).toUTC()
    // A renewal whose webhook has not arrived yet: count from where the next period starts.
    const step = row.interval === 'year' ? { years: 1 } : { months: 1 }
    while (resetsAt <= DateTime.utc()) {
      periodStart = resetsAt
      resetsAt = resetsAt.plus(step)
    }
  }
  return {
    planId: onPlan ? row.plan_id : null,
    onPlan,
    limits: onPlan ? (row.limits ?? {}) : {},
    overage: new Set(onPlan ? Object.keys(row.overage ?? {}) : []),
    periodStart,
    resetsAt,
    legacyMinutes: Number(row?.legacy_minutes ?? 0),
    perSeat: onPlan && Boolean(row.per_seat),
    stripeSubscriptionId: onPlan ? (row.stripe_subscription_id ?? null) : null,
    fingerprint: row?.fingerprint ?? '',
  }
}

/** A feature's limit under the state: the plan's (null: unlimited), or the legacy minute quota. */
export function limitOf(state: PlanState, feature: Feature): number | null {
  if (state.onPlan) return state.limits[feature] ?? null
  return feature === 'transcriptionMinutes' ? state.legacyMinutes : null
}

/**
 * How much of a feature the workspace uses now (this period, for period-counted features): the
 * period's running total (usage_totals, kept by recordUsage), else the ledger's sum for the period.
 */
export async function usedOf(scope: BillingScope, state: PlanState, feature: Feature) {
  if (isMetered(feature)) {
    const { rows } = await scope.trx.rawQuery(
      `select coalesce(
         (select used from usage_totals
           where tenant_id = :t and workspace_id = :w and feature = :f and period_start = :start),
         (select sum(quantity) from usage_records
           where tenant_id = :t and workspace_id = :w and feature = :f and occurred_at >= :start)
       ) as used`,
      {
        t: scope.tenantId,
        w: scope.workspaceId,
        f: feature,
        start: state.periodStart.toJSDate(),
      }
    )
    return Number(rows[0]?.used ?? 0)
  }
  const table = feature === 'seats' ? 'members' : 'whatsapp_numbers'
  const row = await scope.trx
    .from(table)
    .where('tenant_id', scope.tenantId)
    .where('workspace_id', scope.workspaceId)
    .count('* as n')
    .first()
  return Number(row?.n ?? 0)
}

export function quotaExceeded(usage: Omit<Usage, 'overage'>, needed: number) {
  const left = Math.max(0, (usage.limit ?? 0) - usage.used)
  const when = usage.resetsAt ? `; it resets at ${usage.resetsAt}` : ''
  return new ApiError(
    'QUOTA_EXCEEDED',
    `The plan allows ${usage.limit} ${usage.feature} (${Math.floor(left)} left, ${Math.ceil(needed)} needed)${when}`,
    undefined,
    {},
    { feature: usage.feature, limit: usage.limit, used: usage.used, resetsAt: usage.resetsAt }
  )
}

/**
 * 402 QUOTA_EXCEEDED unless the workspace may use `amount` more of `feature` now: within its
 * limit, or beyond it where the plan bills overage. Workspaces without a plan keep today's rule:
 * transcription minutes against the workspace's (else tenant's) monthly quota, the rest unlimited.
 */
export async function assertAvailable(scope: BillingScope, feature: Feature, amount = 1) {
  const state = await planState(scope)
  const limit = limitOf(state, feature)
  if (limit === null || state.overage.has(feature)) return
  const used = await usedOf(scope, state, feature)
  if (used + amount > limit) {
    throw quotaExceeded(
      { feature, used, limit, resetsAt: isMetered(feature) ? state.resetsAt.toISO() : null },
      amount
    )
  }
}

/**
 * After a member joined (POST /v1/sessions created it): 402 if that took the workspace past its
 * plan's seats (the caller's transaction then undoes the join). Returns the state, so the caller
 * can tell whether the subscription's quantity follows the members.
 */
export async function assertSeatTaken(scope: BillingScope) {
  const state = await planState(scope)
  const limit = limitOf(state, 'seats')
  if (limit !== null && !state.overage.has('seats')) {
    const used = await usedOf(scope, state, 'seats')
    if (used > limit)
      throw quotaExceeded({ feature: 'seats', used: used - 1, limit, resetsAt: null }, 1)
  }
  return state
}

/** For the campaign engine and API: `n` more recipients this period, or 402 naming the limit. */
export function assertCampaignRecipients(scope: BillingScope, n: number) {
  return assertAvailable(scope, 'campaignRecipients', n)
}

/** Every feature's use, limit and reset time (GET /v1/billing), from the ledger and the rows. */
export async function usageSummary(scope: BillingScope, state?: PlanState): Promise<Usage[]> {
  const s = state ?? (await planState(scope))
  const out: Usage[] = []
  for (const feature of FEATURES) {
    out.push({
      feature,
      used: await usedOf(scope, s, feature),
      limit: limitOf(s, feature),
      resetsAt: isMetered(feature) ? s.resetsAt.toISO() : null,
      overage: s.overage.has(feature),
    })
  }
  return out
}

/**
 * Each metered feature's cumulative use through the current period, from the ledger in one
 * grouped query: the period's start at 0, then one point per day of the period that saw use (at
 * that day's end, or now for today), so the chart's last point is what `used` says.
 */
export async function usageSeries(
  scope: BillingScope,
  state: PlanState
): Promise<Map<MeteredFeature, UsagePoint[]>> {
  const start = state.periodStart
  const rows: { feature: MeteredFeature; day: number; used: string }[] = await scope.trx
    .from('usage_records')
    .where('tenant_id', scope.tenantId)
    .where('workspace_id', scope.workspaceId)
    .whereIn('feature', [...METERED_FEATURES])
    .where('occurred_at', '>=', start.toJSDate())
    // Days counted from the period's start, not calendar days: a period may start at any hour.
    .select(
      'feature',
      scope.trx.raw('floor(extract(epoch from occurred_at - ?::timestamptz) / 86400)::int as day', [
        start.toJSDate(),
      ]),
      scope.trx.raw('sum(quantity) as used')
    )
    .groupBy('feature', 'day')
    .orderBy('day')
  const now = DateTime.utc()
  const out = new Map<MeteredFeature, UsagePoint[]>(
    METERED_FEATURES.map((f) => [f, [{ at: start.toISO()!, used: 0 }]])
  )
  const totals = new Map<MeteredFeature, number>()
  for (const row of rows) {
    const used = (totals.get(row.feature) ?? 0) + Number(row.used)
    totals.set(row.feature, used)
    const end = DateTime.min(start.plus({ days: row.day + 1 }), now)
    out.get(row.feature)!.push({ at: end.toISO()!, used })
  }
  return out
}
