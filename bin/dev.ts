/*
|--------------------------------------------------------------------------
| npm run dev
|--------------------------------------------------------------------------
|
| Everything a newcomer needs, from a fresh clone: PostgreSQL (embedded when DATABASE_URL is not
| set), Redis (a local redis-server when REDIS_URL is not set), migrations, the demo tenant with
| its keys printed (the same keys at every start), the demo host page, and the API server with
| reload. Ctrl+C, SIGTERM, a closed terminal (SIGHUP) or the death of its parent stop everything
| it started; a start after a killed run stops what that run left behind.
|
| PARLEY_DEV_DIR (default .parley) holds the embedded database, the demo keys and the run's pids;
| with PORT, DEMO_PORT and PARLEY_DEV_PG_PORT a second instance runs beside the first (tests).
|
*/

import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import pg from 'pg'
import {
  isListening,
  processAlive,
  processCommand,
  startEmbeddedPostgres,
  startRedis,
  stopProcess,
  type LocalService,
} from '../server/lib/local_services.js'
import { withDatabase } from '../server/lib/database_urls.js'
import { StartupError, reportStartupError } from '../server/lib/startup_error.js'

const root = new URL('../', import.meta.url).pathname
const path = (p: string) => resolve(root, p)
const started = Date.now()

// After a hang-up the terminal is gone: writing to it fails, which must not stop the shutdown.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})
const say = (line: string) => {
  try {
    process.stdout.write(`[parley] ${line}\n`)
  } catch {}
}

const services: LocalService[] = []
const children: ChildProcess[] = []
const watchers: FSWatcher[] = []
let devDir = path('.parley')
let wroteEnvLocal = false
let claimed = false
let stopping = false

/** What this run started, so that a start after it was killed can stop what it left. */
interface RunState {
  pid: number
  postgres?: number
  redis?: number
  children: number[]
}
const state: RunState = { pid: process.pid, children: [] }
const stateFile = () => join(devDir, 'dev.json')
/** A path as the developer would type it: relative to the root when under it. */
const shown = (p: string) => (p.startsWith(root) ? relative(root, p) : p)
const saveState = () => writeFileSync(stateFile(), JSON.stringify(state) + '\n')

/** Stops a child's whole process group (`ace serve` runs the HTTP server as its own child). */
async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
  const exited = new Promise((r) => child.once('exit', r))
  // SIGINT: `ace serve` ignores SIGTERM; the server and the workers shut down cleanly on either.
  await stopProcess(-child.pid, 'SIGINT', 10_000)
  await exited
}

async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  for (const watcher of watchers) watcher.close()
  // The processes that use the database and Redis first, then those services.
  await Promise.all(children.map(stopChild))
  for (const service of services.reverse()) await service.stop().catch(() => {})
  if (wroteEnvLocal) rmSync(path('.env.local'), { force: true })
  if (claimed) rmSync(stateFile(), { force: true })
  process.exit(code)
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    say(`${signal}: stopping everything this run started`)
    void shutdown(0)
  })
}
// A parent that dies without a signal (killed outright) leaves us to init: stop too.
// (process.ppid is read once at start; /proc tells the current one, where there is a /proc.)
const parentNow = () => {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return process.ppid
  }
}
setInterval(() => parentNow() !== process.ppid && void shutdown(0), 1000).unref()

/**
 * Claims the dev directory: refuses while another dev runs on it, and stops what a killed run
 * left running (each pid checked to still be what was recorded, as pids are reused).
 */
