import vine from '@vinejs/vine'

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

export const pageLimit = () => vine.number().withoutDecimals().range([1, 200]).optional()

export const cursor = () => vine.string().trim().maxLength(200).optional()

/**
 * Years 1 to 9999, as ISO-8601 writes them: vine.date takes expanded years (-100000-01-01),
 * which PostgreSQL's timestamptz refuses before 4713 BC (a 500 once in a query).
 */
const isoYear = vine.createRule((value, _options, field) => {
  if (!(value instanceof Date)) return
  const year = value.getUTCFullYear()
  if (year < 1 || year > 9999)
    field.report('The {{ field }} field must be a date from year 1 to 9999', 'isoYear', field)
})

/** A query's point in time (`?from=`, `?to=`), read as UTC. */
export const instant = () => vine.date({ formats: { utc: true } }).use(isoYear())

/** A Parley id (UUID). Anything else cannot exist, so it answers 404 rather than 422. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
