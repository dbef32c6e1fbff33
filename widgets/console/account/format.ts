import { localeFor } from '../../kit/localize.js'

/** A moment as a date and time in the console's language. */
export function dateTime(iso: string) {
  return new Intl.DateTimeFormat(localeFor(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso)
  )
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

/** How long ago, in words ("5 minutes ago", "hace 2 horas"); a date past a week. */
export function ago(iso: string, now = Date.now()) {
  const elapsed = now - new Date(iso).getTime()
  if (elapsed > 7 * 86_400_000) return dateTime(iso)
  const format = new Intl.RelativeTimeFormat(localeFor(), { numeric: 'auto' })
  for (const [unit, ms] of UNITS)
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit)
  return format.format(0, 'minute')
}

/** Selects a shown value so it can be copied by hand where the clipboard is refused. */
export function selectContents(node: Node | null) {
  if (!node) return
  const range = document.createRange()
  range.selectNodeContents(node)
  getSelection()?.removeAllRanges()
  getSelection()?.addRange(range)
}

/** Puts text on the clipboard; false where the browser refuses. */
export async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
