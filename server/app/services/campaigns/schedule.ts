import { DateTime, IANAZone } from 'luxon'
import type { CampaignSchedule } from '#models/campaign'

/**
 * A campaign's schedule is a wall-clock time in a time zone ("9:00 in Lisbon"); this turns it into
 * the instant it means, DST included. Two wall-clock times need a rule:
 * - one that does not exist (the hour skipped when clocks go forward) means the first instant that
 *   does: 01:30 on the spring-forward night in Lisbon (01:00 → 02:00) is sent at 02:00 local;
 * - one that exists twice (the hour repeated when clocks go back) means the earlier of the two,
 *   so a broadcast never goes an hour later than the first reading of the time.
 * Luxon shifts gap times by the gap's length (01:30 → 02:30) and leaves the ambiguous choice to
 * its guess, so the rule is written out here with the zone's offsets.
 */

/** `2026-12-01T09:00` or `2026-12-01T09:00:00`: a local date-time, no offset, no fraction. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/

const MINUTE = 60_000
const DAY = 86_400_000

/** The canonical name of an IANA zone (`europe/lisbon` → `Europe/Lisbon`), or null if unknown. */
export function canonicalZone(name: string): string | null {
  if (typeof name !== 'string' || name.length > 64 || !IANAZone.isValidZone(name)) return null
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** The wall-clock fields as if they were UTC (milliseconds), or null when not a real date. */
export function localMillis(sendAt: string): number | null {
  const match = LOCAL_DATE_TIME.exec(sendAt)
  if (!match) return null
  const [year, month, day, hour, minute, second = '0'] = match.slice(1).map((p) => p ?? '0')
  const local = DateTime.fromObject(
    { year: +year, month: +month, day: +day, hour: +hour, minute: +minute, second: +second },
    { zone: 'utc' }
  )
  return local.isValid ? local.toMillis() : null
}

/** The instant a local wall-clock time in `zone` means (see the rules above). */
export function resolveLocal(wallClock: number, zone: IANAZone): number {
  // The offsets a day either side cover both sides of any transition near this time.
  const offsets = [...new Set([zone.offset(wallClock - DAY), zone.offset(wallClock + DAY)])]
  const candidates = offsets.map((offset) => wallClock - offset * MINUTE)
  const valid = candidates.filter((instant, i) => zone.offset(instant) === offsets[i])
  if (valid.length) return Math.min(...valid)
  // In a gap: the instant the clocks jumped, found between the two readings (to the millisecond).
  let before = Math.min(...candidates)
  let after = Math.max(...candidates)
  const first = zone.offset(before)
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2)
    if (zone.offset(middle) === first) before = middle
    else after = middle
  }
  return after
}

/** The UTC instant of a (validated) schedule. */
export function scheduleInstant(schedule: CampaignSchedule): DateTime {
  const zone = IANAZone.create(schedule.timezone)
  const wallClock = localMillis(schedule.sendAt)
  if (wallClock === null || !zone.isValid) throw new Error('scheduleInstant: invalid schedule')
  return DateTime.fromMillis(resolveLocal(wallClock, zone), { zone: 'utc' })
}
