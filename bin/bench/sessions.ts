import { readFileSync, readdirSync } from 'node:fs'
import pg from 'pg'
import type { BenchContext } from './context.js'

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100

/** CPU time (ms) a process has used, or null where /proc cannot tell (not Linux, gone). */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  } catch {
    return null
  }
}

/** The server's processes: the one the bench started and its cluster workers. */
function serverPids(root: number): number[] {
  const pids = [root]
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === root) pids.push(Number(entry))
    } catch {}
  }
  return pids
}

/**
 * CPU used by the server's processes and by the PostgreSQL backends of the bench's database
 * (same machine): per request, it says where the time goes whatever else loads the machine,
 * which latency on a shared 2-core box does not.
 */
async function cpuMeter(ctx: BenchContext) {
  const server = ctx.children[0]?.pid
  const admin = new pg.Client({ connectionString: ctx.adminUrl })
  await admin.connect()
  const backends = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend'
          and pid <> pg_backend_pid()`
    )
    return rows.map((r) => r.pid)
  }
  const sample = async () => {
    const total = (pids: number[]) => {
      const ms = new Map<number, number>()
      for (const pid of pids) {
        const used = cpuMs(pid)
        if (used !== null) ms.set(pid, used)
      }
      return ms
    }
    return { server: total(server ? serverPids(server) : []), db: total(await backends()) }
  }
  const before = await sample()
  return async () => {
    const after = await sample()
    await admin.end()
    // Backends that opened during the run count from zero; those that closed are lost (the pool
    // keeps its connections for the run).
    const spent = (a: Map<number, number>, b: Map<number, number>) =>
      [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0)
    return { server: spent(before.server, after.server), db: spent(before.db, after.db) }
  }
}

/**
 * Session minting: 50 concurrent, each request for one of 1,000 users (the first 200 known, the
 * rest new during the run); then one connection for known users only, the latency of one mint
 * without queueing.
 */
export default async function sessionsPart(ctx: BenchContext) {
  const { base, tenant, cannon, say, seconds, results } = ctx
  say(`POST /v1/sessions, 50 connections, ${seconds} s`)
  let n = 0
  const stopMeter = await cpuMeter(ctx)
  const sessions = await cannon({
    url: `${base}/v1/sessions`,
    method: 'POST',
    headers: {
      'authorization': `Bearer ${tenant.secretKey}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            workspace: { id: 'bench-co' },
            user: { id: `u_${n++ % 1000}`, role: 'agent' },
          }),
        }),
      },
    ],
  })
  const cpu = await stopMeter()
  const answered = Math.max(1, sessions.requests.total)
  results.push([
    'POST /v1/sessions (50 concurrent)',
    `${Math.round(sessions.requests.average)} req/s, p50 ${sessions.latency.p50} ms, p99 ${sessions.latency.p99} ms, errors ${sessions.non2xx + sessions.errors}; CPU per request: server ${(cpu.server / answered).toFixed(2)} ms, PostgreSQL ${(cpu.db / answered).toFixed(2)} ms`,
  ])

  let known = 0
  const alone = await cannon({
    connections: 1,
    url: `${base}/v1/sessions`,
    method: 'POST',
    headers: {
      'authorization': `Bearer ${tenant.secretKey}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            workspace: { id: 'bench-co' },
            user: { id: `u_${known++ % 200}`, role: 'agent' },
          }),
        }),
      },
    ],
  })
  results.push([
    'POST /v1/sessions (1 connection, known users)',
    `${Math.round(alone.requests.average)} req/s, p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms, errors ${alone.non2xx + alone.errors}`,
  ])
}
