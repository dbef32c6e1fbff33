import { Queue, UnrecoverableError, Worker, type JobsOptions } from 'bullmq'
import { Redis } from 'ioredis'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import type { JobClass, JobTarget } from '#jobs/job'

/**
 * BullMQ on the same Redis. One queue per kind of work; every job idempotent by construction
 * (its id derived from what it does, so adding it twice adds it once), retried with exponential
 * backoff, and kept on failure with its reason. The `{parley}` prefix keeps a queue's keys in one
 * Redis Cluster slot.
 */
export const QUEUE_PREFIX = '{parley}'

const DEFAULTS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: false,
}

const connections: Redis[] = []
const queues = new Map<string, Queue>()

/** BullMQ needs its own connections, with no retry limit per request. */
export function queueConnection() {
  const redis = new Redis(env.get('REDIS_URL'), {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  })
  redis.on('error', () => {}) // reported by the queue or worker that owns it
  connections.push(redis)
  return redis
}

function queue(name: string) {
  let existing = queues.get(name)
  if (!existing) {
    existing = new Queue(name, { connection: queueConnection(), prefix: QUEUE_PREFIX })
    // Connection errors are the reconnecting client's business; unheard, they would crash the process.
    existing.on('error', (error) => logger.warn({ err: error, queue: name }, 'queue error'))
    queues.set(name, existing)
  }
  return existing
}

/** Schedules a job; `jobId` makes it idempotent (a second add with the same id is ignored). */
export async function dispatch<Payload>(
  job: JobTarget,
  payload: Payload,
  options: JobsOptions & { jobId: string }
) {
  // BullMQ's connections wait for Redis forever (they must, for workers); a caller (the outbox
  // relay) rather hears "not now" and retries: the job id makes a late duplicate add a no-op.
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Command timed out: queue add')), DISPATCH_TIMEOUT_MS)
  })
  const adding = queue(job.queue).add(job.jobName, payload, {
    ...DEFAULTS,
    ...job.options,
    ...options,
  })
  adding.catch(() => {}) // a late failure after the timeout is already reported as the timeout
  try {
    await Promise.race([adding, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const DISPATCH_TIMEOUT_MS = 3000

/** Runs the given jobs until `stop()`: in `npm run dev` and tests in-process, in production through `node ace queue:work`. */
export function startWorkers(
  jobs: JobClass[],
  concurrency = 10,
  /** Queues again, from PostgreSQL, what Redis may have lost: at start and when Redis is back. */
  requeue?: () => Promise<unknown>
) {
  const byQueue = new Map<string, Map<string, JobClass>>()
  for (const job of jobs) {
    if (!byQueue.has(job.queue)) byQueue.set(job.queue, new Map())
    byQueue.get(job.queue)!.set(job.jobName, job)
  }
  // One scheduler per recurring job, however many workers start: upserting is idempotent. Done
  // again when Redis comes back, as a Redis restarted without persistence forgot them.
  const schedule = () => {
    for (const job of jobs.filter((j) => j.every)) {
      void queue(job.queue)
        .upsertJobScheduler(job.jobName, { every: job.every }, { name: job.jobName, data: {} })
        .catch((error) => logger.error({ err: error, job: job.jobName }, 'could not schedule job'))
    }
  }
  const recover = () => {
    schedule()
    void requeue?.().catch((error) => logger.warn({ err: error }, 'could not queue work again'))
  }
  recover()
  let lost = false
  const watch = queueConnection()
  watch.on('close', () => (lost = true))
  watch.on('ready', () => {
    if (!lost) return
    lost = false
    logger.info('Redis is back: queuing again what it may have lost')
    recover()
  })
  const workers = [...byQueue.entries()].map(([name, classes]) => {
    const worker = new Worker(
      name,
      async (bullJob) => {
        const Kind = classes.get(bullJob.name)
        if (!Kind) throw new Error(`No job ${bullJob.name} on queue ${name}`)
        const job = new Kind()
        job.job = bullJob
        try {
          await job.handle(bullJob.data)
        } catch (error) {
          const last =
            error instanceof UnrecoverableError ||
            bullJob.attemptsMade + 1 >= (bullJob.opts.attempts ?? 1)
          if (last) await job.failed?.(bullJob.data, error)
          throw error
        }
      },
      { connection: queueConnection(), prefix: QUEUE_PREFIX, concurrency }
    )
    worker.on('error', (error) => logger.warn({ err: error, queue: name }, 'worker error'))
    worker.on('failed', (job, error) =>
      logger.warn(
        { queue: name, job: job?.name, id: job?.id, attempt: job?.attemptsMade, err: error },
        'job failed'
      )
    )
    return worker
  })
  return {
    workers,
    /** Drains: running jobs finish, then the worker closes. */
    async stop() {
      await Promise.all(workers.map((w) => w.close()))
    },
  }
}

/** Waits for `work`, at most `ms` (a timer that does not keep the process alive). */
const atMost = (work: Promise<unknown>, ms: number) =>
  Promise.race([work.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())])

/**
 * Closes every queue and its connection. Bounded: a queue whose Redis went away before it was
 * ever ready waits forever for it in `close()` (a test run once hung at exit that way), so each
 * close gets 5 s and the connections are then dropped.
 */
export async function closeQueues() {
  await Promise.all([...queues.values()].map((q) => atMost(q.close(), 5000)))
  queues.clear()
  await Promise.all(
    connections.splice(0).map(async (c) => {
      await atMost(c.quit(), 2000)
      c.disconnect()
    })
  )
}
