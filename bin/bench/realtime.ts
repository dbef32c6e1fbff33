import { execFileSync } from 'node:child_process'
import type { BenchContext } from './context.js'

/** Realtime: Parley's hub beside plain Transmit (a process of its own: it boots the app). */
export default async function realtimePart(ctx: BenchContext) {
  const { root, say, results } = ctx
  say('realtime: Parley beside plain Transmit (1,000 then 10,000 streams each; takes a minute)')
  const out = execFileSync(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/bench_realtime.ts'],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 10 * 1024 * 1024,
    }
  )
  const { parley, transmit, cost } = JSON.parse(out.trim().split('\n').pop()!)
  const ms = (v: number) => `${v.toFixed(1)} ms`
  const row = (label: string, a: string, b: string) => results.push([label, `${a.padEnd(12)} ${b}`])
  row('realtime                                   ', 'Parley', 'Transmit')
  row(
    'delivery p50 / p99, 1,000 subscribers',
    `${ms(parley.p50_1000)} / ${ms(parley.p99_1000)}`,
    `${ms(transmit.p50_1000)} / ${ms(transmit.p99_1000)}`
  )
  row(
    'delivery p50 / p99, 10,000 subscribers',
    `${ms(parley.p50_10000)} / ${ms(parley.p99_10000)}`,
    `${ms(transmit.p50_10000)} / ${ms(transmit.p99_10000)}`
  )
  row(
    'share of events delivered',
    `${(parley.delivered_10000 * 100).toFixed(1)}%`,
    `${(transmit.delivered_10000 * 100).toFixed(1)}%`
  )
  row(
    'broadcast to 10 of 10,000 open',
    `${cost.oursUs.toFixed(1)} µs`,
    `${cost.transmitUs.toFixed(1)} µs`
  )
  row(
    'server memory per open stream (RSS after GC)',
    `${parley.rssPerStreamKb.toFixed(1)} KB`,
    `${transmit.rssPerStreamKb.toFixed(1)} KB`
  )
}
