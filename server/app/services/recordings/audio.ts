import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { setPriority } from 'node:os'
import env from '#start/env'

/**
 * ffmpeg: `FFMPEG_PATH`, else the binary the `@ffmpeg-installer/ffmpeg` package ships for this
 * platform, else `ffmpeg` on the PATH. Missing, it says so (checked when a recording is queued).
 */
export function ffmpegPath() {
  const configured = env.get('FFMPEG_PATH')
  if (configured) return configured
  try {
    return createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg').path as string
  } catch {
    return 'ffmpeg'
  }
}

/**
 * Runs ffmpeg and settles only once the process has exited (and been reaped): aborted (another
 * piece failed, the recording was deleted), it is killed at once, and nothing outlives the job.
 */
function ffmpeg(args: string[], signal?: AbortSignal) {
  return new Promise<{ stderr: string }>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const kill = () => child.kill('SIGKILL')
    signal?.addEventListener('abort', kill, { once: true })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      // Silences and progress lines: a few MB for hours of audio at most.
      if (stderr.length < 64 * 1024 * 1024) stderr += chunk
    })
    let failure: Error | null = null
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure =
        error.code === 'ENOENT' ? new Error('ffmpeg is not installed (set FFMPEG_PATH)') : error
      // It never started: there is no process to wait for.
      if (child.pid === undefined) {
        signal?.removeEventListener('abort', kill)
        reject(failure)
      }
    })
    child.on('close', (code) => {
      signal?.removeEventListener('abort', kill)
      if (signal?.aborted) return reject(signal.reason)
      if (failure) return reject(failure)
      if (code !== 0)
        return reject(
          Object.assign(new Error(`ffmpeg failed: ${stderr.trim().split('\n').at(-1)}`), {
            stderr,
          })
        )
      resolve({ stderr })
    })
  })
}

/** Seconds of audio in a file, read from what ffmpeg decodes (null when it holds no audio). */
export async function probeDuration(file: string): Promise<number | null> {
  // Packets are read, not decoded (-c copy): the last progress line is the length of the audio
  // even where the container never wrote one (MediaRecorder's WebM), ten times faster than a decode.
  const { stderr } = await ffmpeg(['-i', file, '-vn', '-c', 'copy', '-f', 'null', '-']).catch(
    (e) => ({ stderr: String(e.stderr ?? '') })
  )
  if (!/Stream #.*Audio:/.test(stderr)) return null
  const times = [...stderr.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)]
  const last = times.at(-1)
  if (!last) return null
  return Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])
}

/** A stretch of silence, in seconds of the whole recording; `end` null when it ran to the end. */
export interface Silence {
  start: number
  end: number | null
}

/**
 * The silences (at least 0.4 s under -35 dB) in `[from, to)` seconds of a file: only that
 * stretch is decoded (input seeking is sample-accurate when decoding), nothing is encoded.
 */
export async function findSilences(
  input: string,
  from: number,
  to: number | null,
  signal?: AbortSignal
): Promise<Silence[]> {
  const span = to === null ? [] : ['-t', (to - from).toFixed(3)]
  const { stderr } = await ffmpeg(
    [
      ...(from > 0 ? ['-ss', from.toFixed(3)] : []),
      ...span,
      '-i',
      input,
      '-vn',
      '-af',
      'silencedetect=noise=-35dB:d=0.4',
      '-f',
      'null',
      '-',
    ],
    signal
  )
  const found: Silence[] = []
  for (const line of stderr.split('\n')) {
    const began = /silence_start: (-?\d+(?:\.\d+)?)/.exec(line)
    const ended = /silence_end: (-?\d+(?:\.\d+)?)/.exec(line)
    if (began) found.push({ start: from + Math.max(0, Number(began[1])), end: null })
    const open = found.at(-1)
    if (ended && open && open.end === null) open.end = from + Number(ended[1])
  }
  return found
}

/** The midpoints of the silences that ended (where a piece may be cut). */
export const midpoints = (silences: Silence[]) =>
  silences.filter((s) => s.end !== null).map((s) => (s.start + s.end!) / 2)

