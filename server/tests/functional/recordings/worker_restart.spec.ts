import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { makeTenant, mintSession, until, visit } from '#tests/helpers'
import { speechLike } from '#tests/audio'
import { startOpenAIDouble } from '#tests/doubles/openai_server'
import { uploadTempDir } from '#services/uploads'

/** `node ace queue:work` as a child on the test run's database and Redis: a worker to kill. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['ace.js', 'queue:work', '--no-whatsapp'], {
    cwd: app.appRoot,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  await until(
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}`)
      return output.includes('Workers running')
    },
    'the worker to start',
    30_000
  )
  return child
}

/** SIGKILL, as an out-of-memory killer or a lost machine would; resolves once it is gone. */
function killHard(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

test.group('Recordings: a worker killed mid-transcription', (group) => {
  let double: Awaited<ReturnType<typeof startOpenAIDouble>>
  group.setup(async () => {
    double = await startOpenAIDouble()
    return () => double.close()
  })

  test('a restarted job sends no piece twice: pieces already transcribed are not sent again', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'ana' })
    ;(
      await visit(client, 'providers.openai.update')
        .bearerToken(tenant.secretKey)
        .json({ apiKey: double.apiKey, baseUrl: double.baseUrl })
    ).assertStatus(200)
    // What a crashed worker left long ago: a worker sweeps it as it starts.
    const crashed = join(uploadTempDir(), 'parley-piece-crashed')
    await mkdir(crashed, { recursive: true })
    await writeFile(join(crashed, 'piece-0.mp3'), 'x')
    const longAgo = (Date.now() - 2 * 3600_000) / 1000
    await utimes(join(crashed, 'piece-0.mp3'), longAgo, longAgo)
    await utimes(crashed, longAgo, longAgo)

    const workers: ChildProcess[] = []
    try {
      workers.push(await startWorker())
      assert.isFalse(existsSync(crashed))

      // Every piece is transcribed and stored; the job of the last one is summarising when the
      // worker dies, so BullMQ runs that job again on the next worker.
      double.state.holdSummaries = true
      const before = double.calls.length
      const uploaded = await visit(client, 'recordings.upload')
        .bearerToken(ana.token)
        .file('file', await speechLike(5), { filename: 'meeting.webm' })
      uploaded.assertStatus(201)
      const id = uploaded.body().id
      await until(() => double.state.summariesHeld > 0, 'the summary request', 60_000)
      const sentBeforeKill = double.calls.length - before
      assert.isAtLeast(sentBeforeKill, 2)
      await killHard(workers[0])
      double.state.holdSummaries = false

      workers.push(await startWorker())
      const restarted = performance.now()
      const done = await until(
        async () => {
          const r = (await visit(client, 'recordings.show', { id }).bearerToken(ana.token)).body()
          if (r.status === 'failed') throw new Error(`failed: ${JSON.stringify(r.error)}`)
          return r.status === 'ready' ? r : null
        },
        'the transcript after the restart',
        120_000,
        250
      )
      console.log(
        `  ${sentBeforeKill} pieces sent before the kill; ready ${((performance.now() - restarted) / 1000).toFixed(1)} s after the new worker started`
      )
      const calls = double.calls.slice(before)
      const perPiece = new Map<string, number>()
      for (const c of calls) perPiece.set(c.sha256, (perPiece.get(c.sha256) ?? 0) + 1)
      assert.equal(perPiece.size, sentBeforeKill)
      assert.deepEqual([...perPiece.values()], Array(perPiece.size).fill(1))
      assert.equal(calls.length, sentBeforeKill)
      assert.equal(done.summary?.startsWith('A recording of'), true)
      const { segments } = (
        await visit(client, 'recordings.transcript.show', { id }).bearerToken(ana.token)
      ).body()
      assert.closeTo(segments.at(-1).end, 25, 0.5)
      // Each piece's text once: no piece stitched twice.
      assert.equal(segments.filter((s: any) => s.text.startsWith('words 0 ')).length, perPiece.size)
    } finally {
      double.state.holdSummaries = false
      for (const worker of workers) await killHard(worker)
    }
  }).timeout(180_000)
})
