import type { PlainTime } from './calendar.js'

export const SEGMENTS = ['hour', 'minute', 'period'] as const
export type Segment = (typeof SEGMENTS)[number]

/** A segment's range and steps, on the clock the locale uses. */
export interface SegmentRange {
  min: number
  max: number
  step: number
  page: number
}

export function segmentRange(
  segment: Segment,
  twelveHours: boolean,
  minuteStep: number
): SegmentRange {
  if (segment === 'hour')
    return twelveHours
      ? { min: 1, max: 12, step: 1, page: 3 }
      : { min: 0, max: 23, step: 1, page: 6 }
  if (segment === 'minute')
    return { min: 0, max: 59, step: minuteStep, page: Math.max(10, minuteStep) }
  return { min: 0, max: 1, step: 1, page: 1 }
}

/** What a segment shows (and says): the hour on the locale's clock, minutes, 0/1 for AM/PM. */
export function segmentValue(segment: Segment, time: PlainTime, twelveHours: boolean): number {
  if (segment === 'minute') return time.minute
  if (segment === 'period') return time.hour >= 12 ? 1 : 0
  return twelveHours ? time.hour % 12 || 12 : time.hour
}

/** The time with one segment set to `value` (on the locale's clock). */
export function withSegment(
  segment: Segment,
  time: PlainTime,
  value: number,
  twelveHours: boolean
): PlainTime {
  if (segment === 'minute') return { ...time, minute: value }
  if (segment === 'period') return { ...time, hour: (time.hour % 12) + (value ? 12 : 0) }
  if (!twelveHours) return { ...time, hour: value }
  return { ...time, hour: (value % 12) + (time.hour >= 12 ? 12 : 0) }
}

/**
 * The value after a spin key (WAI-ARIA spinbutton): arrows by a step, Page Up and Down by a
 * bigger one, both round the ends; Home and End to the ends. Undefined for other keys.
 */
export function spin(value: number, key: string, range: SegmentRange): number | undefined {
  const span = range.max - range.min + 1
  const wrap = (n: number) => ((((n - range.min) % span) + span) % span) + range.min
  // Steps land on multiples of the step (a 15-minute step from :07 goes to :15).
  const snap = (n: number, up: boolean) =>
    up ? Math.floor(n / range.step) * range.step : Math.ceil(n / range.step) * range.step
  switch (key) {
    case 'ArrowUp':
      return wrap(snap(value, true) + range.step)
    case 'ArrowDown':
      return wrap(snap(value, false) - range.step)
    case 'PageUp':
      return wrap(value + range.page)
    case 'PageDown':
      return wrap(value - range.page)
    case 'Home':
      return range.min
    case 'End':
      return range.max
    default:
      return undefined
  }
}

/**
 * Digits typed into a segment: "0", "9" → 9 and on to the next segment; "1" waits for a second
 * digit when one could follow ("1" then "2" → 12), as native time fields do.
 */
export class DigitEntry {
  #typed = ''

  /** The value so far (undefined while it is below the range, "0" of a 1–12 hour) and whether the segment is full. */
  type(digit: string, range: SegmentRange): { value?: number; done: boolean } {
    let typed = this.#typed + digit
    if (Number(typed) > range.max) typed = digit
    this.#typed = typed
    const value = Number(typed)
    const done = typed.length >= 2 || value * 10 > range.max
    if (done) this.#typed = ''
    return { value: value >= range.min ? value : undefined, done }
  }

  reset() {
    this.#typed = ''
  }
}
