/**
 * How fast a number may send. Unofficial clients get numbers banned for behaving like bulk
 * senders: bursts, round-number intervals, hundreds of messages from a number that was silent
 * yesterday. So every number waits a minimum interval plus random jitter between messages, has
 * a daily cap, and a new number climbs to that cap over a warm-up of days (docs/whatsapp.md).
 * All of it is configurable per number; these are the defaults.
 */
export interface Pacing {
  /** Seconds between two messages at least … */
  minIntervalSeconds: number
  /** … plus a random 0..jitterSeconds. */
  jitterSeconds: number
  /** Messages per day once warmed up (days are UTC). */
  dailyCap: number
  /** Days to reach the cap, starting from `warmupStartPerDay` and growing geometrically. */
  warmupDays: number
  warmupStartPerDay: number
}

export const DEFAULT_PACING: Pacing = {
  minIntervalSeconds: 6,
  jitterSeconds: 6,
  dailyCap: 300,
  warmupDays: 14,
  warmupStartPerDay: 20,
}

/** What has been sent: kept per number (in Redis) by the sender. */
export interface SendHistory {
  /** ms since epoch of the last send, 0 if none */
  lastSentAt: number
  /** UTC day (YYYY-MM-DD) `sentToday` counts */
  day: string
  sentToday: number
}

const DAY_MS = 86_400_000
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Today's cap for a number whose warm-up started at `warmupStartedAt` (ms), or null if never. */
export function capFor(pacing: Pacing, warmupStartedAt: number | null, now: number) {
  if (warmupStartedAt === null || pacing.warmupDays <= 1) return pacing.dailyCap
  // Warm-up days are UTC days, like the daily count: 0 on the day the number first opened.
  const day = Math.floor(now / DAY_MS) - Math.floor(warmupStartedAt / DAY_MS)
  if (day >= pacing.warmupDays - 1) return pacing.dailyCap
  const start = Math.min(pacing.warmupStartPerDay, pacing.dailyCap)
  const growth = (pacing.dailyCap / start) ** (1 / (pacing.warmupDays - 1))
  return Math.max(1, Math.floor(start * growth ** Math.max(0, day)))
}

/**
 * When the next message may go: now, after the interval (with jitter, `random` in [0,1)), or
 * at the next UTC midnight when today's cap is reached.
 */
export function nextSendAt(
  pacing: Pacing,
  history: SendHistory,
  warmupStartedAt: number | null,
  now: number,
  random: number
) {
  const sentToday = history.day === utcDay(now) ? history.sentToday : 0
  if (sentToday >= capFor(pacing, warmupStartedAt, now)) {
    const midnight = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS
    return midnight + Math.floor(random * pacing.jitterSeconds * 1000)
  }
  if (!history.lastSentAt) return now
  const gap = (pacing.minIntervalSeconds + random * pacing.jitterSeconds) * 1000
  return Math.max(now, history.lastSentAt + Math.floor(gap))
}

/** The history after a send at `now`. */
export function recordSend(history: SendHistory, now: number): SendHistory {
  const day = utcDay(now)
  return { lastSentAt: now, day, sentToday: (history.day === day ? history.sentToday : 0) + 1 }
}

/** A number's pacing: its overrides on the defaults (validated where they are set). */
export const pacingOf = (overrides: Partial<Pacing> | null | undefined): Pacing => ({
  ...DEFAULT_PACING,
  ...overrides,
})
