/*
|--------------------------------------------------------------------------
| npm run bench
|--------------------------------------------------------------------------
|
| Measures and prints (never asserts) the foundation's figures, all on 127.0.0.1, bounded in
| time: session minting at 50 concurrent, embed config beside a bare node:http handler serving
| the same JSON, the cost of row-level security on a tenant-scoped list, and the inbox's list,
| thread and search over a seeded 1,000,000-message workspace.
|
*/

import { execFileSync, spawn } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'
import autocannon from 'autocannon'
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici'
import { openReport } from './bench/report.js'
import { prepareTestEnvironment } from '../server/lib/test_environment.js'
import { isListening } from '../server/lib/local_services.js'
import { appDatabaseUrl } from '../server/lib/database_urls.js'
import { startDemoHost } from '../embed/demo-host/server.js'
import { freePort } from '../server/lib/local_services.js'
import type { BenchContext } from './bench/context.js'

const root = new URL('../', import.meta.url)
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`)
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const ORIGIN = 'http://bench.parley.test'
/** BENCH_ONLY=sessions|config|rls|widgets|inbox|outbox|realtime|inbox-scale|recorder|campaigns|billing|cores runs one part. */
const only = process.env.BENCH_ONLY
const wants = (part: string) => !only || only === part

process.env.DB_POOL_MAX = '10'
process.env.RATE_LIMIT_SESSIONS_PER_MINUTE = '1000000'
process.env.RATE_LIMIT_CONFIG_PER_MINUTE = '1000000'
process.env.LOG_LEVEL = 'warn'
// Production's piece length (the test environment cuts recordings into 10-second pieces).
process.env.RECORDING_PIECE_SECONDS = '600'
const environment = await prepareTestEnvironment(root, say)
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
const ace = (...args: string[]) =>
  execFileSync(process.execPath, ['ace.js', ...args], { cwd: root, env, encoding: 'utf8' })

const children: ReturnType<typeof spawn>[] = []
/** Stops the servers and workers (killed if they have not exited within 5 s), then drops the database. */
async function cleanup() {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    })
  )
  await environment.cleanup()
}

try {
  ace('migration:run', '--force')
  const tenant = JSON.parse(ace('tenant:create', 'Bench', '--origin', ORIGIN, '--json'))
  const noise = JSON.parse(ace('tenant:create', 'Noise', '--origin', ORIGIN, '--json'))

  // BENCH_PROFILE=1: the server under test writes a V8 CPU profile when it stops (the bench's
  // end); bin/bench/profile_summary.ts says where its time went.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${new URL('bench-results/profiles/', root).pathname}`]
    : []
  const server = spawn(
    process.execPath,
    [...profile, '--import=@poppinss/ts-exec', 'bin/server.ts'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    }
  )
  children.push(server)
  const base = `http://127.0.0.1:${env.PORT}`
  /** The demo host page on a port of its own, allowed for the bench tenant. */
  const startDemo = async () => {
    const demoPort = await freePort()
    const demoOrigin = `http://localhost:${demoPort}`
    ace('tenant:origins', tenant.tenantId, '--add', demoOrigin)
    const demo = await startDemoHost({
      port: demoPort,
      apiUrl: base,
      secretKey: tenant.secretKey,
      publishableKey: tenant.publishableKey,
    })
    return { demo, demoOrigin }
  }
  // Up to a minute: on a loaded 2-core machine the server has taken more than 10 s to start.
  for (let i = 0; i < 600 && !(await isListening(Number(env.PORT))); i++)
    await new Promise((r) => setTimeout(r, 100))
  if (!(await isListening(Number(env.PORT)))) throw new Error('The server did not start in 60 s')

  const mint = async (secretKey: string, workspace: string, user: string) => {
    const response = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: { id: workspace }, user: { id: user, role: 'agent' } }),
    })
    return (await response.json()) as { token: string; tenantId: string; workspaceId: string }
  }
  // 200 members in the measured workspace, as many in another tenant's.
  let session!: { token: string; tenantId: string; workspaceId: string }
  for (let i = 0; i < 200; i++) {
    session = await mint(tenant.secretKey, 'bench-co', `u_${i}`)
    await mint(noise.secretKey, 'bench-co', `u_${i}`)
  }

  /** The owner (RLS bypassed: a superuser on a developer machine) and the role requests run as. */
  const adminUrl = process.env.DATABASE_URL!
  const appUrl = appDatabaseUrl({
    databaseUrl: adminUrl,
    appKey: process.env.APP_KEY!,
    role: process.env.DATABASE_APP_ROLE,
  })

  const results: [string, string][] = []
  const cannon = (opts: autocannon.Options) =>
    new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ connections: 50, duration: seconds, ...opts }, (error, result) =>
        error ? reject(error) : resolve(result)
      )
    )
  const ctx: BenchContext = {
    root,
    env,
    ace,
    base,
    tenant,
    noise,
    session,
    mint,
    cannon,
    say,
    seconds,
    results,
    startDemo,
    children,
    adminUrl,
    appUrl,
    ORIGIN,
  }
  const report = await openReport(root, {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      load: loadavg().map((l) => Number(l.toFixed(2))),
    },
    seconds,
    only: only ?? null,
  })
  say(`report: ${report.path}`)

  /**
   * Runs one part (bin/bench/<part>.ts): its figures are printed and written to the report as
   * soon as it finishes, so a later part's failure loses nothing. Each part starts with fresh
   * HTTP connections (a keep-alive socket the server closed while an earlier part was busy
   * elsewhere failed the next fetch: "other side closed"), and a part that throws is reported
   * and the run goes on.
   */
  const failed: string[] = []
  const part = async (name: string, file: string) => {
    if (!wants(name)) return
    const previous = getGlobalDispatcher()
    setGlobalDispatcher(new Agent())
    await previous.close().catch(() => {})
    const first = results.length
    const started = performance.now()
    let error: string | undefined
    try {
      const { default: run } = await import(file)
      await run(ctx)
    } catch (caught) {
      error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)
      failed.push(name)
    }
    const rows = results.slice(first)
    const elapsed = (performance.now() - started) / 1000
    say(`${name}: ${error ? 'FAILED' : 'done'} in ${elapsed.toFixed(0)} s`)
    for (const [key, value] of rows) say(`  ${key}  ${value}`)
    if (error) say(`  ${error.split('\n').slice(0, 6).join('\n  ')}`)
    await report.add({ part: name, seconds: Math.round(elapsed), rows, error })
  }

  await part('sessions', './bench/sessions.js')
  await part('config', './bench/config.js')
  await part('rls', './bench/rls.js')
  await part('widgets', './bench/widgets.js')
  await part('inbox', './bench/inbox.js')
  await part('recorder', './bench/recorder.js')
  await part('realtime', './bench/realtime.js')
  await part('outbox', './bench/outbox.js')
  await part('inbox-scale', './bench/inbox_scale.js')
  await part('campaigns', './bench/campaigns.js')
  await part('billing', './bench/billing.js')
  await part('cores', './bench/cores.js')

  process.stdout.write('\nParley benchmark (127.0.0.1, this machine)\n')
  const width = Math.max(0, ...results.map(([k]) => k.length))
  for (const [key, value] of results) process.stdout.write(`  ${key.padEnd(width)}  ${value}\n`)
  if (failed.length) process.stdout.write(`  parts that failed: ${failed.join(', ')} (see above)\n`)
  process.stdout.write(`  report: ${report.path}\n`)
  process.exitCode = failed.length ? 1 : 0
} finally {
  await cleanup()
}
