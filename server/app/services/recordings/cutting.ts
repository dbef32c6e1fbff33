import { join } from 'node:path'
import { encodePiece, findSilences, midpoints, nextCut } from '#services/recordings/audio'

/** A normalised piece of a recording, on the local disk until `onPiece` has stored it. */
export interface EncodedPiece {
  piece: number
  start: number
  end: number | null
  file: string
}

export interface CutOptions {
  /** The original recording, on the local disk. */
  input: string
  duration: number
  pieceSeconds: number
  /** Where the pieces are written (the caller's temporary directory). */
  dir: string
  /** ffmpeg processes encoding pieces at once (one more finds the cut points, briefly). */
  concurrency: number
  /** Every cut point is known: called once, before any `onPiece`. */
  onPlanned: (bounds: number[]) => Promise<void>
  /** A piece is encoded (in any order): store and hand it on; its file may then be removed. */
  onPiece: (piece: EncodedPiece) => Promise<void>
}

/**
 * Finds where `from`'s piece ends by decoding only the stretch around its target (a fifth of a
 * piece either side, plus a margin): the same cut the whole recording's silences would give,
 * because the scan widens whenever a silence that could matter runs past its edges.
 */
export async function findCut(
  input: string,
  from: number,
  duration: number,
  pieceSeconds: number,
  signal: AbortSignal
) {
  if (nextCut(from, duration, [], pieceSeconds) === null) return null
  const target = from + pieceSeconds
  const window = pieceSeconds / 5
  for (let margin = Math.max(2, window / 4); ; margin *= 4) {
    const lo = Math.max(0, target - window - margin)
    const hi = Math.min(duration, target + window + margin)
    const found = await findSilences(input, lo, hi >= duration ? null : hi, signal)
    // A silence cut by the scan's edges has an unknown midpoint; it matters only if that
    // midpoint could fall in the window.
    const unsure = found.some(
      (s) =>
        (lo > 0 && s.start <= lo + 0.01 && s.end !== null && (lo + s.end) / 2 >= target - window) ||
        (hi < duration && s.end === null && (s.start + hi) / 2 <= target + window)
    )
    if (!unsure || (lo === 0 && hi >= duration))
      return nextCut(from, duration, midpoints(found), pieceSeconds)
  }
}

/** At most `size` tasks at once; the rest wait their turn in order. */
function slots(size: number) {
  let busy = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve))
    else busy++
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else busy--
    }
  }
}

/**
 * Cuts a recording into normalised pieces in parallel: the cut points are found one after the
 * other from short scans, and each piece is encoded from the original as soon as both its ends
 * are known, `concurrency` at a time, and handed to `onPiece` as soon as it is encoded (once
 * the plan is stored). The first failure kills every ffmpeg still running and is thrown once
 * they have all exited. Returns the pieces' start times.
 */
export async function cutInParallel(options: CutOptions): Promise<number[]> {
  const { input, duration, pieceSeconds, dir, onPlanned, onPiece } = options
  const abort = new AbortController()
  const run = slots(Math.max(1, options.concurrency))
  let failure: { error: unknown } | null = null
  const fail = (error: unknown) => {
    failure ??= { error }
    abort.abort()
  }
  let planned!: { resolve: () => void; reject: (e: unknown) => void }
  const plan = new Promise<void>((resolve, reject) => (planned = { resolve, reject }))
  plan.catch(() => {})
  abort.signal.addEventListener('abort', () => planned.reject(failure?.error))

  const tasks: Promise<void>[] = []
  const encode = (piece: number, start: number, end: number | null) => {
    const file = join(dir, `piece-${piece}.mp3`)
    tasks.push(
      run(async () => {
        abort.signal.throwIfAborted()
        await encodePiece(input, start, end, file, abort.signal)
      })
        .then(() => plan)
        .then(() => {
          abort.signal.throwIfAborted()
          return onPiece({ piece, start, end, file })
        })
        .catch(fail)
    )
  }

  const bounds = [0]
  try {
    for (;;) {
      const from = bounds.at(-1)!
      const cut = await findCut(input, from, duration, pieceSeconds, abort.signal)
      if (cut === null) break
      bounds.push(cut)
      encode(bounds.length - 2, from, cut)
    }
    encode(bounds.length - 1, bounds.at(-1)!, null)
    await onPlanned(bounds)
    planned.resolve()
  } catch (error) {
    fail(error)
  }
  await Promise.all(tasks)
  const failed = failure as { error: unknown } | null
  if (failed) throw failed.error
  return bounds
}
