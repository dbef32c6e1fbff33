import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ffmpegPath } from '#services/recordings/audio'

/**
 * Test audio made by ffmpeg: `tones` tones of 4 s, each followed by 1 s of silence (Opus in
 * WebM, as Chrome records). Silences sit at 4.5 s, 9.5 s, 14.5 s…, where pieces should be cut.
 */
export async function speechLike(tones: number) {
  const dir = await mkdtemp(join(tmpdir(), 'parley-audio-'))
  const file = join(dir, 'meeting.webm')
  const parts = Array.from(
    { length: tones },
    (_, i) =>
      `sine=frequency=${300 + 40 * i}:duration=4[t${i}];anullsrc=r=48000:cl=mono,atrim=duration=1[s${i}]`
  )
  const chain = Array.from({ length: tones }, (_, i) => `[t${i}][s${i}]`).join('')
  await promisify(execFile)(ffmpegPath(), [
    '-hide_banner',
    '-y',
    '-filter_complex',
    `${parts.join(';')};${chain}concat=n=${tones * 2}:v=0:a=1[out]`,
    '-map',
    '[out]',
    '-ac',
    '1',
    '-ar',
    '48000',
    '-c:a',
    'libopus',
    file,
  ])
  const bytes = await readFile(file)
  await rm(dir, { recursive: true, force: true })
  return bytes
}
