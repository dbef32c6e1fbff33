import type { Redis } from 'ioredis'

/**
 * A fixed-window rate limit whose budget lives in Redis (shared by every server process) but is
 * spent locally: a process leases a batch of requests from the key's Redis counter in one
 * round trip and answers from the batch until it runs out, instead of asking Redis on every
 * request. A key's first lease in a window is one request and each next one doubles, up to a
 * twentieth of the limit, so a key seen a few times costs what it did (one round trip each,
 * exact), while a key asking thousands of times costs a round trip every few thousand.
 *
 * What that guarantees, for P processes and limit L per window:
 * - never more than L requests of a key are admitted in a window (a lease is granted only out of
 *   what the shared counter has left);
 * - the first refusal comes no earlier than after L − (P − 1) × (⌊L/20⌋ − 1) admitted requests:
 *   the batch another process leased and has not spent yet (at most 5% of L each) is not lent
 *   across. One process is exact.
 * - once the shared counter is spent, a process refuses that key without asking Redis again
 *   until the window ends, so a client hammering past its limit costs no round trips either.
 * A process that stops (or a window that ends) with part of a batch unspent only loses it: the
 * error is always towards refusing early, never towards admitting more.
 */

export interface RateLimitOutcome {
  allowed: boolean
  limit: number
  /** Requests left in this window for this key (exact with one process, see above). */
  remaining: number
  /** Seconds until the window ends. */
  availableIn: number
}

interface KeyState {
  /** Leased from Redis and not spent yet. */
  tokens: number
  /** The shared counter after this process's last lease (leases of all processes). */
  counted: number
  /** Local clock time the window ends (from the Redis key's TTL). */
  windowEnd: number
  /** The shared budget is spent: refuse until windowEnd. */
  exhausted: boolean
  /** The size of the next lease. */
  nextLease: number
  /** The lease in flight, which concurrent requests for the key wait for. */
  pending?: Promise<void>
}

/**
 * INCRBY the window's counter by the lease asked for; the first increment starts the window.
 * Returns the counter after the increment and the window's remaining milliseconds.
 */
const LEASE_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {n, ttl}
`

/** Local entries kept before expired ones are swept (and all dropped if none has expired). */
const MAX_KEYS = 50_000

type LeasingRedis = Redis & {
  parleyLease(key: string, amount: number, windowMs: number): Promise<[number, number]>
}

export class LeasedRateLimiter {
  readonly #redis: LeasingRedis
  readonly #prefix: string
  readonly #limit: number
  readonly #windowMs: number
  readonly #maxLease: number
  readonly #keys = new Map<string, KeyState>()

  constructor(
    redis: Redis,
    options: { prefix: string; limit: number; windowMs: number; maxLeaseShare?: number }
  ) {
    if (!('parleyLease' in redis)) {
      redis.defineCommand('parleyLease', { numberOfKeys: 1, lua: LEASE_SCRIPT })
    }
    this.#redis = redis as LeasingRedis
    this.#prefix = options.prefix
    this.#limit = options.limit
    this.#windowMs = options.windowMs
    this.#maxLease = Math.max(1, Math.floor(options.limit * (options.maxLeaseShare ?? 1 / 20)))
  }

  /** Takes one request of `key`'s budget, or says it is spent. Rejects if Redis cannot answer. */
  async take(key: string): Promise<RateLimitOutcome> {
    for (;;) {
      const now = Date.now()
      let state = this.#keys.get(key)
      if (state && state.windowEnd <= now && !state.pending) {
        this.#keys.delete(key)
        state = undefined
      }
      if (state?.pending) {
        await state.pending
        continue
      }
      if (state && state.tokens > 0) {
        state.tokens--
        return this.#outcome(true, state, now)
      }
      if (state?.exhausted) return this.#outcome(false, state, now)
      if (!state) {
        if (this.#keys.size >= MAX_KEYS) this.#sweep(now)
        state = { tokens: 0, counted: 0, windowEnd: 0, exhausted: false, nextLease: 1 }
        this.#keys.set(key, state)
      }
      const entry = state
      entry.pending = this.#lease(key, entry).finally(() => {
        entry.pending = undefined
      })
      try {
        await entry.pending
      } catch (error) {
        // Nothing was leased: the next request asks again.
        if (this.#keys.get(key) === entry && entry.tokens === 0) this.#keys.delete(key)
        throw error
      }
    }
  }

  async #lease(key: string, state: KeyState) {
    const asked = state.nextLease
    const [counted, ttl] = await this.#redis.parleyLease(
      `${this.#prefix}:${key}`,
      asked,
      this.#windowMs
    )
    const before = counted - asked
    const granted = Math.max(0, Math.min(asked, this.#limit - before))
    state.tokens += granted
    state.counted = counted
    state.windowEnd = Date.now() + Number(ttl)
    state.exhausted = granted < asked
    state.nextLease = Math.min(this.#maxLease, asked * 2)
  }

  #outcome(allowed: boolean, state: KeyState, now: number): RateLimitOutcome {
    return {
      allowed,
      limit: this.#limit,
      remaining: allowed ? Math.max(0, this.#limit - state.counted) + state.tokens : 0,
      availableIn: Math.max(1, Math.ceil((state.windowEnd - now) / 1000)),
    }
  }

  /** Drops keys whose window has ended; all of them if none has (their batches are lost only). */
  #sweep(now: number) {
    for (const [key, state] of this.#keys) {
      if (state.windowEnd <= now && !state.pending) this.#keys.delete(key)
    }
    if (this.#keys.size >= MAX_KEYS) {
      for (const [key, state] of this.#keys) if (!state.pending) this.#keys.delete(key)
    }
  }
}
