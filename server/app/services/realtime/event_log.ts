import env from '#start/env'
import redis from '@adonisjs/redis/services/main'

/**
 * Every event, kept per channel in a Redis stream so a client that missed some can ask for them.
 * Redis stream ids (`<ms>-<seq>`) are monotonic per key, which is exactly "monotonic per channel";
 * XADD trims by age in the same command, so retention costs nothing extra.
 * See docs/architecture.md (Real time) for why Redis streams rather than PostgreSQL.
 */
export interface ParleyEvent {
  type: string
  id: string
  data: unknown
}

const key = (channel: string) => `parley:ev:${channel}`
const retentionMs = () => env.get('REALTIME_RETENTION_HOURS') * 3_600_000

/** Appends an event and returns it with its id. */
export async function appendEvent(
  channel: string,
  type: string,
  data: unknown
): Promise<ParleyEvent> {
  const minId = `${Date.now() - retentionMs()}-0`
  const id = await redis.xadd(
    key(channel),
    'MINID',
    '~',
    minId,
    '*',
    'type',
    type,
    'data',
    JSON.stringify(data)
  )
  // Streams of quiet channels would outlive their events without an expiry of their own.
  await redis.pexpire(key(channel), retentionMs())
  return { type, id: id!, data }
}

/**
 * Appends an event unless the one recorded as `once` was appended already (the outbox relays an
 * event again after a crash between Redis and its delete): then the first append's id comes back,
 * so the event keeps one id, and `fresh` is false. One script, so the check and the append are
 * atomic.
 */
const APPEND_ONCE = `
local done = redis.call('get', KEYS[2])
if done then return {done, 0} end
local id = redis.call('xadd', KEYS[1], 'MINID', '~', ARGV[1], '*', 'type', ARGV[2], 'data', ARGV[3])
redis.call('pexpire', KEYS[1], ARGV[4])
redis.call('set', KEYS[2], id, 'PX', ARGV[4])
return {id, 1}`

export async function appendEventOnce(
  once: string,
  channel: string,
  type: string,
  data: unknown
): Promise<ParleyEvent & { fresh: boolean }> {
  const [id, fresh] = (await redis.eval(
    APPEND_ONCE,
    2,
    key(channel),
    `parley:ev-once:${once}:${channel}`,
    `${Date.now() - retentionMs()}-0`,
    type,
    JSON.stringify(data),
    retentionMs()
  )) as [string, number]
  return { type, id, data, fresh: fresh === 1 }
}

/** Orders two event ids (`<ms>-<seq>`). */
export function compareEventIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt)
  const [bm, bs] = b.split('-').map(BigInt)
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1
}

export const EVENT_ID = /^\d{1,16}-\d{1,10}$/

/**
 * Events after `after` (exclusive), oldest first. `gap` is true when some of the events after
 * `after` are no longer kept (older than the retention): the client must reload instead.
 */
export async function eventsAfter(channel: string, after: string | undefined, limit: number) {
  const start = after ? `(${after}` : '-'
  const rows = (await redis.xrange(key(channel), start, '+', 'COUNT', limit + 1)) as [
    string,
    string[],
  ][]
  const events: ParleyEvent[] = rows.slice(0, limit).map(([id, fields]) => {
    const map = new Map<string, string>()
    for (let i = 0; i < fields.length; i += 2) map.set(fields[i], fields[i + 1])
    return { id, type: map.get('type')!, data: JSON.parse(map.get('data') ?? 'null') }
  })
  let gap = false
  if (after) {
    let oldestKept = events[0]?.id
    if (!oldestKept) {
      const [oldest] = (await redis.xrange(key(channel), '-', '+', 'COUNT', 1)) as [
        string,
        string[],
      ][]
      oldestKept = oldest?.[0]
    }
    const first = after.split('-')[0]
    // A cursor older than the retention window may have lost events that were trimmed.
    gap =
      Number(first) < Date.now() - retentionMs() &&
      (oldestKept === undefined || compareEventIds(oldestKept, after) > 0)
  }
  return { events, more: rows.length > limit, gap }
}
