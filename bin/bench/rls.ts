import pg from 'pg'
import type { BenchContext } from './context.js'

/** RLS cost: the members list as the app role (RLS) and as the owner (RLS bypassed). */
export default async function rlsPart(ctx: BenchContext) {
  const { session, say, results, adminUrl, appUrl } = ctx
  const pools = {
    rls: new pg.Pool({ connectionString: appUrl, max: 1 }),
    bypass: new pg.Pool({ connectionString: adminUrl, max: 1 }),
  }
  const sql =
    'select * from members where tenant_id = $1 and workspace_id = $2 order by id desc limit 50'
  const timings: Record<'rls' | 'bypass', number[]> = { rls: [], bypass: [] }
  const once = async (kind: 'rls' | 'bypass') => {
    const client = await pools[kind].connect()
    const started = process.hrtime.bigint()
    await client.query('begin')
    await client.query(
      `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true),
                set_config('max_parallel_workers_per_gather', '0', true)`,
      [session.tenantId, session.workspaceId]
    )
    const { rowCount } = await client.query(sql, [session.tenantId, session.workspaceId])
    await client.query('commit')
    timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6)
    client.release()
    if (rowCount !== 50) throw new Error(`${kind} returned ${rowCount} rows`)
  }
  say('RLS cost: 3,000 interleaved transactions each way')
  for (let i = 0; i < 3000; i++) {
    await once('rls')
    await once('bypass')
  }
  await Promise.all([pools.rls.end(), pools.bypass.end()])
  const p95 = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length * 0.95)]
  const rlsP95 = p95(timings.rls.slice(200))
  const bypassP95 = p95(timings.bypass.slice(200))
  results.push(['members list p95, RLS on (app role)', `${rlsP95.toFixed(3)} ms`])
  results.push(['members list p95, RLS bypassed (owner)', `${bypassP95.toFixed(3)} ms`])
  results.push(['RLS cost (goal <= 1.1x)', `${(rlsP95 / bypassP95).toFixed(2)}x`])
}
