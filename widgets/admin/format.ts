import { localeFor } from '../kit/localize.js'

/** Numbers and dates in the admin's language (dates in the reader's time zone). */
export const formats = () => {
  const locale = localeFor()
  const number = new Intl.NumberFormat(locale)
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  return {
    number: (n: number) => number.format(n),
    percent: (n: number) => percent.format(n),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''),
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
  }
}
export type Formats = ReturnType<typeof formats>
