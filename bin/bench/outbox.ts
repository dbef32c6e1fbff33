import { execFileSync } from 'node:child_process'
import type { BenchContext } from './context.js'

/** The outbox: how fast a backlog recorded during a Redis outage leaves once Redis is back. */
export default async function outboxPart(ctx: BenchContext) {
  const { root, env, tenant, say, results } = ctx
  say('outbox: 10,000 events recorded while Redis is down, then drained')
  const out = execFileSync(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/bench/outbox_run.ts'],
    {
      cwd: root,
      env: { ...env, BENCH_TENANT: JSON.stringify(tenant) },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  const outbox = JSON.parse(out.trim().split('\n').pop()!)
  results.push([
    `outbox: ${outbox.backlog.toLocaleString('en')} events queued in an outage, Redis back → drained`,
    `${(outbox.drainMs / 1000).toFixed(2)} s`,
  ])
  results.push(['outbox: relay throughput', `${Math.round(outbox.eventsPerSecond)} events/s`])
}
