/*
|--------------------------------------------------------------------------
| npm run dev
|--------------------------------------------------------------------------
|
| Everything a newcomer needs, from a fresh clone: PostgreSQL (embedded when DATABASE_URL is not
| set), Redis (a local redis-server when REDIS_URL is not set), migrations, the demo tenant with
| its keys printed, the demo host page, and the API server with reload.
|
*/

import { spawn, execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import pg from 'pg'
import {
  startEmbeddedPostgres,
  startRedis,
  type LocalService,
} from '../server/lib/local_services.js'
import { withDatabase } from '../server/lib/database_urls.js'
import { reportStartupError } from '../server/lib/startup_error.js'

const root = new URL('../', import.meta.url)
const path = (p: string) => new URL(p, root).pathname
const say = (line: string) => process.stdout.write(`[parley] ${line}\n`)

const services: LocalService[] = []
const children: ReturnType<typeof spawn>[] = []
let stopping = false

async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGINT')
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))
  )
  for (const service of services.reverse()) await service.stop().catch(() => {})
  rmSync(path('.env.local'), { force: true })
  process.exit(code)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

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
  try {
    execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
      cwd: path('.'),
      stdio: 'inherit',
    })
  } catch {
    say('Widget build failed; fix the error above and save again')
  }
}

function watchWidgets() {
  let timer: NodeJS.Timeout | undefined
  for (const dir of ['widgets', 'embed', 'themes']) {
    watch(path(dir), { recursive: true }, (_, file) => {
      if (!file || /\.(test|stories)\.ts$/.test(file)) return
      clearTimeout(timer)
      timer = setTimeout(buildWidgets, 150)
    })
  }
}

function ace(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, ['ace.js', ...args], {
    cwd: path('.'),
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

async function main() {
  const env = loadDotEnv()
  const port = env.PORT ?? '3333'
  const demoPort = env.DEMO_PORT ?? '5173'

  if (!env.DATABASE_URL) {
    const pgPort = Number(env.PARLEY_DEV_PG_PORT ?? 54329)
    const cluster = await startEmbeddedPostgres(path('.parley/postgres'), pgPort, say)
    services.push(cluster)
    await ensureDatabase(cluster.url, 'parley')
    env.DATABASE_URL = withDatabase(cluster.url, 'parley')
    say(`PostgreSQL (embedded) on ${pgPort}, data in .parley/postgres`)
  }
  if (!env.REDIS_URL) {
    const redis = await startRedis(say)
    services.push(redis)
    env.REDIS_URL = redis.url
  }
  // So `node ace …` in another shell reaches the same services while dev runs.
  writeFileSync(
    path('.env.local'),
    `DATABASE_URL=${env.DATABASE_URL}\nREDIS_URL=${env.REDIS_URL}\n`
  )

  const childEnv = {
    ...env,
    NODE_ENV: 'development',
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${port}`,
  }
  say('Building widgets (rebuilt on every change under widgets/, embed/ and themes/)')
  buildWidgets()
  watchWidgets()
  say('Running migrations')
  ace(['migration:run', '--force'], childEnv)
  ace(['db:app-role'], childEnv)
  const demoOrigins = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`]
  const demo = JSON.parse(
    ace(['demo:seed', '--json', ...demoOrigins.flatMap((o) => ['--origin', o])], childEnv)
      .trim()
      .split('\n')
      .pop()!
  )

  const server = spawn(process.execPath, ['ace.js', 'serve', '--hmr'], {
    cwd: path('.'),
    env: childEnv,
    stdio: 'inherit',
  })
  const host = spawn(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'embed/demo-host/server.ts'],
    {
      cwd: path('.'),
      env: {
        ...childEnv,
        DEMO_PORT: demoPort,
        PARLEY_API_URL: childEnv.PUBLIC_URL,
        PARLEY_SECRET_KEY: demo.secretKey,
        PARLEY_PUBLISHABLE_KEY: demo.publishableKey,
      },
      stdio: 'inherit',
    }
  )
  // In development the job workers run beside the server; in production: node ace queue:work.
  const worker = spawn(process.execPath, ['ace.js', 'queue:work'], {
    cwd: path('.'),
    env: childEnv,
    stdio: 'inherit',
  })
  children.push(server, host, worker)
  for (const child of children) child.on('exit', (code) => shutdown(code ?? 1))

  say('')
  say(`Demo tenant     ${demo.tenantId}`)
  say(`Publishable key ${demo.publishableKey}`)
  say(`Secret key      ${demo.secretKey}`)
  say(`API             ${childEnv.PUBLIC_URL}   (health: ${childEnv.PUBLIC_URL}/health)`)
  say(`Demo host page  http://localhost:${demoPort}`)
  say('')
}

main().catch(async (error) => {
  if (!reportStartupError(error)) console.error(error)
  await shutdown(1)
})
