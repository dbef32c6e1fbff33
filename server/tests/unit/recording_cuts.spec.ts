import { test } from '@japa/runner'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  cutPoints,
  ffmpegPath,
  findSilences,
  midpoints,
  probeDuration,
} from '#services/recordings/audio'
import { cutInParallel, findCut, type EncodedPiece } from '#services/recordings/cutting'

/** The ffmpeg processes this test process has running now. */
const ffmpegChildren = () =>
  execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' })
    .split('\n')
    .filter((name) => name.includes('ffmpeg'))

test.group('Cutting a recording in parallel', (group) => {
  let dir: string
  let input: string
  // 60 s of tones; short silences, and a long one (15–26 s) wider than the scan around the second
  // cut, so the scan has to widen to find the silence's true middle.
  const quiet = [
    [4, 5],
    [9.2, 10.2],
    [15, 26],
    [31, 31.8],
    [38, 39],
    [44.5, 45.5],
    [52, 53],
  ]
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-cuts-'))
    input = join(dir, 'meeting.webm')
    const silent = quiet.map(([a, b]) => `between(t,${a},${b})`).join('+')
    await promisify(execFile)(ffmpegPath(), [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `aevalsrc='if(${silent},0,0.4*sin(2*PI*(300+20*floor(t/5))*t))':s=48000:d=60`,
      '-c:a',
      'libopus',
      input,
    ])
    return () => rm(dir, { recursive: true, force: true })
  })

  test('the cuts found from short scans are those of the whole recording', async ({ assert }) => {
    const duration = (await probeDuration(input))!
    const whole = midpoints(await findSilences(input, 0, null))
    // The long silence's middle is where the whole recording's scan puts it.
    assert.isTrue(whole.some((t) => Math.abs(t - 20.5) < 0.05))
    for (const pieceSeconds of [10, 12, 25]) {
      const expected = cutPoints(duration, whole, pieceSeconds)
      const found: number[] = []
      for (
        let cut = await findCut(input, 0, duration, pieceSeconds, new AbortController().signal);
        cut !== null;
        cut = await findCut(input, cut, duration, pieceSeconds, new AbortController().signal)
      )
        found.push(cut)
      assert.lengthOf(found, expected.length, `pieces of ${pieceSeconds} s`)
      for (const [i, cut] of found.entries()) assert.closeTo(cut, expected[i], 0.01)
    }
    // Pieces of 10 s: the second cut is the long silence's middle, only known by widening.
    assert.isTrue(cutPoints(duration, whole, 10).some((t) => Math.abs(t - 20.5) < 0.05))
  }).timeout(60_000)

  test('every piece is encoded and handed on after the plan, and together they are the whole', async ({
    assert,
  }) => {
    const out = await mkdtemp(join(dir, 'pieces-'))
    const events: string[] = []
    const pieces: (EncodedPiece & { seconds: number })[] = []
    const bounds = await cutInParallel({
      input,
      duration: 60,
      pieceSeconds: 10,
      dir: out,
      concurrency: 2,
      onPlanned: async (planned) => void events.push(`plan ${planned.length}`),
      onPiece: async (piece) => {
        events.push(`piece ${piece.piece}`)
        pieces.push({ ...piece, seconds: (await probeDuration(piece.file))! })
      },
    })
    assert.equal(events[0], `plan ${bounds.length}`)
    assert.lengthOf(pieces, bounds.length)
    pieces.sort((a, b) => a.piece - b.piece)
    for (const [i, piece] of pieces.entries()) {
      assert.equal(piece.start, bounds[i])
      assert.equal(piece.end, bounds[i + 1] ?? null)
      assert.closeTo(piece.seconds, (bounds[i + 1] ?? 60) - bounds[i], 0.1)
    }
  }).timeout(60_000)

  test('a failure kills every ffmpeg still running and is thrown once they have exited', async ({
    assert,
  }) => {
    const out = await mkdtemp(join(dir, 'failing-'))
    const failure = new Error('the storage is down')
    let handed = 0
    await assert.rejects(
      () =>
        cutInParallel({
          input,
          duration: 60,
          pieceSeconds: 4,
          dir: out,
          concurrency: 2,
          onPlanned: async () => {},
          onPiece: async () => {
            handed++
            throw failure
          },
        }),
      'the storage is down'
    )
    assert.isAtLeast(handed, 1)
    assert.deepEqual(ffmpegChildren(), [])
  }).timeout(60_000)

  test('a recording that cannot be decoded fails, with no ffmpeg left behind', async ({
    assert,
  }) => {
    await assert.rejects(
      () =>
        cutInParallel({
          input: join(dir, 'missing.webm'),
          duration: 60,
          pieceSeconds: 10,
          dir,
          concurrency: 2,
          onPlanned: async () => assert.fail('no plan without cut points'),
          onPiece: async () => assert.fail('no piece'),
        }),
      /ffmpeg failed/
    )
    assert.deepEqual(ffmpegChildren(), [])
  }).timeout(60_000)
})
