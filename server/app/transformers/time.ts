/** An ISO-8601 UTC string of a Luxon date (or null): how every API shape writes times. */
export const iso = (value: { toUTC(): { toISO(): string | null } } | null | undefined) =>
  value?.toUTC().toISO() ?? null
