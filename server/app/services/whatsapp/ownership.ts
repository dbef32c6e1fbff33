import type { Redis } from 'ioredis'

/**
 * One owner per number across every process: a Redis key holding the owner's id with a time to
 * live, renewed while the owner lives. Renewal and release only touch the key if it still holds
 * our id, so a process that paused past the TTL cannot take the number back from its successor.
 */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export const ownerKey = (numberId: string) => `parley:wa:owner:${numberId}`

export class NumberLock {
  constructor(
    private redis: Redis,
    readonly numberId: string,
    readonly owner: string,
    readonly ttlMs: number
  ) {}

  async acquire() {
    return (
      (await this.redis.set(ownerKey(this.numberId), this.owner, 'PX', this.ttlMs, 'NX')) === 'OK'
    )
  }

  /** False when the lock was lost (expired and taken): the caller must stop the number. */
  async renew() {
    return (await this.redis.eval(RENEW, 1, ownerKey(this.numberId), this.owner, this.ttlMs)) === 1
  }

  async release() {
    await this.redis.eval(RELEASE, 1, ownerKey(this.numberId), this.owner)
  }
}

/** Who runs a number right now, if anyone. */
export const currentOwner = (redis: Redis, numberId: string) => redis.get(ownerKey(numberId))
