import { DateTime, IANAZone } from 'luxon'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { getCountry } from 'countries-and-timezones'

/**
 * Quiet hours in the recipient's local time. Where the recipient is: the contact's
 * `attributes.timezone` when it names a real zone, else the time zone a web visitor's browser
 * reported (`visitor.timeZone`), else the zones of its phone's country (all of
 * them: a US number may be in Honolulu or New York, so a message goes only when it is allowed in
 * every one), else the campaign's schedule zone, else UTC. Times are luxon's, so a quiet-hours end
 * on a day the clocks change is that day's wall-clock time (a time the spring gap skips moves
 * forward past it).
 */

export interface QuietHours {
  /** "HH:MM", local: no sending from here … */
  start: string
  /** … until here (may be the next day). */
  end: string
}

interface Reachable {
  phone?: string | null
  attributes?: Record<string, unknown> | null
  visitor?: { timeZone?: string | null } | null
}

/** The time zones a contact may be in (at least one). */
export function zonesOf(contact: Reachable, fallback?: string | null): string[] {
  const own = contact.attributes?.timezone
  if (typeof own === 'string' && IANAZone.isValidZone(own)) return [own]
  const browser = contact.visitor?.timeZone
  if (browser && IANAZone.isValidZone(browser)) return [browser]
  const country = contact.phone ? parsePhoneNumberFromString(contact.phone)?.country : undefined
  const zones = country ? (getCountry(country)?.timezones ?? []) : []
  const valid = zones.filter((zone) => IANAZone.isValidZone(zone))
  if (valid.length) return valid
  return [fallback && IANAZone.isValidZone(fallback) ? fallback : 'UTC']
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** Whether `at` falls in the quiet hours of `zone`. */
export function isQuiet(at: DateTime, zone: string, quiet: QuietHours) {
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  if (start === end) return false
  const local = at.setZone(zone)
  const now = local.hour * 60 + local.minute
  return start < end ? now >= start && now < end : now >= start || now < end
}

/** The first instant at or after `at` that is outside the quiet hours of `zone`. */
function quietEnd(at: DateTime, zone: string, quiet: QuietHours) {
  if (!isQuiet(at, zone, quiet)) return at
  const local = at.setZone(zone)
  const end = minutesOf(quiet.end)
  const wall = (day: DateTime) =>
    DateTime.fromObject(
      {
        year: day.year,
        month: day.month,
        day: day.day,
        hour: Math.floor(end / 60),
        minute: end % 60,
      },
      { zone }
    )
  // The end is today's if it is still ahead, else tomorrow's (overnight windows).
  let candidate = wall(local)
  if (candidate <= local) candidate = wall(local.plus({ days: 1 }))
  return candidate.toUTC()
}

/**
 * When a message to someone in `zones` may go: `at` itself outside quiet hours, else the earliest
 * instant allowed in every zone (tried at each zone's quiet-hours end within two days); when the
 * zones share no allowed moment (a country spanning half the globe), the first zone decides.
 */
export function nextAllowed(at: DateTime, zones: string[], quiet?: QuietHours | null): DateTime {
  if (!quiet || minutesOf(quiet.start) === minutesOf(quiet.end)) return at
  const allowedEverywhere = (t: DateTime) => zones.every((zone) => !isQuiet(t, zone, quiet))
  if (allowedEverywhere(at)) return at
  const candidates: DateTime[] = []
  let from = at
  for (let round = 0; round < 3; round++) {
    for (const zone of zones) candidates.push(quietEnd(from, zone, quiet))
    from = from.plus({ days: 1 })
  }
  const found = candidates
    .filter((t) => t >= at)
    .sort((a, b) => a.toMillis() - b.toMillis())
    .find(allowedEverywhere)
  return found ?? quietEnd(at, zones[0], quiet)
}