async function claimDevDir() {
  mkdirSync(devDir, { recursive: true })
  if (existsSync(stateFile())) {
    let previous: RunState | null = null
    try {
      previous = JSON.parse(readFileSync(stateFile(), 'utf8'))
    } catch {}
    const is = (pid: number | undefined, marker: string) => {
      if (!pid || !processAlive(pid)) return false
      const command = processCommand(pid)
      return command === '' || command.includes(marker)
    }
    if (previous && previous.pid !== process.pid && is(previous.pid, 'bin/dev.ts')) {
      throw new StartupError(
        `npm run dev is already running (pid ${previous.pid}) on ${shown(devDir)}; stop it, or give this one PARLEY_DEV_DIR, PORT, DEMO_PORT and PARLEY_DEV_PG_PORT of its own`
      )
    }
    for (const pid of previous?.children ?? []) {
      if (is(pid, 'ace.js') || is(pid, 'demo-host')) {
        say(`Stopping pid ${pid}, left running by a run that was killed`)
        await stopProcess(-pid, 'SIGKILL')
      }
    }
    if (is(previous?.redis, 'redis-server')) {
      say(`Stopping Redis (pid ${previous!.redis}), left running by a run that was killed`)
      await stopProcess(previous!.redis!, 'SIGTERM')
    }
    if (is(previous?.postgres, devDir)) {
      say(`Stopping PostgreSQL (pid ${previous!.postgres}), left running by a run that was killed`)
      await stopProcess(previous!.postgres!, 'SIGINT', 30_000)
    }
  }
  saveState()
  claimed = true
}

/** .env is the developer's; only APP_KEY is ever added to it, once. */
function loadDotEnv(): Record<string, string> {
  const file = path('.env')
  let values: Record<string, string> = existsSync(file)
    ? (parseEnv(readFileSync(file, 'utf8')) as any)
    : {}
  if (!values.APP_KEY && !process.env.APP_KEY) {
    const appKey = randomBytes(32).toString('base64url')
    appendFileSync(
      file,
      `${existsSync(file) ? '\n' : ''}APP_KEY=${appKey}\nHOST=0.0.0.0\nPORT=3333\n`
    )
    say('Wrote a new APP_KEY to .env')
    values = parseEnv(readFileSync(file, 'utf8')) as any
  }
  // An empty DATABASE_URL or REDIS_URL in the environment means "start a local one", as unset.
  return { ...values, ...(process.env as Record<string, string>) }
}

async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
  if (!rowCount) await client.query(`create database "${name}"`)
  await client.end()
}

function buildWidgets() {
  if (stopping) return
  try {
    execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
  } catch {
    say('Widget build failed; fix the error above and save again')
  }
}

function watchWidgets() {
  let timer: NodeJS.Timeout | undefined
  for (const dir of ['widgets', 'embed', 'themes']) {
    const watcher = watch(path(dir), { recursive: true }, (_, file) => {
      if (!file || /\.(test|stories)\.ts$/.test(file)) return
      clearTimeout(timer)
      timer = setTimeout(buildWidgets, 150)
    })
    watchers.push(watcher)
  }
}

/** Runs an ace command and returns its output; its progress display is shown only on failure. */
function ace(args: string[], env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(process.execPath, ['ace.js', ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    process.stderr.write(`${stdout ?? ''}${stderr ?? ''}`)
    throw new StartupError(`node ace ${args[0]} failed (its output is above)`)
  }
}

/** A long-running child in a process group of its own: only this script decides when it stops. */
function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    detached: true,
    // No terminal input: `ace serve` would otherwise switch it to raw mode for its shortcuts.
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.push(child)
  state.children.push(child.pid!)
  saveState()
  child.on('exit', (code) => {
    if (stopping) return
    say(`${args.join(' ')} exited (${code ?? 'signal'}); stopping everything`)
    void shutdown(code || 1)
  })
  return child
}

