import { execFile, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { setPriority } from 'node:os'
import { promisify } from 'node:util'
import env from '#start/env'

const run = promisify(execFile)

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

async function ffmpeg(args: string[]) {
  try {
    return await run(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], {
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (error) {
    const e = error as { code?: string; stderr?: string }
    if (e.code === 'ENOENT') throw new Error('ffmpeg is not installed (set FFMPEG_PATH)')
    throw Object.assign(new Error(`ffmpeg failed: ${(e.stderr ?? '').trim().split('\n').at(-1)}`), {
      stderr: e.stderr,
    })
  }
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

/**
 * 16 kHz mono MP3 (32 kbit/s): what speech models want, about 14 MB an hour. The same decoding
 * pass finds the silences (at least 0.4 s under -35 dB): their midpoints, in seconds, returned.
 */
export async function normalize(
  input: string,
  output: string
): Promise<{ silences: number[]; duration: number }> {
  const { stderr } = await ffmpeg([
    '-y',
    '-i',
    input,
    '-vn',
    '-af',
    'silencedetect=noise=-35dB:d=0.4',
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
  ])
  const points: number[] = []
  let start: number | null = null
  for (const line of stderr.split('\n')) {
    const began = /silence_start: (-?\d+(?:\.\d+)?)/.exec(line)
    const ended = /silence_end: (\d+(?:\.\d+)?)/.exec(line)
    if (began) start = Math.max(0, Number(began[1]))
    if (ended && start !== null) {
      points.push((start + Number(ended[1])) / 2)
      start = null
    }
  }
  // The last progress line is the length of what was encoded: no second decoding pass needed.
  const last = [...stderr.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)].at(-1)
  const duration = last ? Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]) : 0
  return { silences: points, duration }
}

/**
 * Where to cut a recording into pieces of about `pieceSeconds`: at the silence nearest each
 * boundary (within a fifth of a piece), so no word is cut in two; a hard cut where there is none.
 */
export function cutPoints(duration: number, quiet: number[], pieceSeconds: number) {
  const cuts: number[] = []
  let from = 0
  while (duration - from > pieceSeconds * 1.2) {
    const target = from + pieceSeconds
    const window = pieceSeconds / 5
    const near = quiet
      .filter((t) => t > from + window && Math.abs(t - target) <= window)
      .sort((a, b) => Math.abs(a - target) - Math.abs(b - target))[0]
    const cut = near ?? target
    cuts.push(cut)
    from = cut
  }
  return cuts
}

/**
 * Copies `[start, end)` seconds of a normalized file into its own file. MP3 frames are copied,
 * not re-encoded (26 ms granularity, well inside the silence it is cut in).
 */
export async function extract(file: string, start: number, end: number | null, output: string) {
  const span = end === null ? [] : ['-t', (end - start).toFixed(3)]
  await ffmpeg(['-y', '-ss', start.toFixed(3), '-i', file, ...span, '-c', 'copy', output])
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
