import vine from '@vinejs/vine'
import { DateTime } from 'luxon'

/** Small rule factories reused across validators. */

/** An id the reseller chose for its own objects (workspace, user). */
export const externalId = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(128)
    .regex(/^[A-Za-z0-9._:@|-]+$/)

export const displayName = () => vine.string().trim().minLength(1).maxLength(200)

/**
 * For a field a PATCH may leave out but not empty. The body parser trims JSON strings and turns
 * '' into null, and optional() takes null as "left out": a blank name answered 200, unchanged.
 */
export const notBlank = vine.createRule(
  (value, _options, field) => {
    if (value === null) field.report('The {{ field }} field cannot be blank', 'notBlank', field)
  },
  { implicit: true }
)

export const pageLimit = () => vine.number().withoutDecimals().range([1, 200]).optional()

export const cursor = () => vine.string().trim().maxLength(200).optional()

/**
 * A point in time as the contract writes it (ISO-8601): a calendar day, then optionally a time
 * (`T` or a space), then an offset; without one it is UTC. Six-digit years are read so that the
 * year check can name them.
 */
const ISO_INSTANT =
  /^(?:[+-]\d{6}|\d{4})-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * The instant a text names, or why it names none. Luxon, not vine.date: dayjs rolls 2026-02-30
 * over to March 2 and reads years 0000-0099 as 1900-1999 (a 200 for a range nobody asked for);
 * PostgreSQL's timestamptz refuses years before 4713 BC, hence years 1 to 9999 only.
 */
function readInstant(text: string): DateTime | 'shape' | 'day' | 'year' {
  if (!ISO_INSTANT.test(text)) return 'shape'
  const written = Number(text.slice(0, text.indexOf('-', 1)))
  if (written < 1 || written > 9999) return 'year'
  const at = DateTime.fromISO(text.replace(' ', 'T'), { zone: 'utc' })
  return at.isValid ? at : 'day'
}

const MESSAGES = {
  shape:
    'The {{ field }} field must be an ISO-8601 date or time, e.g. 2026-11-01 or 2026-11-01T09:00:00Z',
  day: 'The {{ field }} field must be a day and time that exist (not, say, 2026-02-30 or 25:00)',
  year: 'The {{ field }} field must be a date from year 1 to 9999',
} as const

const isoInstant = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const at = readInstant(value)
  if (typeof at === 'string') field.report(MESSAGES[at], `instant.${at}`, field)
})

/** The Date of a text isoInstant let through; vine also calls it with the null of a nullable field. */
const toDate = (value: string): Date => {
  const at = readInstant(value)
  return at instanceof DateTime ? at.toJSDate() : (value as unknown as Date)
}

/** A point in time the client wrote (`?from=`, `?to=`, `snoozedUntil`), as a Date (UTC if no offset). */
export const instant = () => vine.string().use(isoInstant()).transform(toDate)

/** A Parley id (UUID). Anything else cannot exist, so it answers 404 rather than 422. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
