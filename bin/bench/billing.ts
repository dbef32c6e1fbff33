import { execFileSync } from 'node:child_process'
import type { BenchContext } from './context.js'

/**
 * The usage ledger (BENCH_ONLY=billing): what recording a use costs a hot path (a campaign send,
 * a finished transcription), records per second into the ledger, and meter reporting to a local
 * Stripe double with batching. Runs in a process of its own (bin/bench/billing_run.ts).
 */
export default async function billingPart(ctx: BenchContext) {
  const { root, env, tenant, mint, say, results } = ctx
  const fmt = (n: number) => Math.round(n).toLocaleString('en')
  // The tenant's first workspace made through the API, like the other parts.
  await mint(tenant.secretKey, 'billing-co', 'bench_billing')
  say('billing: usage recording and meter reporting (a process of its own)')
  const out = execFileSync(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/bench/billing_run.ts'],
    {
      cwd: root,
      // Not production: the Stripe SDK honours STRIPE_API_BASE (the double) only outside it.
      env: {
        ...env,
        NODE_ENV: 'development',
        BENCH_BILLING: JSON.stringify({ tenantId: tenant.tenantId }),
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  const run = JSON.parse(out.trim().split('\n').pop()!)
  const us = (n: number) => `${fmt(n)} µs`
  const times = (f: { p50us: number; p99us: number }) => `p50 ${us(f.p50us)}, p99 ${us(f.p99us)}`
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`
  for (const [phase, hot] of Object.entries<any>(run.hotPath ?? {})) {
    const stats = phase === 'fresh' ? 'unanalyzed tables' : 'analyzed tables'
    results.push(
      [
        `billing: recordUsage in the caller's transaction, ${fmt(hot.records)} in turn, ${stats}, plan with a limit (goal p99 < 1 ms)`,
        times(hot),
      ],
      [
        '  the same turns, same transaction shape: a bare single-row ledger INSERT',
        `${times(hot.insert)}; recordUsage ${ratio(hot.p50us, hot.insert.p50us)} of it at p50, ${ratio(hot.p99us, hot.insert.p99us)} at p99`,
      ],
      [
        '  the same turns, same transaction shape: SELECT 1',
        `${times(hot.select1)}; recordUsage ${ratio(hot.p50us, hot.select1.p50us)} of it at p50, ${ratio(hot.p99us, hot.select1.p99us)} at p99`,
      ],
      [
        "  recordUsage's slowest 1 % during a GC pause of this process; load average",
        `${hot.slowestDuringGc} of ${hot.slowest}; ${hot.load.map((n: number) => n.toFixed(1)).join(' -> ')}`,
      ]
    )
  }
  if (run.repeat)
    results.push([
      'billing: recordUsage of a source already recorded (a retry)',
      `p50 ${us(run.repeat.p50us)}, p99 ${us(run.repeat.p99us)}`,
    ])
  if (run.ledger)
    results.push([
      `billing: ledger writes, ${run.ledger.concurrency} transactions at a time, one record each`,
      `${fmt(run.ledger.perSecond)} records/s (${fmt(run.ledger.records)} in ${run.ledger.seconds.toFixed(1)} s)`,
    ])
  if (run.report)
    results.push([
      `billing: meter reporting to the Stripe double, batched per workspace and feature`,
      `${fmt(run.report.recordsPerSecond)} records/s, ${fmt(run.report.eventsPerSecond)} events/s (${fmt(run.report.records)} records in ${fmt(run.report.events)} events, ${run.report.seconds.toFixed(1)} s)`,
    ])
}
