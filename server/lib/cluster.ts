import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { StartupError, reportStartupError } from './startup_error.js'

/**
 * How many server processes to run on the port: WEB_CONCURRENCY, by default one per core.
 * The processes share nothing but PostgreSQL and Redis (real time, presence, rate limits and
 * the outbox already work across instances).
 */
export function webConcurrency(value = process.env.WEB_CONCURRENCY): number {
  if (value === undefined || value === '') return availableParallelism()
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new StartupError(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`)
  return n
}

/**
 * The primary of a multi-process server: forks `count` workers that all listen on the same
 * port (the primary accepts and hands connections round-robin), forks again a worker that died
 * (at most once a second, so a crash at boot does not spin), and on SIGTERM or SIGINT stops the
 * workers gracefully, each within 30 s. Workers exit on their own if the primary dies.
 */
export function runPrimary(count: number) {
  let stopping = false
  const fork = () => cluster.fork()
  let lastFork = 0
  // Which workers accept connections. Until one does, the port refuses them (the primary closes
  // its listening socket when no worker is left on it), so operators and tests are told.
  const listening = new Set<number>()
  let allListened = false
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id)
    if (!allListened && listening.size === count) {
      allListened = true
      process.stderr.write(`Parley: ${count} server processes listening on port ${address.port}\n`)
    } else if (allListened) {
      process.stderr.write(`Parley: server process ${worker.process.pid} listening\n`)
    }
  })
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id)
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    process.stderr.write(
      `Parley: server process ${worker.process.pid} ended (${signal ?? code}); starting another\n`
    )
    const wait = Math.max(0, lastFork + 1000 - Date.now())
    setTimeout(() => {
      lastFork = Date.now()
      fork()
    }, wait)
  })
  const stop = () => {
    if (stopping) return
    stopping = true
    const workers = Object.values(cluster.workers ?? {})
    if (workers.length === 0) process.exit(0)
    for (const worker of workers) worker?.process.kill('SIGTERM')
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(0)
    }, 30_000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  for (let i = 0; i < count; i++) fork()
  lastFork = Date.now()
}

/** True in the primary of a multi-process server (which then only supervises). */
export function startClusterIfWanted(): boolean {
  if (!cluster.isPrimary) return false
  let count: number
  try {
    count = webConcurrency()
  } catch (error) {
    if (reportStartupError(error)) process.exit(1)
    throw error
  }
  if (count === 1) return false
  runPrimary(count)
  return true
}
