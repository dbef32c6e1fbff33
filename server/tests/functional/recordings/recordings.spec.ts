import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, png, until, eventsAfter, visit } from '#tests/helpers'
import { startOpenAIDouble } from '#tests/doubles/openai_server'
import { speechLike } from '#tests/audio'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'
import { channelNames } from '#services/realtime/channels'

type Client = any

test.group('Recordings and transcripts', (group) => {
  let double: Awaited<ReturnType<typeof startOpenAIDouble>>
  let workers: ReturnType<typeof startWorkers>
  let audio: Buffer
  group.setup(async () => {
    double = await startOpenAIDouble()
    workers = startWorkers(JOBS)
    audio = await speechLike(5) // 25 s
    return async () => {
      await workers.stop()
      await double.close()
    }
  })

  async function setup(client: Client, configure = true) {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ana',
      role: 'agent',
    })
    if (configure) {
      const set = await visit(client, 'providers.openai.update')
        .bearerToken(tenant.secretKey)
        .json({ apiKey: double.apiKey, baseUrl: double.baseUrl })
      set.assertStatus(200)
    }
    return { tenant, ana }
  }

  const upload = (client: Client, token: string, bytes: Buffer, name = 'meeting.webm') =>
    visit(client, 'recordings.upload')
      .bearerToken(token)
      .field('title', 'Weekly sync')
      .file('file', bytes, { filename: name })

  const ready = (client: Client, token: string, id: string) =>
    until(
      async () => {
        const r = (await visit(client, 'recordings.show', { id }).bearerToken(token)).body()
        if (r.status === 'failed') throw new Error(`failed: ${JSON.stringify(r.error)}`)
        return r.status === 'ready' ? r : null
      },
      'the transcript',
      30_000
    )

  test('an upload is normalised, cut at silences, transcribed in parallel pieces and stitched in time', async ({
    client,
    assert,
  }) => {
    const { ana } = await setup(client)
    const before = double.calls.length
    const uploaded = await upload(client, ana.token, audio)
    uploaded.assertStatus(201)
    assert.include(uploaded.body(), { status: 'queued', title: 'Weekly sync' })
    assert.closeTo(uploaded.body().durationSeconds, 25, 0.3)
    const done = await ready(client, ana.token, uploaded.body().id)
    assert.equal(done.progress, 1)
    assert.equal(done.summary?.startsWith('A recording of'), true)
    assert.deepEqual(done.actionItems, ['Send the follow-up'])

    // Pieces of about 10 s, each cut inside a silence (4–5 s, 9–10 s … into the recording).
    const calls = double.calls.slice(before)
    assert.isAtLeast(calls.length, 2)
    assert.isTrue(
      calls.every((c) => c.model === 'whisper-1' && c.responseFormat === 'verbose_json')
    )
    assert.closeTo(
      calls.reduce((sum, c) => sum + c.duration, 0),
      25,
      0.5
    )

    const transcript = (
      await visit(client, 'recordings.transcript.show', { id: done.id }).bearerToken(ana.token)
    ).body()
    const segments = transcript.segments as { start: number; end: number; text: string }[]
    for (let i = 1; i < segments.length; i++)
      assert.isAtLeast(segments[i].start, segments[i - 1].start)
    assert.closeTo(segments.at(-1)!.end, 25, 0.5)
    // Each piece's first segment starts where the piece was cut: in a silence.
    const pieceStarts = segments.filter((s) => s.text.startsWith('words 0 ')).map((s) => s.start)
    assert.equal(pieceStarts.length, calls.length)
    for (const start of pieceStarts.slice(1))
      assert.isTrue((start % 5 >= 3.9 && start % 5 <= 5.1) || start % 5 < 0.1, `cut at ${start}`)

    const { events } = await eventsAfter(
      channelNames.recording(ana.tenantId, ana.workspaceId, done.id),
      undefined,
      50
    )
    assert.includeMembers(
      events.map((e) => e.type),
      ['recording.progress', 'recording.ready']
    )
    // The player's link: the original bytes, and a range of them for seeking.
    const full = await fetch(done.audioUrl)
    assert.equal(full.status, 200)
    assert.isTrue(Buffer.from(await full.arrayBuffer()).equals(audio))
    const part = await fetch(done.audioUrl, { headers: { Range: 'bytes=100-199' } })
    assert.equal(part.status, 206)
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${audio.length}`)
    assert.isTrue(Buffer.from(await part.arrayBuffer()).equals(audio.subarray(100, 200)))
    assert.equal((await fetch(done.audioUrl.replace(/sig=[^&]+/, 'sig=x'))).status, 404)
    const usage = await db
      .connection('operator')
      .from('usage_records')
      .where('feature', 'transcriptionMinutes')
      .where('source_id', done.id)
      .first()
    assert.closeTo(Number(usage.quantity), 25 / 60, 0.01)
  }).timeout(90_000)

  test('exports as TXT, SRT and VTT that parse; corrections are kept', async ({
    client,
    assert,
  }) => {
    const { ana } = await setup(client)
    const id = (await upload(client, ana.token, audio)).body().id
    await ready(client, ana.token, id)
    const url = `/v1/recordings/${id}/transcript`
    const json = (await client.get(url).bearerToken(ana.token)).body()
    const srt = (await client.get(url).qs({ format: 'srt' }).bearerToken(ana.token)).text()
    const cues = srt.trim().split(/\n\n/)
    assert.equal(cues.length, json.segments.length)
    for (const [i, cue] of cues.entries()) {
      assert.match(
        cue,
        new RegExp(`^${i + 1}\\n\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}\\n.+`)
      )
    }
    const vtt = await client.get(url).qs({ format: 'vtt' }).bearerToken(ana.token)
    assert.match(vtt.header('content-type') ?? '', /^text\/vtt/)
    assert.match(vtt.text(), /^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.000\n/)
    const txt = (await client.get(url).qs({ format: 'txt' }).bearerToken(ana.token)).text()
    assert.include(txt, json.segments[0].text)
    ;(await client.get(url).qs({ format: 'pdf' }).bearerToken(ana.token)).assertStatus(422)

    const fixed = await client
      .patch(url)
      .bearerToken(ana.token)
      .json({ segments: [{ id: json.segments[1].id, text: 'Corrected by Ana' }] })
    fixed.assertStatus(200)
    const changed = fixed.body().segments.find((s: any) => s.id === json.segments[1].id)
    assert.include(changed, { text: 'Corrected by Ana', edited: true })
    const bad = await client
      .patch(url)
      .bearerToken(ana.token)
      .json({ segments: [{ id: '0192f000-0000-7000-8000-000000000000', text: 'x' }] })
    bad.assertStatus(422)
    assert.equal(bad.body().error.details[0].field, 'segments.0.id')
  }).timeout(90_000)

  test('chunked upload: idempotent per chunk, missing chunks named, assembled in order', async ({
    client,
    assert,
  }) => {
    const { ana } = await setup(client)
    const created = await visit(client, 'recordings.store')
      .bearerToken(ana.token)
      .json({ title: 'Voice note', mimeType: 'audio/webm;codecs=opus' })
    created.assertStatus(201)
    assert.equal(created.body().status, 'uploading')
    const id = created.body().id
    const third = Math.ceil(audio.length / 3)
    const parts = [
      audio.subarray(0, third),
      audio.subarray(third, 2 * third),
      audio.subarray(2 * third),
    ]
    const put = (n: number, bytes: Buffer) =>
      fetch(`http://${process.env.HOST}:${process.env.PORT}/v1/recordings/${id}/chunks/${n}`, {
        method: 'PUT',
        headers: {
          'Authorization': `Bearer ${ana.token}`,
          'Content-Type': 'application/octet-stream',
        },
        body: new Uint8Array(bytes),
      })
    assert.equal((await put(0, parts[0])).status, 204)
    assert.equal((await put(1, Buffer.from('a lost attempt'))).status, 204)
    assert.equal((await put(1, parts[1])).status, 204) // the retry replaces it
    const early = await visit(client, 'recordings.complete', { id })
      .bearerToken(ana.token)
      .json({ chunks: 3 })
    early.assertStatus(422)
    assert.match(early.body().error.details[0].message, /Chunks missing: 2/)
    assert.equal((await put(2, parts[2])).status, 204)
    const wrong = await visit(client, 'recordings.complete', { id })
      .bearerToken(ana.token)
      .json({ chunks: 3, sha256: '0'.repeat(64) })
    wrong.assertStatus(422)
    assert.equal(wrong.body().error.details[0].field, 'sha256')
    const completed = await visit(client, 'recordings.complete', { id })
      .bearerToken(ana.token)
      .json({ chunks: 3, sha256: createHash('sha256').update(audio).digest('hex') })
    completed.assertStatus(202)
    const done = await ready(client, ana.token, id)
    assert.closeTo(done.durationSeconds, 25, 0.3)
    assert.equal((await put(3, parts[0])).status, 409)
  }).timeout(90_000)

  test('bad input: not audio, empty or oversized chunks, unknown fields; no minutes left keeps the audio', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const picture = await upload(client, ana.token, png(8), 'not-audio.webm')
    picture.assertStatus(422)
    assert.match(picture.body().error.details[0].message, /not audio \(image\/png\)/)
    ;(
      await visit(client, 'recordings.store')
        .bearerToken(ana.token)
        .json({ title: 'x', mimeType: 'text/html' })
    ).assertStatus(422)
    ;(
      await visit(client, 'recordings.store')
        .bearerToken(ana.token)
        .json({ title: 'x', mimeType: 'audio/webm', extra: 1 })
    ).assertStatus(422)
    const id = (
      await visit(client, 'recordings.store')
        .bearerToken(ana.token)
        .json({ title: 'x', mimeType: 'audio/webm' })
    ).body().id
    const base = `http://${process.env.HOST}:${process.env.PORT}/v1/recordings/${id}/chunks`
    const headers = {
      'Authorization': `Bearer ${ana.token}`,
      'Content-Type': 'application/octet-stream',
    }
    assert.equal(
      (await fetch(`${base}/0`, { method: 'PUT', headers, body: Buffer.alloc(0) })).status,
      422
    )
    assert.equal(
      (await fetch(`${base}/-1`, { method: 'PUT', headers, body: Buffer.from('x') })).status,
      422
    )
    assert.equal(
      (
        await fetch(`${base}/0`, {
          method: 'PUT',
          headers,
          body: Buffer.alloc(17 * 1024 * 1024, 1),
        })
      ).status,
      413
    )

    await db
      .connection('operator')
      .from('tenants')
      .where('id', tenant.tenant.id)
      .update({ transcription_minutes_quota: 0 })
    // Over quota the recording is kept, playable, saying why it is not transcribed; asking for
    // its transcription answers 402 while no minutes are left.
    const over = await upload(client, ana.token, audio)
    over.assertStatus(201)
    assert.include(over.body(), { status: 'uploaded' })
    assert.equal(over.body().error.code, 'QUOTA_EXCEEDED')
    assert.isString(over.body().audioUrl)
    const again = await visit(client, 'recordings.complete', { id: over.body().id })
      .bearerToken(ana.token)
      .json({})
    again.assertStatus(402)
    assert.equal(again.body().error.code, 'QUOTA_EXCEEDED')
    ;(
      await visit(client, 'recordings.complete', { id }).bearerToken(ana.token).json({})
    ).assertStatus(422)
  }).timeout(60_000)

  test('without a provider a recording is playable once its chunks are in: audio, duration, a level strip, and why it is not transcribed', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client, false)
    const id = (
      await visit(client, 'recordings.store')
        .bearerToken(ana.token)
        .json({ title: 'Voice note', mimeType: 'audio/webm;codecs=opus' })
    ).body().id
    const half = Math.ceil(audio.length / 2)
    for (const [n, bytes] of [audio.subarray(0, half), audio.subarray(half)].entries()) {
      const put = await fetch(
        `http://${process.env.HOST}:${process.env.PORT}/v1/recordings/${id}/chunks/${n}`,
        {
          method: 'PUT',
          headers: {
            'Authorization': `Bearer ${ana.token}`,
            'Content-Type': 'application/octet-stream',
          },
          body: new Uint8Array(bytes),
        }
      )
      assert.equal(put.status, 204)
    }
    const completed = await visit(client, 'recordings.complete', { id })
      .bearerToken(ana.token)
      .json({ chunks: 2 })
    completed.assertStatus(202)
    assert.include(completed.body(), { status: 'uploaded', progress: 0 })
    assert.equal(completed.body().error.code, 'PROVIDER_NOT_CONFIGURED')
    assert.closeTo(completed.body().durationSeconds, 25, 0.3)
    assert.equal(completed.body().sizeBytes, audio.length)

    // Playable: the assembled bytes, and ranges of them for seeking.
    const link = completed.body().audioUrl
    const full = await fetch(link)
    assert.equal(full.status, 200)
    assert.isTrue(Buffer.from(await full.arrayBuffer()).equals(audio))
    const part = await fetch(link, { headers: { Range: 'bytes=0-99' } })
    assert.equal(part.status, 206)

    // The level strip: loud where the tones are (0–4 s of every 5), silent between them.
    const shown = await until(
      async () => {
        const r = (await visit(client, 'recordings.show', { id }).bearerToken(ana.token)).body()
        return r.peaks ? r : null
      },
      'the level strip',
      30_000
    )
    const peaks = shown.peaks as number[]
    assert.lengthOf(peaks, 200)
    assert.equal(Math.max(...peaks), 1)
    assert.isTrue(peaks.every((p) => p >= 0 && p <= 1))
    const at = (second: number) => peaks[Math.floor((second / 25) * 200)]
    for (const second of [2, 7, 12, 17, 22]) assert.isAbove(at(second), 0.5, `tone at ${second} s`)
    for (const second of [4.5, 9.5, 14.5, 19.5])
      assert.isBelow(at(second), 0.05, `silence at ${second} s`)
    const { events } = await eventsAfter(
      channelNames.recording(ana.tenantId, ana.workspaceId, id),
      undefined,
      50
    )
    const announced = events.find((e) => e.type === 'recording.updated')
    assert.deepEqual((announced?.data as { peaks: number[] }).peaks, peaks)

    // Lists say the same, without the strip; asking for a transcription is refused in words.
    const listed = (await visit(client, 'recordings.index').bearerToken(ana.token)).body().data[0]
    assert.include(listed, { id, status: 'uploaded' })
    assert.equal(listed.error.code, 'PROVIDER_NOT_CONFIGURED')
    assert.notProperty(listed, 'peaks')
    const refused = await visit(client, 'recordings.complete', { id })
      .bearerToken(ana.token)
      .json({})
    refused.assertStatus(424)
    assert.equal(refused.body().error.code, 'PROVIDER_NOT_CONFIGURED')

    // Once the tenant sets a provider, a new session sees it transcribable and transcribes it.
    ;(
      await visit(client, 'providers.openai.update')
        .bearerToken(tenant.secretKey)
        .json({ apiKey: double.apiKey, baseUrl: double.baseUrl })
    ).assertStatus(200)
    const later = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ana',
      role: 'agent',
    })
    const waiting = (await visit(client, 'recordings.show', { id }).bearerToken(later.token)).body()
    assert.include(waiting, { status: 'uploaded', error: null })
    const queued = await visit(client, 'recordings.complete', { id })
      .bearerToken(later.token)
      .json({})
    queued.assertStatus(202)
    assert.include(queued.body(), { status: 'queued', error: null })
    const done = await ready(client, later.token, id)
    assert.closeTo(done.durationSeconds, 25, 0.3)
    const transcript = (
      await visit(client, 'recordings.transcript.show', { id }).bearerToken(later.token)
    ).body()
    assert.isAbove(transcript.segments.length, 0)
    ;(
      await visit(client, 'recordings.complete', { id }).bearerToken(later.token).json({})
    ).assertStatus(409)
  }).timeout(90_000)

  test('a one-shot upload without a provider is kept and playable, and says why it is not transcribed', async ({
    client,
    assert,
  }) => {
    const { ana } = await setup(client, false)
    const uploaded = await upload(client, ana.token, audio)
    uploaded.assertStatus(201)
    assert.include(uploaded.body(), { status: 'uploaded', title: 'Weekly sync' })
    assert.equal(uploaded.body().error.code, 'PROVIDER_NOT_CONFIGURED')
    assert.closeTo(uploaded.body().durationSeconds, 25, 0.3)
    const full = await fetch(uploaded.body().audioUrl)
    assert.equal(full.status, 200)
    assert.match(full.headers.get('content-type') ?? '', /^(audio|video)\/webm/)
  }).timeout(60_000)

  test('a provider that keeps failing ends the recording failed, with a reason of our own (not its answer), on its channel', async ({
    client,
    assert,
  }) => {
    const { ana } = await setup(client)
    double.state.failNext = 1000
    try {
      const id = (await upload(client, ana.token, audio)).body().id
      const failed = await until(
        async () => {
          const r = (await visit(client, 'recordings.show', { id }).bearerToken(ana.token)).body()
          return r.status === 'failed' ? r : null
        },
        'the failure',
        60_000
      )
      assert.equal(failed.error.code, 'TRANSCRIPTION_FAILED')
      // The reason in Parley's words: the provider's answer is never reflected.
      assert.equal(
        failed.error.message,
        'The transcription provider answered with an error (HTTP 500)'
      )
      const { events } = await eventsAfter(
        channelNames.recording(ana.tenantId, ana.workspaceId, id),
        undefined,
        50
      )
      assert.include(
        events.map((e) => e.type),
        'recording.failed'
      )
      ;(
        await visit(client, 'recordings.transcript.show', { id }).bearerToken(ana.token)
      ).assertStatus(409)
    } finally {
      double.state.failNext = 0
    }
  }).timeout(90_000)

  test("another workspace's or tenant's recordings are unreachable; sessions without the recorder are refused", async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    const id = (
      await visit(client, 'recordings.store')
        .bearerToken(ana.token)
        .json({ title: 'Private', mimeType: 'audio/webm' })
    ).body().id
    const other = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'o' })
    const stranger = await mintSession(client, (await makeTenant('S')).secretKey, {
      workspace: 'acme',
      user: 'ana',
    })
    for (const session of [other, stranger]) {
      ;(await visit(client, 'recordings.show', { id }).bearerToken(session.token)).assertStatus(404)
      ;(
        await visit(client, 'recordings.transcript.show', { id }).bearerToken(session.token)
      ).assertStatus(404)
      ;(
        await visit(client, 'recordings.complete', { id })
          .bearerToken(session.token)
          .json({ chunks: 1 })
      ).assertStatus(404)
      ;(await visit(client, 'recordings.destroy', { id }).bearerToken(session.token)).assertStatus(
        404
      )
      assert.deepEqual(
        (await visit(client, 'recordings.index').bearerToken(session.token)).body().data,
        []
      )
    }
    // Ana again, same role, without the recorder (a new role would end her other sessions).
    const inboxOnly = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ana',
      role: 'agent',
      widgets: ['inbox'],
    })
    ;(await visit(client, 'recordings.index').bearerToken(inboxOnly.token)).assertStatus(403)
    ;(await visit(client, 'recordings.destroy', { id }).bearerToken(ana.token)).assertStatus(204)
    ;(await visit(client, 'recordings.show', { id }).bearerToken(ana.token)).assertStatus(404)
    ;(
      await visit(client, 'providers.openai.update')
        .bearerToken(ana.token)
        .json({ apiKey: 'sk-123456789' })
    ).assertStatus(401)
  })

  test('a diarizing model labels speakers; the workspace quota overrides the tenant default', async ({
    client,
    assert,
  }) => {
    const { tenant, ana } = await setup(client)
    await visit(client, 'providers.openai.update')
      .bearerToken(tenant.secretKey)
      .json({
        apiKey: double.apiKey,
        baseUrl: double.baseUrl,
        transcriptionModel: 'gpt-4o-transcribe-diarize',
      })
      .then((r: any) => r.assertStatus(200))
    const id = (await upload(client, ana.token, audio)).body().id
    await ready(client, ana.token, id)
    const { segments } = (
      await visit(client, 'recordings.transcript.show', { id }).bearerToken(ana.token)
    ).body()
    assert.deepEqual(
      segments.slice(0, 2).map((s: any) => s.speaker),
      ['A', 'B']
    )
    const txt = (
      await visit(client, 'recordings.transcript.show', { id })
        .qs({ format: 'txt' })
        .bearerToken(ana.token)
    ).text()
    assert.match(txt, /^\[00:00:00\] A: /)

    // 25 s used this month; a workspace quota of 0 minutes refuses the next one.
    const patched = await visit(client, 'workspaces.update', { id: ana.workspaceId })
      .bearerToken(tenant.secretKey)
      .json({ transcriptionMinutesQuota: 0 })
    patched.assertStatus(200)
    assert.equal(patched.body().transcriptionMinutesQuota, 0)
    const over = await upload(client, ana.token, audio)
    over.assertStatus(201)
    assert.equal(over.body().error.code, 'QUOTA_EXCEEDED')
  }).timeout(90_000)
})
