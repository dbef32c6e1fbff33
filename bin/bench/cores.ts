import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { freePort, isListening } from '../../server/lib/local_services.js'
import type { BenchContext } from './context.js'

/**
 * One server process against WEB_CONCURRENCY of them (one per core) on the same database and
 * Redis: the embed config and the conversation list, 50 connections each. The load generator
 * runs in this process, so on a small machine it competes with the servers for the cores.
 */
export default async function coresPart(ctx: BenchContext) {
  const { root, env, base, tenant, session, cannon, say, seconds, results, children, ORIGIN } = ctx
  const count = Math.max(2, availableParallelism())
  const port = await freePort()
  const cluster = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), WEB_CONCURRENCY: String(count) },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.push(cluster)
  for (let i = 0; i < 600 && !(await isListening(port)); i++)
    await new Promise((r) => setTimeout(r, 100))
  // Every process listening: give the later ones time to boot before measuring.
  await new Promise((r) => setTimeout(r, 5000))
  const many = `http://127.0.0.1:${port}`

  say(`1 server process vs ${count} (WEB_CONCURRENCY), 50 connections, ${seconds} s each`)
  const paths = [
    {
      name: 'embed config',
      path: `/v1/embed/config?key=${tenant.publishableKey}`,
      headers: { origin: ORIGIN },
    },
    {
      name: 'conversation list',
      path: '/v1/conversations?limit=25',
      headers: { authorization: `Bearer ${session.token}` },
    },
  ]
  for (const { name, path, headers } of paths) {
    const one = await cannon({ url: `${base}${path}`, headers })
    const n = await cannon({ url: `${many}${path}`, headers })
    const line = (r: typeof one) =>
      `${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, errors ${r.non2xx + r.errors}`
    results.push([`${name}, 1 process`, line(one)])
    results.push([`${name}, ${count} processes`, line(n)])
    results.push([
      `${name}, ${count} / 1`,
      (n.requests.average / Math.max(1, one.requests.average)).toFixed(2),
    ])
  }
  cluster.kill('SIGTERM')
}
