import { execFileSync, spawn } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchContext } from './context.js'

/**
 * CPU seconds a process has used itself, and its children (ffmpeg, for the worker) once exited:
 * from /proc (Linux; zeros elsewhere).
 */
async function cpuOf(pid: number | undefined) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    // Fields 14–17 of stat (utime, stime, cutime, cstime) are 11–14 after the name and state.
    const tick = 100
    return { own: (fields[11] + fields[12]) / tick, children: (fields[13] + fields[14]) / tick }
  } catch {
    return { own: 0, children: 0 }
  }
}

/** Recorder: a long recording through the whole pipeline, against a provider that takes time. */
export default async function recorderPart(ctx: BenchContext) {
  const { root, env, base, tenant, mint, say, results, children } = ctx
  const { startOpenAIDouble } = await import('../../server/tests/doubles/openai_server.js')
  // Loaded here, once the environment is prepared (they read the validated env).
  const { ffmpegPath } = await import('../../server/app/services/recordings/audio.js')
  const minutes = Number(process.env.BENCH_RECORDING_MINUTES ?? 60)
  const pace = Number(process.env.BENCH_PROVIDER_MS_PER_AUDIO_MINUTE ?? 3000)
  const double = await startOpenAIDouble({ delayPerAudioMinuteMs: pace })
  const worker = spawn(process.execPath, ['ace.js', 'queue:work', '--no-whatsapp'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  children.push(worker)
  await fetch(`${base}/v1/providers/openai`, {
    method: 'PUT',
    headers: {
      'authorization': `Bearer ${tenant.secretKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ apiKey: double.apiKey, baseUrl: double.baseUrl }),
  })
  const rec = await mint(tenant.secretKey, 'rec-co', 'u_rec')
  await fetch(`${base}/v1/workspaces/${rec.workspaceId}`, {
    method: 'PATCH',
    headers: {
      'authorization': `Bearer ${tenant.secretKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ transcriptionMinutesQuota: 1_000_000 }),
  })

  // Tone for 8 s, silence for 1 s, over and over: pieces can be cut in a silence.
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  const file = join(dir, 'meeting.webm')
  say(`recorder: making a ${minutes}-minute recording`)
  execFileSync(ffmpegPath(), [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc='if(lt(mod(t,9),8),0.4*sin(2*PI*(220+20*mod(floor(t/9),7))*t),0)':s=16000:d=${minutes * 60}`,
    '-c:a',
    'libopus',
    '-b:a',
    '24k',
    file,
  ])
  const bytes = await readFile(file)
  await rm(dir, { recursive: true, force: true })

  const auth = { authorization: `Bearer ${rec.token}` }
  const creating = await fetch(`${base}/v1/recordings`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench', mimeType: 'audio/webm;codecs=opus' }),
  })
  const created = (await creating.json()) as { id: string }
  const chunkSize = 4 * 1024 * 1024
  const uploadStart = performance.now()
  let n = 0
  for (let offset = 0; offset < bytes.length; offset += chunkSize, n++) {
    const put = await fetch(`${base}/v1/recordings/${created.id}/chunks/${n}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes.subarray(offset, offset + chunkSize)),
    })
    if (put.status !== 204) throw new Error(`chunk ${n}: ${put.status}`)
  }
  const uploadSeconds = (performance.now() - uploadStart) / 1000
  const completeStart = performance.now()
  const completedAt = Date.now()
  const load = loadavg()[0]
  const completed = await fetch(`${base}/v1/recordings/${created.id}/complete`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ chunks: n }),
  })
  if (completed.status !== 202)
    throw new Error(`complete: ${completed.status} ${await completed.text()}`)
  const acceptedSeconds = (performance.now() - completeStart) / 1000
  const cpuAtComplete = await cpuOf(worker.pid)
  say(`recorder: transcribing (provider pace ${pace} ms per audio minute)`)
  for (;;) {
    const polled = await fetch(`${base}/v1/recordings/${created.id}`, { headers: auth })
    const state = (await polled.json()) as { status: string; error: unknown }
    if (state.status === 'ready') break
    if (state.status === 'failed')
      throw new Error(`recording failed: ${JSON.stringify(state.error)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const wall = (performance.now() - completeStart) / 1000
  const cpuAtReady = await cpuOf(worker.pid)
  const provider = double.calls.map((c) => c.ms / 1000)
  const summed = provider.reduce((a, b) => a + b, 0)
  const longest = Math.max(...provider)
  await double.close()
  // When each piece reached the provider and when its answer went back (the double's delay).
  const received = double.calls.map((c) => (c.at - completedAt) / 1000)
  const answered = double.calls.map((c, i) => received[i] + (c.duration / 60) * (pace / 1000))
  const mb = bytes.length / 1024 / 1024
  results.push([
    `recorder: upload of a ${minutes}-min recording (${mb.toFixed(1)} MB in ${n} chunks)`,
    `${(mb / uploadSeconds).toFixed(1)} MB/s`,
  ])
  results.push([
    'recorder: complete (assemble, check, store) answered in',
    `${acceptedSeconds.toFixed(1)} s`,
  ])
  results.push(['recorder: complete → transcript ready, wall', `${wall.toFixed(1)} s`])
  results.push([
    `recorder: provider time over ${provider.length} pieces, summed / longest`,
    `${summed.toFixed(1)} / ${longest.toFixed(1)} s`,
  ])
  results.push([
    'recorder: speedup from parallel pieces (summed provider time / wall)',
    `${(summed / wall).toFixed(2)}x`,
  ])
  results.push([
    'recorder: pipeline overhead, (wall − longest piece) / wall (goal < 10%)',
    `${(((wall - longest) / wall) * 100).toFixed(1)} %`,
  ])
  results.push([
    'recorder: where the wall goes: first / last piece at the provider, last answer, ready (s after complete)',
    `${Math.min(...received).toFixed(1)} / ${Math.max(...received).toFixed(1)} / ${Math.max(...answered).toFixed(1)} / ${wall.toFixed(1)}`,
  ])
  results.push([
    `recorder: CPU from complete to ready: ffmpeg / the worker itself (machine load ${load.toFixed(1)} on ${availableParallelism()} cores)`,
    `${(cpuAtReady.children - cpuAtComplete.children).toFixed(1)} / ${(cpuAtReady.own - cpuAtComplete.own).toFixed(1)} s`,
  ])
  const built = JSON.parse(await readFile(new URL('dist/public/chunks.json', root), 'utf8')) as {
    chunks: Record<string, string>
  }
  const recorderChunk = built.chunks.recorder?.replace('/widgets/', '')
  if (recorderChunk) {
    const files = await readdir(new URL('dist/public/widgets/', root))
    const size = async (prefix: string) => {
      const name = files.find((f) => f.startsWith(`${prefix}-`))
      return name
        ? gzipSync(await readFile(new URL(`dist/public/widgets/${name}`, root))).length
        : 0
    }
    const total =
      (await size('kit')) +
      (await size('shared')) +
      (await size('realtime')) +
      gzipSync(await readFile(new URL(`dist/public/widgets/${recorderChunk}`, root))).length
    results.push([
      'recorder: widget over the wire with kit, shared helpers and realtime, gzip (goal ≤ 35 kB)',
      `${(total / 1024).toFixed(1)} kB`,
    ])
  }
}
