/** What the recorder reads from the API (docs/recorder.md). */

export interface Recording {
  id: string
  title: string
  /**
   * `uploaded`: the audio is in and playable, not transcribed (`error` says why: no provider
   * yet, no minutes left; none when it can be transcribed now).
   */
  status: 'uploading' | 'uploaded' | 'queued' | 'transcribing' | 'ready' | 'failed'
  progress: number
  durationSeconds: number | null
  language: string | null
  error: { code: string; message: string } | null
  audioUrl: string | null
  /** The level strip (GET /v1/recordings/:id only; null until computed). */
  peaks?: number[] | null
  summary: string | null
  actionItems: string[]
  createdAt: string
}

export interface Segment {
  id: string
  start: number
  end: number
  speaker: string | null
  text: string
  edited?: boolean
}

/** Where a recording's acknowledged chunks are remembered, to finish one cut short. */
export const chunksKey = (id: string) => `parley:recording-chunks:${id}`

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(seconds: number) {
  const s = Math.max(0, Math.floor(seconds))
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60]
  return hms[0]
    ? `${hms[0]}:${String(hms[1]).padStart(2, '0')}:${String(hms[2]).padStart(2, '0')}`
    : `${hms[1]}:${String(hms[2]).padStart(2, '0')}`
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
]

/**
 * When something happened, as people say it ("now", "5 minutes ago", "yesterday"); past a week,
 * the date. The full date and time go in a tooltip (`absoluteTime`).
 */
export function relativeTime(iso: string, locale: string | undefined, now = Date.now()) {
  const seconds = (new Date(iso).getTime() - now) / 1000
  const abs = Math.abs(seconds)
  if (abs >= 7 * 86_400)
    return new Date(iso).toLocaleDateString(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    })
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (abs < 60) return format.format(0, 'second')
  const [unit, size] = [...UNITS].reverse().find(([, s]) => abs >= s)!
  return format.format(Math.round(seconds / size), unit)
}

export function absoluteTime(iso: string, locale: string | undefined) {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' })
}

/** What a recording's state lets its people do next. */
export type Phase =
  | 'recording'
  | 'unfinished'
  | 'noProvider'
  | 'noMinutes'
  | 'uploaded'
  | 'queued'
  | 'transcribing'
  | 'ready'
  | 'failed'

export function phaseOf(r: Recording, recordingNow?: string): Phase {
  if (r.status === 'uploading') return r.id === recordingNow ? 'recording' : 'unfinished'
  if (r.status === 'uploaded') {
    if (r.error?.code === 'PROVIDER_NOT_CONFIGURED') return 'noProvider'
    if (r.error?.code === 'QUOTA_EXCEEDED') return 'noMinutes'
    return 'uploaded'
  }
  return r.status
}
