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
  if (run.hotPath)
    results.push([
      `billing: recordUsage in the caller's transaction, ${fmt(run.hotPath.records)} in turn, plan with a limit (goal p99 < 1 ms)`,
      `p50 ${us(run.hotPath.p50us)}, p99 ${us(run.hotPath.p99us)} (last 1,000: p99 ${us(run.hotPath.lastP99us)})`,
    ])
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
