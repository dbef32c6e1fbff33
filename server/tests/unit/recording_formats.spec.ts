import { test } from '@japa/runner'
import { cutPoints } from '#services/recordings/audio'
import { timestamp, toSrt, toTxt, toVtt } from '#services/recordings/transcript_formats'

const segments = [
  { id: 'a', start: 0, end: 2.5, speaker: 'A', text: 'Hello there.' },
  { id: 'b', start: 2.5, end: 4, speaker: 'A', text: 'Shall we start?' },
  { id: 'c', start: 3725.5, end: 3727.25, speaker: 'B', text: 'Yes --> now.' },
]

test.group('Transcript formats', () => {
  test('timestamps in SRT and VTT form', ({ assert }) => {
    assert.equal(timestamp(3725.5, ','), '01:02:05,500')
    assert.equal(timestamp(0.0004, '.'), '00:00:00.000')
    assert.equal(timestamp(59.9996, '.'), '00:01:00.000')
  })

  test('SRT numbers cues; VTT has its header and never a stray arrow in text', ({ assert }) => {
    assert.equal(
      toSrt(segments),
      '1\n00:00:00,000 --> 00:00:02,500\nA: Hello there.\n\n2\n00:00:02,500 --> 00:00:04,000\nA: Shall we start?\n\n3\n01:02:05,500 --> 01:02:07,250\nB: Yes --> now.\n'
    )
    const vtt = toVtt(segments)
    assert.isTrue(vtt.startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nA: Hello there.\n'))
    assert.include(vtt, 'B: Yes → now.')
  })

  test('TXT joins a speaker’s turn into one timed paragraph', ({ assert }) => {
    assert.equal(
      toTxt(segments),
      '[00:00:00] A: Hello there. Shall we start?\n\n[01:02:05] B: Yes --> now.\n'
    )
  })
})

test.group('Cutting recordings into pieces', () => {
  test('cuts at the silence nearest each boundary, hard where there is none, never a tiny last piece', ({
    assert,
  }) => {
    assert.deepEqual(cutPoints(25, [4.5, 9.5, 14.5, 19.5], 10), [9.5, 19.5])
    assert.deepEqual(cutPoints(30, [], 10), [10, 20])
    assert.deepEqual(cutPoints(11, [5], 10), [])
    // 3,600 s in 600 s pieces with silences every 7 s: six pieces, each cut within 120 s of target.
    const quiet = Array.from({ length: 514 }, (_, i) => 3.5 + i * 7)
    const cuts = cutPoints(3600, quiet, 600)
    assert.lengthOf(cuts, 5)
    for (const [i, cut] of cuts.entries()) {
      assert.isTrue(quiet.includes(cut))
      assert.isAtMost(Math.abs(cut - 600 * (i + 1)), 120)
    }
  })
})
