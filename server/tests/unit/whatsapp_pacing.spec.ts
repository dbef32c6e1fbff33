import { test } from '@japa/runner'
import {
  DEFAULT_PACING,
  capFor,
  nextSendAt,
  recordSend,
  type SendHistory,
} from '#services/whatsapp/pacing'

const DAY = 86_400_000
const start = Date.UTC(2026, 10, 2, 0, 0, 0)

/**
 * Sends as fast as pacing allows over virtual time, from `from` for `days`, and counts how many
 * went out each UTC day and the smallest gap between two sends.
 */
function simulate(days: number, warmupStartedAt: number | null, random = () => 0.5) {
  let now = start
  let history: SendHistory = { lastSentAt: 0, day: '', sentToday: 0 }
  const perDay = new Map<string, number>()
  let smallestGap = Infinity
  while (now < start + days * DAY) {
    const at = nextSendAt(DEFAULT_PACING, history, warmupStartedAt, now, random())
    if (history.lastSentAt) smallestGap = Math.min(smallestGap, at - history.lastSentAt)
    now = at
    if (now >= start + days * DAY) break
    history = recordSend(history, now)
    const day = new Date(now).toISOString().slice(0, 10)
    perDay.set(day, (perDay.get(day) ?? 0) + 1)
  }
  return { perDay: [...perDay.values()], smallestGap }
}

test.group('WhatsApp pacing', () => {
  test('a new number climbs from 20 a day to the cap over 14 days, never faster', ({ assert }) => {
    const { perDay } = simulate(16, start)
    assert.equal(perDay[0], 20)
    for (let i = 1; i < perDay.length; i++) assert.isAtLeast(perDay[i], perDay[i - 1])
    assert.isBelow(perDay[6], DEFAULT_PACING.dailyCap)
    assert.equal(perDay[13], DEFAULT_PACING.dailyCap)
    assert.equal(perDay[15], DEFAULT_PACING.dailyCap)
    assert.equal(capFor(DEFAULT_PACING, start, start + 13 * DAY), DEFAULT_PACING.dailyCap)
  })

  test('messages are spaced by the minimum interval plus jitter, never in a burst', ({
    assert,
  }) => {
    const { smallestGap } = simulate(1, null, () => 0)
    assert.equal(smallestGap, DEFAULT_PACING.minIntervalSeconds * 1000)
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const jittered = simulate(1, null, random)
    assert.isAtLeast(jittered.smallestGap, DEFAULT_PACING.minIntervalSeconds * 1000)
  })

  test('a warmed-up number stops at the daily cap and resumes after UTC midnight', ({ assert }) => {
    const { perDay } = simulate(3, null)
    assert.deepEqual(perDay, [
      DEFAULT_PACING.dailyCap,
      DEFAULT_PACING.dailyCap,
      DEFAULT_PACING.dailyCap,
    ])
    const full: SendHistory = {
      lastSentAt: start,
      day: '2026-11-02',
      sentToday: DEFAULT_PACING.dailyCap,
    }
    const next = nextSendAt(DEFAULT_PACING, full, null, start + 1000, 0)
    assert.equal(next, Date.UTC(2026, 10, 3))
  })
})
