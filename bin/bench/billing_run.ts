/*
|--------------------------------------------------------------------------
| Bench part: the usage ledger and meter reporting (BENCH_ONLY=billing)
|--------------------------------------------------------------------------
|
| Run by bin/bench/billing.ts inside the bench's environment (BENCH_BILLING names the tenant).
| Boots the app beside a local Stripe double and measures:
|   recordUsage's own time inside a transaction the hot path already has (a campaign send, a
|   finished transcription), on a plan with a limit (so the 80/100 % alert check runs), one
|   record after another, as the period's records grow; beside SELECT 1 and a bare ledger
|   INSERT taken the same way in turn with it, and whether its slowest 1 % met a GC pause;
|   half before the tables are analyzed, half after;
|   records per second into the ledger from concurrent transactions over many workspaces;
|   reportUsage's throughput against the double: records and meter events per second, each
|   workspace's unreported records batched into one meter event per feature.
| Prints one JSON line.
|
*/

import 'reflect-metadata'
import os from 'node:os'
import { PerformanceObserver } from 'node:perf_hooks'
import { Ignitor } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

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
const { default: db } = await import('@adonisjs/lucid/services/db')
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

/** The ledger row alone, as recordUsage writes it: the baseline its extra work is measured against. */
const BARE_INSERT = `insert into usage_records (tenant_id, workspace_id, id, feature, source_id, quantity, occurred_at)
  values ($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::numeric, $7::timestamptz)`

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

  // 1. The hot path's cost: recordUsage alone, inside a transaction that is open anyway, beside
  // two baselines taken the same way in the same run: SELECT 1 and a bare single-row ledger
  // INSERT, each a prepared statement on the transaction's connection (recordUsage's own path).
  // The three take turns, so the machine's other load falls on each alike: the ratios hold on a
  // busy machine where the absolute figures do not. Half with the statistics this fresh database
  // has (none: the planner guesses, and may walk every workspace of the tenant for one), half
  // once analyzed, as autovacuum keeps a live database.
  log(`recording ${sequential.toLocaleString('en')} uses one after another, beside two baselines`)
  const hot = { tenantId, workspaceId: ids[0] }
  const prepared = async (
    trx: TransactionClientContract,
    name: string,
    text: string,
    values: unknown[]
  ) => {
    const connection = await trx.knexClient.client.acquireConnection()
    return connection.query({ name, text, values })
  }
  const shapes: [string, (trx: TransactionClientContract, i: number) => Promise<unknown>][] = [
    [
      'recordUsage',
      (trx, i) =>
        recordUsage(
          { trx, ...hot },
          { feature: 'campaignRecipients', sourceId: `seq-${i}`, quantity: 1 }
        ),
    ],
    ['select1', (trx) => prepared(trx, 'bench_select_1', 'select 1', [])],
    [
      'insert',
      // Another feature, so the measured feature's total stays the ledger's; removed below.
      (trx, i) =>
        prepared(trx, 'bench_bare_insert', BARE_INSERT, [
          tenantId,
          hot.workspaceId,
          uuidv7(),
          'transcriptionMinutes',
          `bare-${i}`,
          1,
          new Date(),
        ]),
    ],
  ]
  const gcs: [number, number][] = []
  const gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push([e.startTime, e.startTime + e.duration])
  })
  gcWatch.observe({ entryTypes: ['gc'] })
  const measure = async (from: number, to: number) => {
    const spans = new Map(shapes.map(([name]) => [name, [] as [number, number][]]))
    const loadBefore = os.loadavg()[0]
    for (let i = from; i < to; i++) {
      for (let j = 0; j < shapes.length; j++) {
        const [name, run] = shapes[(i + j) % shapes.length]
        await withTenant(hot, async (trx) => {
          const started = performance.now()
          await run(trx, i)
          spans.get(name)!.push([started, performance.now()])
        })
      }
    }
    const figures = (name: string) => {
      const sorted = spans
        .get(name)!
        .map(([a, b]) => b - a)
        .sort((a, b) => a - b)
      return { p50us: percentile(sorted, 0.5) * 1000, p99us: percentile(sorted, 0.99) * 1000 }
    }
    // Is the tail this process's garbage collection? The slowest 1 % that overlapped a GC pause.
    const own = figures('recordUsage')
    const slowest = spans.get('recordUsage')!.filter(([a, b]) => (b - a) * 1000 >= own.p99us)
    return {
      records: to - from,
      ...own,
      select1: figures('select1'),
      insert: figures('insert'),
      slowest: slowest.length,
      slowestDuringGc: slowest.filter(([a, b]) => gcs.some(([s, e]) => s < b && e > a)).length,
      load: [loadBefore, os.loadavg()[0]],
    }
  }
  const half = Math.floor(sequential / 2)
  const fresh = await measure(0, half)
  await db
    .connection('operator')
    .rawQuery('analyze workspaces, tenants, workspace_billing, plans, usage_records, usage_totals')
  result.hotPath = { fresh, analyzed: await measure(half, sequential) }
  gcWatch.disconnect()
  await withTenant(
    hot,
    (trx) => trx.from('usage_records').where('source_id', 'like', 'bare-%').delete(),
    'operator'
  )
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
