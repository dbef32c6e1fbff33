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

/** Plain text: a paragraph per speaker turn (a line per segment without speakers), each timed. */
export function toTxt(segments: Segment[]) {
  const paragraphs: { at: number; speaker: string | null; text: string[] }[] = []
  for (const s of segments) {
    const last = paragraphs.at(-1)
    if (last && s.speaker && s.speaker === last.speaker) last.text.push(s.text)
    else paragraphs.push({ at: s.start, speaker: s.speaker, text: [s.text] })
  }
  return paragraphs
    .map(
      (p) =>
        `[${timestamp(p.at, '.').slice(0, 8)}] ${p.speaker ? `${p.speaker}: ` : ''}${p.text.join(' ')}`
    )
    .join('\n\n')
    .concat('\n')
}
