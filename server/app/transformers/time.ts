/** A time as models hold it (Luxon), as `pg` returns it (Date) or as a JSON column carries it. */
export type ApiTime = { toUTC(): { toISO(): string | null } } | Date | string | null | undefined

/** An ISO-8601 UTC string with milliseconds (or null): how every API shape writes times. */
export const iso = (value: ApiTime) => {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return new Date(value).toISOString()
  return value.toUTC().toISO()
}
