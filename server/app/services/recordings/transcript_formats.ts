/** A transcript segment as exports need it. */
export interface Segment {
  id: string
  start: number
  end: number
  speaker: string | null
  text: string
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** 3725.5 → "01:02:05,500" (SRT) or "01:02:05.500" (VTT). */
export function timestamp(seconds: number, separator: ',' | '.') {
  const ms = Math.round(seconds * 1000)
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = Math.floor((ms % 60_000) / 1000)
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`
}

const said = (s: Segment) => (s.speaker ? `${s.speaker}: ${s.text}` : s.text)

export function toSrt(segments: Segment[]) {
  return segments
    .map(
      (s, i) => `${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${said(s)}\n`
    )
    .join('\n')
}

export function toVtt(segments: Segment[]) {
  const cues = segments.map(
    (s) =>
      `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${said(s).replaceAll('-->', '→')}\n`
  )
  return `WEBVTT\n\n${cues.join('\n')}`
}

/** Plain text: one paragraph per speaker turn (or per segment without speakers), with its time. */
export function toTxt(segments: Segment[]) {
  const lines: string[] = []
  let speaker: string | null | undefined
  for (const s of segments) {
    if (s.speaker !== speaker || !s.speaker) {
      const label = s.speaker ? `${s.speaker} ` : ''
      lines.push(`\n[${timestamp(s.start, '.').slice(0, 8)}] ${label}`.trimEnd())
      speaker = s.speaker
    }
    lines[lines.length - 1] += ` ${s.text}`
  }
  return `${lines.join('\n').trim()}\n`
}