/** Resolves once the API answers its health check and the demo host listens (or after 90 s). */
async function ready(apiPort: string, demoPort: string) {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline && !stopping) {
    const health = await fetch(`http://127.0.0.1:${apiPort}/health`).catch(() => null)
    if (health?.ok && (await isListening(Number(demoPort)))) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

async function main() {
  const env = loadDotEnv()
  const port = env.PORT ?? '3333'
  const demoPort = env.DEMO_PORT ?? '5173'
  devDir = path(env.PARLEY_DEV_DIR || '.parley')
  await claimDevDir()

  if (!env.DATABASE_URL) {
    const pgPort = Number(env.PARLEY_DEV_PG_PORT ?? 54329)
    const cluster = await startEmbeddedPostgres(join(devDir, 'postgres'), pgPort, say, {
      detached: true,
    })
    services.push(cluster)
    state.postgres = cluster.pid
    saveState()
    await ensureDatabase(cluster.url, 'parley')
    env.DATABASE_URL = withDatabase(cluster.url, 'parley')
    say(`PostgreSQL (embedded) on ${pgPort}, data in ${shown(join(devDir, 'postgres'))}`)
  }
  if (!env.REDIS_URL) {
    const redis = await startRedis(say, { detached: true })
    services.push(redis)
    state.redis = redis.pid
    saveState()
    env.REDIS_URL = redis.url
  }
  // So `node ace …` in another shell reaches the same services while dev runs (the default
  // instance only: one started with a PARLEY_DEV_DIR of its own leaves .env.local alone).
  if (!env.PARLEY_DEV_DIR) {
    writeFileSync(
      path('.env.local'),
      `DATABASE_URL=${env.DATABASE_URL}\nREDIS_URL=${env.REDIS_URL}\n`
    )
    wroteEnvLocal = true
  }

  const childEnv = {
    ...env,
    NODE_ENV: 'development',
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${port}`,
    // Hot reload restarts one process; production runs one per core.
    WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? '1',
  }
  say('Building widgets (rebuilt on every change under widgets/, embed/ and themes/)')
  buildWidgets()
  watchWidgets()
  say('Running migrations')
  ace(['migration:run', '--force'], childEnv)
  ace(['db:app-role'], childEnv)
  const demoOrigins = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`]
  const keysFile = join(devDir, 'demo-keys.json')
  const demo = JSON.parse(
    ace(
      [
        'demo:seed',
        '--json',
        '--keys-file',
        keysFile,
        ...demoOrigins.flatMap((o) => ['--origin', o]),
      ],
      childEnv
    )
      .trim()
      .split('\n')
      .pop()!
  )

  // --no-clear: the dev server would otherwise clear the terminal as it starts and on reloads.
  start(['ace.js', 'serve', '--hmr', '--no-clear'], childEnv)
  start(['--import=@poppinss/ts-exec', 'embed/demo-host/server.ts'], {
    ...childEnv,
    DEMO_PORT: demoPort,
    PARLEY_API_URL: childEnv.PUBLIC_URL,
    PARLEY_SECRET_KEY: demo.secretKey,
    PARLEY_PUBLISHABLE_KEY: demo.publishableKey,
  })
  // In development the job workers run beside the server; in production: node ace queue:work.
  start(['ace.js', 'queue:work'], childEnv)

  const up = await ready(port, demoPort)
  if (stopping) return
  const seconds = Math.round((Date.now() - started) / 1000)
  say('')
  say(up ? `Ready in ${seconds} s` : `Still starting after ${seconds} s; the keys are:`)
  say(`API             ${childEnv.PUBLIC_URL}   (health: ${childEnv.PUBLIC_URL}/health)`)
  say(
    `Demo host page  http://localhost:${demoPort}   (?user=bruno, /inbox, /site, /campaigns, /recordings, /billing)`
  )
  say(`Demo tenant     ${demo.tenantId}`)
  say(`Publishable key ${demo.publishableKey}`)
  say(
    `Secret key      ${demo.secretKey}   (${demo.reused ? 'the same as last run' : 'new'}; kept in ${shown(keysFile)})`
  )
  if (demo.console) {
    say(
      `Console         ${childEnv.PUBLIC_URL}/console   ${demo.console.email} / ${demo.console.password}`
    )
    say(
      `Platform admin  ${childEnv.PUBLIC_URL}/admin   ${demo.admin.email} / ${demo.admin.password}`
    )
    say(`                TOTP secret ${demo.admin.totpSecret} (add it to an authenticator app)`)
  }
  say('For the README examples, in another shell:')
  process.stdout.write(
    `export SECRET_KEY=${demo.secretKey} PUBLISHABLE_KEY=${demo.publishableKey}\n`
  )
  say('Ctrl+C stops the server, the workers, the demo host, PostgreSQL and Redis.')
  say('')
}

main().catch(async (error) => {
  if (!reportStartupError(error)) console.error(error)
  await shutdown(1)
})
