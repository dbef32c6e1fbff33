import redis from '@adonisjs/redis/services/main'

/**
 * A campaign's `limits.perMinute`, across every worker and number: a slot clock in Redis. Each
 * message takes the next slot, 60 s / perMinute after the previous one; a caller may take up to
 * `want` slots at once (a second's worth for web batches). Atomic in Redis, so two numbers'
 * dispatchers never take the same slot.
 */
const TAKE = `
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
if nextFree > now then return {0, nextFree} end
local after = now + want * interval
redis.call('SET', KEYS[1], after, 'PX', 120000)
return {want, after}
`

const key = (campaignId: string) => `parley:campaign:rate:${campaignId}`

/** How many messages may go now (0: none, wait until `at`), under `perMinute`. */
export async function takeSlots(
  campaignId: string,
  perMinute: number,
  want: number,
  now = Date.now()
) {
  const interval = 60_000 / perMinute
  const [granted, at] = (await redis.eval(
    TAKE,
    1,
    key(campaignId),
    now,
    interval,
    Math.max(1, want)
  )) as [number, number]
  return { granted: Number(granted), at: Number(at) }
}

/** Gives back slots taken but not used (nothing was due after all). */
export async function returnSlots(campaignId: string, perMinute: number, unused: number) {
  if (unused <= 0) return
  await redis.decrby(key(campaignId), Math.floor((unused * 60_000) / perMinute))
}
