/*
|--------------------------------------------------------------------------
| Bench part: the usage ledger and meter reporting (BENCH_ONLY=billing)
|--------------------------------------------------------------------------
|
| Run by bin/bench/billing.ts inside the bench's environment (BENCH_BILLING names the tenant).
| Boots the app beside a local Stripe double and measures:
|   recordUsage's own time inside a transaction the hot path already has (a campaign send, a
|   finished transcription), on a plan with a limit (so the 80/100 % alert check runs), one
|   record after another, as the period's records grow;
|   records per second into the ledger from concurrent transactions over many workspaces;
|   reportUsage's throughput against the double: records and meter events per second, each
|   workspace's unreported records batched into one meter event per feature.
| Prints one JSON line.
|
*/

import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../../', import.meta.url)
const app = new Ignitor(APP_ROOT, {
  importer: (file) => import(file.startsWith('.') ? new URL(file, APP_ROOT).href : file),
})
  .tap((a) => a.booting(async () => void (await import('#start/env'))))
  .createApp('console')
await app.init()
await app.boot()
await app.start(() => {})

const { v7: uuidv7 } = await import('uuid')
const { default: Stripe } = await import('stripe')
const { default: env } = await import('#start/env')
const { withTenant } = await import('#services/tenant_context')
const { recordUsage } = await import('#services/billing/usage')
const { reportUsage } = await import('#services/billing/meter_reports')
const { meterEventName } = await import('#services/billing/plans')
const { startStripeDouble } = await import('#tests/doubles/stripe_server')

const log = (line: string) => process.stderr.write(`[bench] billing: ${line}\n`)
const { tenantId } = JSON.parse(process.env.BENCH_BILLING!) as { tenantId: string }
const sequential = Number(process.env.BENCH_BILLING_RECORDS ?? 3000)
const workspaces = Number(process.env.BENCH_BILLING_WORKSPACES ?? 200)
const perWorkspace = Number(process.env.BENCH_BILLING_PER_WORKSPACE ?? 50)
const concurrency = Number(process.env.BENCH_BILLING_CONCURRENCY ?? 8)
const result: Record<string, unknown> = {}

const double = await startStripeDouble()
env.set('STRIPE_API_BASE', double.url)
env.set('STRIPE_SECRET_KEY', double.platformKey)
const accountId = double.connectAccount()
const url = new URL(double.url)
const platform = new Stripe(double.platformKey, {
  host: url.hostname,
  port: url.port,
  protocol: 'http',
  stripeAccount: accountId,
})
await platform.billing.meters.create({
  display_name: 'Parley campaign recipients',
  event_name: meterEventName('campaignRecipients'),
  default_aggregation: { formula: 'sum' },
  customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
  value_settings: { event_payload_key: 'value' },
})

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

try {
  // The tenant's Stripe (Connect), a plan with a campaign-recipients limit and overage, and
  // `workspaces` workspaces subscribed to it (as the Stripe webhooks leave them).
  const planId = uuidv7()
  const ids: string[] = await withTenant(
    { tenantId },
    async (trx) => {
      await trx
        .table('stripe_accounts')
        .insert({ tenant_id: tenantId, mode: 'connect', account_id: accountId, meters: '{}' })
        .onConflict('tenant_id')
        .merge()
      await trx.table('plans').insert({
        tenant_id: tenantId,
        id: planId,
        name: 'Bench',
        prices: JSON.stringify([
          { interval: 'month', amount: 2900, currency: 'usd', stripePriceId: 'price_bench' },
        ]),
        limits: JSON.stringify({ campaignRecipients: 10_000_000 }),
        overage: JSON.stringify({
          campaignRecipients: {
            unitAmount: 1,
            included: 10_000_000,
            stripePriceIds: { 'month:usd': 'price_bench_m' },
          },
        }),
      })
      const made: string[] = []
      for (let i = 0; i < workspaces; i++) {
        const id = uuidv7()
        made.push(id)
        await trx
          .table('workspaces')
          .insert({ tenant_id: tenantId, id, external_id: `bench-billing-${i}-${id.slice(-6)}` })
        await trx.table('workspace_billing').insert({
          tenant_id: tenantId,
          workspace_id: id,
          plan_id: planId,
          status: 'active',
          interval: 'month',
          currency: 'usd',
          stripe_customer_id: `cus_bench${i}`,
          stripe_subscription_id: `sub_bench${i}`,
          current_period_start: new Date(Date.now() - 86_400_000),
          current_period_end: new Date(Date.now() + 29 * 86_400_000),
        })
      }
      return made
    },
    'operator'
  )

  // 1. The hot path's cost: recordUsage alone, inside a transaction that is open anyway.
  log(`recording ${sequential.toLocaleString('en')} uses one after another`)
  const hot = { tenantId, workspaceId: ids[0] }
  const times: number[] = []
  for (let i = 0; i < sequential; i++) {
    await withTenant(hot, async (trx) => {
      const started = performance.now()
      await recordUsage(
        { trx, ...hot },
        { feature: 'campaignRecipients', sourceId: `seq-${i}`, quantity: 1 }
      )
      times.push(performance.now() - started)
    })
  }
  const sorted = [...times].sort((a, b) => a - b)
  const lastThousand = times.slice(-1000).sort((a, b) => a - b)
  result.hotPath = {
    records: sequential,
    p50us: percentile(sorted, 0.5) * 1000,
    p99us: percentile(sorted, 0.99) * 1000,
    lastP99us: percentile(lastThousand, 0.99) * 1000,
  }
  // A repeat of the same source: the conflict path (a retried send).
  const repeats: number[] = []
  for (let i = 0; i < 500; i++) {
    await withTenant(hot, async (trx) => {
      const started = performance.now()
      await recordUsage(
        { trx, ...hot },
        { feature: 'campaignRecipients', sourceId: `seq-${i}`, quantity: 1 }
      )
      repeats.push(performance.now() - started)
    })
  }
  repeats.sort((a, b) => a - b)
  result.repeat = {
    p50us: percentile(repeats, 0.5) * 1000,
    p99us: percentile(repeats, 0.99) * 1000,
  }

  // 2. Records per second: concurrent transactions (one use each) over the workspaces.
  const total = workspaces * perWorkspace
  log(`recording ${total.toLocaleString('en')} uses, ${concurrency} transactions at a time`)
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++
        const scope = { tenantId, workspaceId: ids[n % workspaces] }
        await withTenant(scope, (trx) =>
          recordUsage(
            { trx, ...scope },
            { feature: 'campaignRecipients', sourceId: `par-${n}`, quantity: 1 }
          )
        )
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  result.ledger = { records: total, seconds, perSecond: total / seconds, concurrency }

  // 3. Reporting: every unreported record, batched per workspace and feature into meter events.
  log('reporting the ledger to the Stripe double')
  const reportStarted = performance.now()
  let events = 0
  for (;;) {
    const { sent } = await reportUsage({ workspaces: 500, maxEvents: 1000 })
    events += sent
    if (!sent) break
  }
  const reportSeconds = (performance.now() - reportStarted) / 1000
  const records = total + sequential
  const posted = double.meterEventPosts(accountId)
  result.report = {
    records,
    events,
    posted,
    seconds: reportSeconds,
    recordsPerSecond: records / reportSeconds,
    eventsPerSecond: events / reportSeconds,
  }
} finally {
  process.stdout.write(`${JSON.stringify(result)}\n`)
  await double.close()
  await app.terminate()
}
