import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { v7 as uuidv7 } from 'uuid'
import { withTenant } from '#services/tenant_context'
import { planState } from '#services/billing/entitlements'
import { meterEventName } from '#services/billing/plans'
import { stripeFor, stripeSettings } from '#services/billing/stripe_client'
import { billingRow } from '#services/billing/subscriptions'
import type { MeteredFeature } from '#validators/billing'

/** Stripe takes meter events up to 35 days old; an hour of margin for a slow run. */
const MAX_AGE_MS = 35 * 86_400_000 - 3_600_000

export interface ReportOptions {
  /** Workspaces looked at per run. */
  workspaces?: number
  /** Meter events sent per run at most (each is one request: Stripe's rate limit). */
  maxEvents?: number
}

/**
 * Reports the ledger's usage to Stripe for workspaces on a plan with overage, as Billing Meter
 * events: per workspace and feature, the unreported records are gathered under a batch id
 * (written before anything is sent), sent as one event whose `identifier` is that batch id
 * (Stripe drops a repeat of an identifier, so a crash between sending and marking costs
 * nothing) with `timestamp` the batch's last use, then marked reported. Usage of workspaces
 * without overage is marked as needing no report; nothing older than 35 days is sent. Stripe
 * sums the events; the plan's allowance is the free first tier of its metered Price.
 */
export async function reportUsage(options: ReportOptions = {}) {
  const horizon = new Date(Date.now() - MAX_AGE_MS)
  const relay = db.connection('relay')
  // Too old for Stripe: never to be sent.
  await relay
    .from('usage_records')
    .whereNull('reported_at')
    .where('occurred_at', '<', horizon)
    .update({ reported_at: new Date() })
  const pairs = await relay
    .from('usage_records')
    .whereNull('reported_at')
    .distinct('tenant_id', 'workspace_id')
    .limit(options.workspaces ?? 500)
  let budget = options.maxEvents ?? 1000
  let sent = 0
  for (const pair of pairs) {
    if (budget <= 0) break
    const count = await reportWorkspace(pair.tenant_id, pair.workspace_id, horizon, budget)
    budget -= count
    sent += count
  }
  return { sent }
}

async function reportWorkspace(
  tenantId: string,
  workspaceId: string,
  horizon: Date,
  budget: number
) {
  const scope = { tenantId, workspaceId }
  const plan = await withTenant(scope, async (trx) => {
    const s = { trx, ...scope }
    const state = await planState(s)
    const row = await billingRow(s)
    const settings = await stripeSettings(trx, tenantId)
    const billed = (
      state.onPlan && row?.stripeCustomerId && row.stripeSubscriptionId && settings
        ? [...state.overage]
        : []
    ) as MeteredFeature[]
    // Usage no overage bills: nothing to report.
    await trx
      .from('usage_records')
      .where('tenant_id', tenantId)
      .where('workspace_id', workspaceId)
      .whereNull('reported_at')
      .whereNotIn('feature', billed.length ? billed : ['-'])
      .update({ reported_at: new Date() })
    if (!billed.length) return null
    for (const feature of billed) {
      await trx
        .from('usage_records')
        .where('tenant_id', tenantId)
        .where('workspace_id', workspaceId)
        .where('feature', feature)
        .whereNull('reported_at')
        .whereNull('batch_id')
        .where('occurred_at', '>=', horizon)
        .update({ batch_id: uuidv7() })
    }
    const batches = await trx
      .from('usage_records')
      .where('tenant_id', tenantId)
      .where('workspace_id', workspaceId)
      .whereNull('reported_at')
      .whereNotNull('batch_id')
      .groupBy('batch_id', 'feature')
      .select('batch_id', 'feature')
      .sum('quantity as quantity')
      .max('occurred_at as last')
      .limit(budget)
    return { settings: settings!, customer: row!.stripeCustomerId!, batches }
  })
  if (!plan) return 0
  const stripe = stripeFor(plan.settings)
  let sent = 0
  for (const batch of plan.batches) {
    const last = new Date(batch.last)
    if (last >= horizon) {
      try {
        await stripe.billing.meterEvents.create({
          event_name: meterEventName(batch.feature),
          identifier: batch.batch_id,
          timestamp: Math.floor(last.getTime() / 1000),
          payload: {
            stripe_customer_id: plan.customer,
            value: String(Math.round(Number(batch.quantity) * 1000) / 1000),
          },
        })
        sent++
      } catch (error) {
        // Left unreported under its batch id: the next run sends the same identifier again.
        logger.warn(
          { err: error, tenantId, workspaceId, batch: batch.batch_id },
          'meter event not sent'
        )
        continue
      }
    }
    await withTenant(scope, (trx) =>
      trx
        .from('usage_records')
        .where('tenant_id', tenantId)
        .where('workspace_id', workspaceId)
        .where('batch_id', batch.batch_id)
        .update({ reported_at: new Date() })
    )
  }
  return sent
}
