/**
 * Plain dates for the date-time picker: a day is `YYYY-MM-DD` and a moment `YYYY-MM-DDTHH:mm`,
 * local and without a time zone (as `<input type="datetime-local">`), computed in UTC so that no
 * daylight-saving change shifts a day. Names and conventions (months, weekdays, the first day of
 * the week, 12- or 24-hour clocks) come from Intl in the element's locale.
 */

export interface PlainDate {
  year: number
  month: number // 1–12
  day: number
}

export interface PlainTime {
  hour: number // 0–23
  minute: number
}

const pad = (n: number, size = 2) => String(n).padStart(size, '0')

export function formatDate(date: PlainDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`
}

export function formatTime(time: PlainTime): string {
  return `${pad(time.hour)}:${pad(time.minute)}`
}

/** `YYYY-MM-DD` (or the date part of `YYYY-MM-DDTHH:mm`) → a date, or undefined if not one. */
export function parseDate(value: string | undefined | null): PlainDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '')
  if (!match) return undefined
  const [year, month, day] = match.slice(1).map(Number)
  const date = { year, month, day }
  return compareDates(addDays(date, 0), date) === 0 ? date : undefined
}

/** The `HH:mm` of `YYYY-MM-DDTHH:mm`, or undefined. */
export function parseTime(value: string | undefined | null): PlainTime | undefined {
  const match = /T(\d{2}):(\d{2})/.exec(value ?? '')
  if (!match) return undefined
  const [hour, minute] = match.slice(1).map(Number)
  return hour < 24 && minute < 60 ? { hour, minute } : undefined
}

const toUtc = (date: PlainDate) => new Date(Date.UTC(date.year, date.month - 1, date.day))
const fromUtc = (d: Date): PlainDate => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
})

export function addDays(date: PlainDate, days: number): PlainDate {
  const d = toUtc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return fromUtc(d)
}

/** The same day `months` later, or the month's last day when it has fewer (31 Jan + 1 → 28 Feb). */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const index = date.year * 12 + (date.month - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: PlainDate): number {
  return toUtc(date).getUTCDay()
}

export function today(): PlainDate {
  const now = new Date()
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }
}

/** The first day of the week in `locale` (0 = Sunday, 1 = Monday…). */
export function firstDayOfWeek(locale: string): number {
  const info = new Intl.Locale(locale) as Intl.Locale & {
    getWeekInfo?: () => { firstDay: number }
    weekInfo?: { firstDay: number }
  }
  const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay
  // Intl says 7 for Sunday; without weekInfo, the Americas start on Sunday, most others Monday.
  if (firstDay !== undefined) return firstDay % 7
  return /^(en|pt-BR)\b/.test(locale) && !/^en-(GB|IE|AU|NZ)/.test(locale) ? 0 : 1
}

/** Whether `locale` writes hours on a 12-hour clock. */
export function uses12Hours(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
  return cycle === 'h12' || cycle === 'h11'
}

/** The weeks of a month, each seven days (undefined outside the month), from `firstDay`. */
export function monthWeeks(
  year: number,
  month: number,
  firstDay: number
): (PlainDate | undefined)[][] {
  const first = { year, month, day: 1 }
  const lead = (weekday(first) - firstDay + 7) % 7
  const cells: (PlainDate | undefined)[] = Array.from({ length: lead }, () => undefined)
  for (let day = 1; day <= daysInMonth(year, month); day++) cells.push({ year, month, day })
  while (cells.length % 7) cells.push(undefined)
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7))
}

/** A capital first letter, as a heading wants ("marzo de 2025" → "Marzo de 2025"). */
const capital = (text: string, locale: string) =>
  text.charAt(0).toLocaleUpperCase(locale) + text.slice(1)

/** Weekday names from `firstDay`: short ones to show, long ones to say. */
export function weekdayNames(locale: string, firstDay: number) {
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(2023, 0, 1 + ((firstDay + i) % 7)))
    return { short: capital(short.format(d), locale), long: long.format(d) }
  })
}

/** "March 2025" / "Marzo de 2025". */
export function monthTitle(locale: string, year: number, month: number): string {
  const format = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return capital(format.format(toUtc({ year, month, day: 1 })), locale)
}

/** A date (and time) written out for people: "Friday, 14 March 2025", "14 Mar 2025, 09:30". */
export function describe(
  locale: string,
  date: PlainDate,
  time?: PlainTime,
  style: 'full' | 'medium' = 'medium'
): string {
  const at = new Date(
    Date.UTC(date.year, date.month - 1, date.day, time?.hour ?? 0, time?.minute ?? 0)
  )
  return new Intl.DateTimeFormat(locale, {
    dateStyle: style,
    timeStyle: time ? 'short' : undefined,
    timeZone: 'UTC',
  }).format(at)
}

/** The names of the two halves of the day ("AM", "PM") in `locale`. */
export function dayPeriods(locale: string): [string, string] {
  const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' })
  const name = (hour: number) =>
    format.formatToParts(new Date(Date.UTC(2023, 0, 1, hour))).find((p) => p.type === 'dayPeriod')
      ?.value ?? (hour < 12 ? 'AM' : 'PM')
  return [name(9), name(21)]
}