/**
 * Where the piece starting at `from` ends: at the silence nearest `from + pieceSeconds` (within
 * a fifth of a piece), so no word is cut in two; a hard cut where there is none; null when the
 * rest is the last piece (never a tiny last piece: it may run to 1.2 pieces).
 */
export function nextCut(from: number, duration: number, quiet: number[], pieceSeconds: number) {
  if (!(duration - from > pieceSeconds * 1.2)) return null
  const target = from + pieceSeconds
  const window = pieceSeconds / 5
  const near = quiet
    .filter((t) => t > from + window && Math.abs(t - target) <= window)
    .sort((a, b) => Math.abs(a - target) - Math.abs(b - target))[0]
  return near ?? target
}

/** Every cut of a recording whose silences are all known (see `nextCut`). */
export function cutPoints(duration: number, quiet: number[], pieceSeconds: number) {
  const cuts: number[] = []
  for (let cut = nextCut(0, duration, quiet, pieceSeconds); cut !== null;) {
    cuts.push(cut)
    cut = nextCut(cut, duration, quiet, pieceSeconds)
  }
  return cuts
}

/**
 * `[start, end)` seconds of the original, normalised to what speech models want: 16 kHz mono
 * MP3 at 32 kbit/s (about 14 MB an hour). Only that stretch is decoded, so pieces are made in
 * parallel, each from the original.
 */
export async function encodePiece(
  input: string,
  start: number,
  end: number | null,
  output: string,
  signal?: AbortSignal
) {
  const span = end === null ? [] : ['-t', (end - start).toFixed(3)]
  await ffmpeg(
    [
      '-y',
      ...(start > 0 ? ['-ss', start.toFixed(3)] : []),
      ...span,
      '-i',
      input,
      '-vn',
      '-ac',
      '1',
      '-ar',
      '16000',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '32k',
      // LAME's fastest setting: a third less time, no audible cost for speech at 16 kHz.
      '-compression_level',
      '9',
      output,
    ],
    signal
  )
}

/** Bars in a recording's level strip: enough for a player a phone or a desktop wide. */
export const PEAK_COUNT = 200
const PEAK_RATE = 8000

/**
 * The audio's level strip: the peak of each of `count` equal stretches of it, scaled so the
 * loudest is 1 (two decimals). ffmpeg decodes to 8 kHz mono 16-bit samples, reduced here as they
 * stream (an hour is 57 MB of them, never held whole), at a lower CPU priority than requests.
 */
export function computePeaks(file: string, duration: number, count = PEAK_COUNT) {
  return new Promise<number[]>((resolve, reject) => {
    const child = spawn(ffmpegPath(), [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-i',
      file,
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(PEAK_RATE),
      '-f',
      's16le',
      '-',
    ])
    try {
      if (child.pid) setPriority(child.pid, 10)
    } catch {
      // Not allowed here: it runs at the normal priority.
    }
    const perBar = Math.max(1, Math.ceil((Math.max(duration, 0.001) * PEAK_RATE) / count))
    const peaks = new Array<number>(count).fill(0)
    let sample = 0
    let carry: Buffer | null = null
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk
      const whole = data.length - (data.length % 2)
      for (let i = 0; i < whole; i += 2, sample++) {
        const bar = Math.min(count - 1, Math.floor(sample / perBar))
        const level = Math.abs(data.readInt16LE(i))
        if (level > peaks[bar]) peaks[bar] = level
      }
      carry = whole < data.length ? data.subarray(whole) : null
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk).slice(-2000)))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT' ? new Error('ffmpeg is not installed (set FFMPEG_PATH)') : error
      )
    )
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg failed: ${stderr.trim().split('\n').at(-1)}`))
      if (sample === 0) return reject(new Error('ffmpeg decoded no audio'))
      const loudest = Math.max(...peaks)
      resolve(peaks.map((p) => (loudest ? Math.round((p / loudest) * 100) / 100 : 0)))
    })
  })
}
