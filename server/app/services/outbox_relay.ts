import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { isRedisUnavailable } from '#services/redis_errors'
import { OUTBOX_CHANNEL, outboxHooks } from '#services/outbox'
import type { DomainEventName } from '#events/domain_events'

/**
 * Moves recorded domain events from PostgreSQL to their listeners (realtime, webhooks, queues),
 * oldest first, and deletes each once every listener has succeeded. Every process that serves
 * requests or runs workers runs one; a transaction-scoped advisory lock lets one drain at a time
 * (so events leave in the order they were recorded), and NOTIFY wakes them all at each commit.
 *
 * When a listener fails because Redis is away, the event stays and the relay retries with backoff
 * until Redis answers: side effects are late, never lost. Listeners are idempotent by the event's
 * id, so an event relayed twice (a crash between Redis and the delete) has each effect once.
 */
const BATCH = 200
const MAX_ATTEMPTS = 25
const POLL_MS = 1000
const LOCK = `hashtext('parley.outbox')`

export const relayStats = { relayed: 0, failures: 0, lastError: null as string | null }

class OutboxRelay {
  #client?: pg.Client
  #running = false
  #again = false
  #retry?: NodeJS.Timeout
  #poll?: NodeJS.Timeout
  #backoff = 0
  #stopped = true
  #idle: (() => void)[] = []

  async start() {
    if (!this.#stopped) return
    this.#stopped = false
    outboxHooks.committed = () => this.nudge()
    await this.#listen()
    this.#poll = setInterval(() => this.nudge(), POLL_MS).unref()
    this.nudge()
  }

  async stop() {
    this.#stopped = true
    outboxHooks.committed = () => {}
    clearInterval(this.#poll)
    clearTimeout(this.#retry)
    // A drain under way finishes (its transaction commits or rolls back); one stuck on a dead
    // database does not hold shutdown up: what it had not deleted is relayed again later.
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, 5000).unref())])
    await this.#client?.end().catch(() => {})
    this.#client = undefined
  }

  /** Resolves once no drain is running (tests, shutdown). */
  idle() {
    return this.#running ? new Promise<void>((r) => this.#idle.push(r)) : Promise.resolve()
  }

  /** Drains now, or right after the drain under way. */
  nudge() {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    void this.#drain()
  }

  /** A connection of its own that hears every commit's NOTIFY; reopened when it drops. */
  async #listen() {
    const client = new pg.Client({ connectionString: env.get('DATABASE_URL') })
    client.on('notification', () => this.nudge())
    client.on('error', (error) => {
      logger.warn({ err: error }, 'outbox listener lost its connection; reconnecting')
      if (this.#client === client) this.#client = undefined
      if (!this.#stopped) setTimeout(() => this.#listen().catch(() => {}), 1000).unref()
    })
    try {
      await client.connect()
      await client.query(`listen ${OUTBOX_CHANNEL}`)
      // Listening alone never keeps a process alive (a test run whose setup failed must exit).
      ;(
        client as unknown as { connection: { stream: { unref(): void } } }
      ).connection.stream.unref()
      this.#client = client
    } catch (error) {
      logger.warn({ err: error }, 'outbox listener could not connect; polling meanwhile')
      await client.end().catch(() => {})
      if (!this.#stopped) setTimeout(() => this.#listen().catch(() => {}), 1000).unref()
    }
  }

  async #drain() {
    this.#running = true
    clearTimeout(this.#retry)
    try {
      let more = true
      while (!this.#stopped && (more || this.#again)) {
        this.#again = false
        const outcome = await this.#batch()
        if (outcome === 'busy') {
          // Another process is draining; it will take our events too. Look again shortly.
          this.#later(50)
          break
        }
        if (outcome === 'failed') {
          this.#backoff = Math.min(Math.max(this.#backoff * 2, 200), 5000)
          this.#later(this.#backoff)
          break
        }
        this.#backoff = 0
        more = outcome === 'more'
      }
    } catch (error) {
      // The database itself failed (restart, failover), or is not migrated yet: try again soon.
      if ((error as { code?: string }).code === '42P01') logger.debug('outbox not migrated yet')
      else logger.warn({ err: error }, 'outbox relay could not read the outbox')
      this.#later(1000)
    } finally {
      this.#running = false
      for (const resolve of this.#idle.splice(0)) resolve()
    }
  }

  #later(ms: number) {
    clearTimeout(this.#retry)
    if (!this.#stopped) this.#retry = setTimeout(() => this.nudge(), ms).unref()
  }

  async #batch(): Promise<'busy' | 'more' | 'done' | 'failed'> {
    return db.connection('relay').transaction(async (trx) => {
      const { rows: locked } = await trx.rawQuery(`select pg_try_advisory_xact_lock(${LOCK}) as ok`)
      if (!locked[0].ok) return 'busy'
      const { rows } = await trx.rawQuery(
        `select id, name, payload, attempts, done from outbox where dead_at is null order by id limit ?`,
        [BATCH]
      )
      const done: string[] = []
      let failed = false
      for (const row of rows) {
        const succeeded: string[] = [...row.done]
        try {
          await runListeners(row.name, row.payload, succeeded)
          done.push(row.id)
        } catch (error) {
          failed = true
          relayStats.failures++
          relayStats.lastError = String((error as Error)?.message ?? error).slice(0, 500)
          const unavailable = isRedisUnavailable(error)
          const dead = !unavailable && row.attempts + 1 >= MAX_ATTEMPTS
          if (unavailable) logger.warn('outbox relay: Redis is not answering; will retry')
          else logger.error({ err: error, event: row.name, id: row.id }, 'outbox listener failed')
          // What succeeded is kept: after Redis lost its data, a retry must not repeat it.
          await trx.rawQuery(
            `update outbox set attempts = attempts + 1, last_error = ?, done = ?::text[],
                    dead_at = case when ? then now() else null end
              where id = ?`,
            [relayStats.lastError, succeeded, dead, row.id] as never[]
          )
          break
        }
      }
      if (done.length) {
        await trx.rawQuery(`delete from outbox where id = any(?::bigint[])`, [done])
        relayStats.relayed += done.length
      }
      if (failed) return 'failed'
      return rows.length === BATCH ? 'more' : 'done'
    })
  }
}

/**
 * Calls the event's listeners (those of start/events.ts) side by side, skipping those in
 * `succeeded` and adding each that succeeds, so that a retry repeats only what failed. Listeners
 * are named by position and method, stable for one version of the code.
 */
async function runListeners(name: DomainEventName, payload: unknown, succeeded: string[]) {
  const listeners = emitter.eventsListeners.get(name)
  if (!listeners) return
  const pending = [...listeners]
    .map(([listener, call], position) => ({
      id: `${position}:${Array.isArray(listener) ? (listener[1] ?? 'handle') : 'fn'}`,
      call,
    }))
    .filter(({ id }) => !succeeded.includes(id))
  const outcomes = await Promise.allSettled(pending.map(({ call }) => call(payload as never)))
  outcomes.forEach((outcome, i) => outcome.status === 'fulfilled' && succeeded.push(pending[i].id))
  const failure = outcomes.find((outcome) => outcome.status === 'rejected')
  if (failure) throw (failure as PromiseRejectedResult).reason
}

export const outboxRelay = new OutboxRelay()
