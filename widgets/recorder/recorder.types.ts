/** What the recorder reads from the API (docs/recorder.md). */

export interface Recording {
  id: string
  title: string
  status: 'uploading' | 'queued' | 'transcribing' | 'ready' | 'failed'
  progress: number
  durationSeconds: number | null
  language: string | null
  error: { code: string; message: string } | null
  audioUrl: string | null
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
