/*
|--------------------------------------------------------------------------
| npm run bench
|--------------------------------------------------------------------------
|
| Measures and prints (never asserts) the foundation's figures, all on 127.0.0.1, bounded in
| time: session minting at 50 concurrent, embed config beside a bare node:http handler serving
| the same JSON, the cost of row-level security on a tenant-scoped list, and the inbox's list,
| thread and search over a seeded 1,000,000-message workspace.
|
*/

import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:http'
import autocannon from 'autocannon'
import pg from 'pg'
import { prepareTestEnvironment } from '../server/lib/test_environment.js'
import { isListening } from '../server/lib/local_services.js'
import { appDatabaseUrl } from '../server/lib/database_urls.js'
import { gzipSync } from 'node:zlib'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { launchChromium } from '../server/lib/chromium.js'
import { startDemoHost } from '../embed/demo-host/server.js'
import { freePort } from '../server/lib/local_services.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SEED_COMMON_WORD, SEED_RARE_WORD, seedMember } from '../server/app/services/inbox_seed.js'

const root = new URL('../', import.meta.url)
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`)
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const ORIGIN = 'http://bench.parley.test'
/** BENCH_ONLY=sessions|config|rls|widgets|inbox|outbox|realtime|inbox-scale|recorder runs one part. */
const only = process.env.BENCH_ONLY
const wants = (part: string) => !only || only === part

process.env.DB_POOL_MAX = '10'
process.env.RATE_LIMIT_SESSIONS_PER_MINUTE = '1000000'
process.env.RATE_LIMIT_CONFIG_PER_MINUTE = '1000000'
process.env.LOG_LEVEL = 'warn'
// Production's piece length (the test environment cuts recordings into 10-second pieces).
process.env.RECORDING_PIECE_SECONDS = '600'
const environment = await prepareTestEnvironment(root, say)
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
const ace = (...args: string[]) =>
  execFileSync(process.execPath, ['ace.js', ...args], { cwd: root, env, encoding: 'utf8' })

const children: ReturnType<typeof spawn>[] = []
/** Stops the servers and workers (killed if they have not exited within 5 s), then drops the database. */
async function cleanup() {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    })
  )
  await environment.cleanup()
}

try {
  ace('migration:run', '--force')
  const tenant = JSON.parse(ace('tenant:create', 'Bench', '--origin', ORIGIN, '--json'))
  const noise = JSON.parse(ace('tenant:create', 'Noise', '--origin', ORIGIN, '--json'))

  const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  children.push(server)
  const base = `http://127.0.0.1:${env.PORT}`
  /** The demo host page on a port of its own, allowed for the bench tenant. */
  const startDemo = async () => {
    const demoPort = await freePort()
    const demoOrigin = `http://localhost:${demoPort}`
    ace('tenant:origins', tenant.tenantId, '--add', demoOrigin)
    const demo = await startDemoHost({
      port: demoPort,
      apiUrl: base,
      secretKey: tenant.secretKey,
      publishableKey: tenant.publishableKey,
    })
    return { demo, demoOrigin }
  }
  for (let i = 0; i < 100 && !(await isListening(Number(env.PORT))); i++)
    await new Promise((r) => setTimeout(r, 100))

  const mint = async (secretKey: string, workspace: string, user: string) => {
    const response = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: { id: workspace }, user: { id: user, role: 'agent' } }),
    })
    return (await response.json()) as { token: string; tenantId: string; workspaceId: string }
  }
  // 200 members in the measured workspace, as many in another tenant's.
  let session!: { token: string; tenantId: string; workspaceId: string }
  for (let i = 0; i < 200; i++) {
    session = await mint(tenant.secretKey, 'bench-co', `u_${i}`)
    await mint(noise.secretKey, 'bench-co', `u_${i}`)
  }

  /** The owner (RLS bypassed: a superuser on a developer machine) and the role requests run as. */
  const adminUrl = process.env.DATABASE_URL!
  const appUrl = appDatabaseUrl({
    databaseUrl: adminUrl,
    appKey: process.env.APP_KEY!,
    role: process.env.DATABASE_APP_ROLE,
  })

  const results: [string, string][] = []
  const cannon = (opts: autocannon.Options) =>
    new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ connections: 50, duration: seconds, ...opts }, (error, result) =>
        error ? reject(error) : resolve(result)
      )
    )

  // 1. Session minting: 50 concurrent, each request for one of 1,000 users.
  if (wants('sessions')) {
    say(`POST /v1/sessions, 50 connections, ${seconds} s`)
    let n = 0
    const sessions = await cannon({
      url: `${base}/v1/sessions`,
      method: 'POST',
      headers: {
        'authorization': `Bearer ${tenant.secretKey}`,
        'content-type': 'application/json',
      },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              workspace: { id: 'bench-co' },
              user: { id: `u_${n++ % 1000}`, role: 'agent' },
            }),
          }),
        },
      ],
    })
    results.push([
      'POST /v1/sessions (50 concurrent)',
      `${Math.round(sessions.requests.average)} req/s, p99 ${sessions.latency.p99} ms, errors ${sessions.non2xx + sessions.errors}`,
    ])
  }

  // 2. Embed config beside a bare node:http handler returning the same JSON.
  if (wants('config')) {
    const configUrl = `${base}/v1/embed/config?key=${tenant.publishableKey}`
    const sample = await fetch(configUrl, { headers: { origin: ORIGIN } })
    const body = await sample.text()
    const bare = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(body)
    }).listen(0, '127.0.0.1')
    await new Promise((r) => bare.once('listening', r))
    const barePort = (bare.address() as { port: number }).port
    say(`GET /v1/embed/config vs bare node:http, 50 connections, ${seconds} s each`)
    const bareResult = await cannon({
      url: `http://127.0.0.1:${barePort}/v1/embed/config`,
      headers: { origin: ORIGIN },
    })
    const configResult = await cannon({ url: configUrl, headers: { origin: ORIGIN } })
    bare.close()
    const ratio = configResult.requests.average / bareResult.requests.average
    results.push([
      'GET /v1/embed/config',
      `${Math.round(configResult.requests.average)} req/s, p99 ${configResult.latency.p99} ms, errors ${configResult.non2xx + configResult.errors}`,
    ])
    results.push([
      'bare node:http, same JSON',
      `${Math.round(bareResult.requests.average)} req/s, p99 ${bareResult.latency.p99} ms`,
    ])
    results.push(['ratio (goal >= 0.6)', ratio.toFixed(2)])
  }

  // 3. RLS cost: the members list as the app role (RLS) and as the owner (RLS bypassed).
  if (wants('rls')) {
    const pools = {
      rls: new pg.Pool({ connectionString: appUrl, max: 1 }),
      bypass: new pg.Pool({ connectionString: adminUrl, max: 1 }),
    }
    const sql =
      'select * from members where tenant_id = $1 and workspace_id = $2 order by id desc limit 50'
    const timings: Record<'rls' | 'bypass', number[]> = { rls: [], bypass: [] }
    const once = async (kind: 'rls' | 'bypass') => {
      const client = await pools[kind].connect()
      const started = process.hrtime.bigint()
      await client.query('begin')
      await client.query(
        `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true),
                set_config('max_parallel_workers_per_gather', '0', true)`,
        [session.tenantId, session.workspaceId]
      )
      const { rowCount } = await client.query(sql, [session.tenantId, session.workspaceId])
      await client.query('commit')
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6)
      client.release()
      if (rowCount !== 50) throw new Error(`${kind} returned ${rowCount} rows`)
    }
    say('RLS cost: 3,000 interleaved transactions each way')
    for (let i = 0; i < 3000; i++) {
      await once('rls')
      await once('bypass')
    }
    await Promise.all([pools.rls.end(), pools.bypass.end()])
    const p95 = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length * 0.95)]
    const rlsP95 = p95(timings.rls.slice(200))
    const bypassP95 = p95(timings.bypass.slice(200))
    results.push(['members list p95, RLS on (app role)', `${rlsP95.toFixed(3)} ms`])
    results.push(['members list p95, RLS bypassed (owner)', `${bypassP95.toFixed(3)} ms`])
    results.push(['RLS cost (goal <= 1.1x)', `${(rlsP95 / bypassP95).toFixed(2)}x`])
  }

  // 4. Widget budgets: sizes over the wire, and script tag to interactive launcher.
  if (wants('widgets')) {
    execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
      cwd: root,
    })
    const gz = async (file: string) =>
      gzipSync(await readFile(new URL(`dist/public/${file}`, root)), { level: 9 }).length
    const files = await readdir(new URL('dist/public/widgets', root))
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
    results.push(['loader embed.js, gzip (budget 3 kB)', kb(await gz('embed.js'))])
    const kit = files.find((f) => f.startsWith('kit-'))!
    results.push(['kit + Lit chunk, gzip (budget 15 kB)', kb(await gz(`widgets/${kit}`))])
    for (const file of files.filter((f) => f !== kit)) {
      results.push([`  ${file.split('-')[0]} chunk alone, gzip`, kb(await gz(`widgets/${file}`))])
    }

    const { demo, demoOrigin } = await startDemo()
    const browser = await launchChromium()
    say('script tag to interactive launcher: 10 cold loads')
    const fromScript: number[] = []
    const fromNavigation: number[] = []
    for (let i = 0; i < 10; i++) {
      // A new context is a cold cache: the loader, chunks and theme come over the network each time.
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.addInitScript(() =>
        customElements.whenDefined('parley-launcher').then(async () => {
          const launcher = document.querySelector('parley-launcher') as unknown as {
            updateComplete: Promise<unknown>
          }
          await launcher.updateComplete
          ;(window as unknown as { interactiveAt: number }).interactiveAt = performance.now()
        })
      )
      await page.goto(`${demoOrigin}/`)
      await page.waitForFunction(
        () => (window as unknown as { interactiveAt?: number }).interactiveAt
      )
      const timing = await page.evaluate(() => {
        const script = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/embed.js'))!
        const at = (window as unknown as { interactiveAt: number }).interactiveAt
        return { fromScript: at - script.startTime, fromNavigation: at }
      })
      fromScript.push(timing.fromScript)
      fromNavigation.push(timing.fromNavigation)
      await context.close()
    }
    await browser.close()
    demo.close()
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
    results.push([
      'script tag to interactive launcher, median of 10 cold',
      `${median(fromScript).toFixed(0)} ms`,
    ])
    results.push([
      'navigation start to interactive launcher, median',
      `${median(fromNavigation).toFixed(0)} ms`,
    ])
  }

  // 5. Inbox: from POST …/messages to the other member's widget showing it.
  if (wants('inbox')) {
    execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
      cwd: root,
    })
    const { demo, demoOrigin } = await startDemo()
    const ana = await mint(tenant.secretKey, 'demo-co', 'u_ana')
    const started = await fetch(`${base}/v1/conversations`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${ana.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'web',
        contact: { email: 'bench@x.test', name: 'Bench' },
        body: 'start',
      }),
    })
    const conversation = (await started.json()) as { id: string }
    const browser = await launchChromium()
    const page = await browser.newPage()
    await page.goto(`${demoOrigin}/?user=bruno`)
    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-inbox .item', { hasText: 'Bench' }).click()
    await page.locator('parley-inbox [part~="bubble"]', { hasText: 'start' }).waitFor()
    // The page notes when each message appears in Bruno's thread.
    await page.evaluate(() => {
      const seen: Record<string, number> = ((window as any).seen = {})
      const inbox = document
        .querySelector('parley-launcher')!
        .shadowRoot!.querySelector('parley-inbox')!
      const thread = inbox.shadowRoot!.querySelector('[part="messages"]')!
      new MutationObserver(() => {
        for (const body of thread.querySelectorAll('.body')) {
          const text = body.textContent ?? ''
          if (text.startsWith('bench-') && !seen[text])
            seen[text] = performance.timeOrigin + performance.now()
        }
      }).observe(thread, { childList: true, subtree: true })
    })
    say("inbox: 60 messages from Ana to Bruno's open thread")
    const latencies: number[] = []
    for (let i = 0; i < 60; i++) {
      const text = `bench-${i}`
      const sentAt = performance.timeOrigin + performance.now()
      await fetch(`${base}/v1/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: { 'authorization': `Bearer ${ana.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: text }),
      })
      await page.waitForFunction((t) => (window as any).seen[t], text, { timeout: 10_000 })
      const shownAt = await page.evaluate((t) => (window as any).seen[t], text)
      if (i >= 10) latencies.push(shownAt - sentAt)
      await new Promise((r) => setTimeout(r, 30))
    }
    await browser.close()
    demo.close()
    latencies.sort((a, b) => a - b)
    const at = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]
    results.push([
      "inbox: POST message to other member's widget, p50 / p99 (goal p99 < 100 ms)",
      `${at(0.5).toFixed(1)} / ${at(0.99).toFixed(1)} ms`,
    ])
  }

  // 6. Recorder: a long recording through the whole pipeline, against a provider that takes time.
  if (wants('recorder')) {
    const { startOpenAIDouble } = await import('../server/tests/doubles/openai_server.js')
    // Loaded here, once the environment is prepared (they read the validated env).
    const { ffmpegPath } = await import('../server/app/services/recordings/audio.js')
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
    const completed = await fetch(`${base}/v1/recordings/${created.id}/complete`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ chunks: n }),
    })
    if (completed.status !== 202)
      throw new Error(`complete: ${completed.status} ${await completed.text()}`)
    const acceptedSeconds = (performance.now() - completeStart) / 1000
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
    const provider = double.calls.map((c) => c.ms / 1000)
    const summed = provider.reduce((a, b) => a + b, 0)
    const longest = Math.max(...provider)
    await double.close()
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
      'recorder: pipeline overhead, (wall − longest piece) / wall (goal < 5%)',
      `${(((wall - longest) / wall) * 100).toFixed(1)} %`,
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

  // 5. Realtime: Parley's hub beside plain Transmit (a process of its own: it boots the app).
  if (wants('realtime')) {
    say('realtime: Parley beside plain Transmit (1,000 then 10,000 streams each; takes a minute)')
    const out = execFileSync(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/bench_realtime.ts'],
      {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 10 * 1024 * 1024,
      }
    )
    const { parley, transmit, cost } = JSON.parse(out.trim().split('\n').pop()!)
    const ms = (v: number) => `${v.toFixed(1)} ms`
    const row = (label: string, a: string, b: string) =>
      results.push([label, `${a.padEnd(12)} ${b}`])
    row('realtime                                   ', 'Parley', 'Transmit')
    row(
      'delivery p50 / p99, 1,000 subscribers',
      `${ms(parley.p50_1000)} / ${ms(parley.p99_1000)}`,
      `${ms(transmit.p50_1000)} / ${ms(transmit.p99_1000)}`
    )
    row(
      'delivery p50 / p99, 10,000 subscribers',
      `${ms(parley.p50_10000)} / ${ms(parley.p99_10000)}`,
      `${ms(transmit.p50_10000)} / ${ms(transmit.p99_10000)}`
    )
    row(
      'share of events delivered',
      `${(parley.delivered_10000 * 100).toFixed(1)}%`,
      `${(transmit.delivered_10000 * 100).toFixed(1)}%`
    )
    row(
      'broadcast to 10 of 10,000 open',
      `${cost.oursUs.toFixed(1)} µs`,
      `${cost.transmitUs.toFixed(1)} µs`
    )
    row(
      'server memory per open stream',
      `${parley.rssPerStreamKb.toFixed(1)} KB`,
      `${transmit.rssPerStreamKb.toFixed(1)} KB`
    )
  }

  // The outbox: how fast a backlog recorded during a Redis outage leaves once Redis is back.
  if (wants('outbox')) {
    say('outbox: 10,000 events recorded while Redis is down, then drained')
    const out = execFileSync(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/bench/outbox.ts'],
      {
        cwd: root,
        env: { ...env, BENCH_TENANT: JSON.stringify(tenant) },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }
    )
    const outbox = JSON.parse(out.trim().split('\n').pop()!)
    results.push([
      `outbox: ${outbox.backlog.toLocaleString('en')} events queued in an outage, Redis back → drained`,
      `${(outbox.drainMs / 1000).toFixed(2)} s`,
    ])
    results.push(['outbox: relay throughput', `${Math.round(outbox.eventsPerSecond)} events/s`])
  }

  // 6. Inbox at scale: list, thread page and search in a workspace of 100,000 conversations and
  // 1,000,000 messages, beside other workspaces of the tenant and another tenant's (a tenth each).
  if (wants('inbox-scale')) {
    const conversations = Number(process.env.BENCH_INBOX_CONVERSATIONS ?? 100_000)
    const messages = Number(process.env.BENCH_INBOX_MESSAGES ?? 1_000_000)
    const tenth = (n: number) => String(Math.max(1, Math.ceil(n / 10)))
    const fmt = (n: number) => n.toLocaleString('en')
    const seed = (tenantId: string, ...args: string[]) =>
      execFileSync(process.execPath, ['ace.js', 'inbox:seed', tenantId, ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      })
    // Signed in first (which creates the workspace, empty): a keep-alive socket left idle through
    // the seed would be closed by the server under the next fetch.
    const agent = await mint(tenant.secretKey, 'scale-co', seedMember(1))
    say(`inbox-scale: seeding ${fmt(conversations)} conversations, ${fmt(messages)} messages`)
    const seedStarted = performance.now()
    seed(
      tenant.tenantId,
      '--workspace',
      'scale-co',
      '--conversations',
      String(conversations),
      '--messages',
      String(messages),
      '--noise-conversations',
      tenth(conversations)
    )
    const seedSeconds = (performance.now() - seedStarted) / 1000
    seed(
      noise.tenantId,
      '--workspace',
      'scale-co',
      '--conversations',
      tenth(conversations),
      '--messages',
      tenth(messages),
      '--noise-workspaces',
      '0'
    )
    results.push([
      `inbox-scale: inbox:seed ${fmt(conversations)} conversations / ${fmt(messages)} messages, + noise`,
      `${seedSeconds.toFixed(1)} s`,
    ])

    const headers = { authorization: `Bearer ${agent.token}` }
    // Threads from all over the year, so most pages are not the few hot ones.
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    const { rows } = await admin.query(
      'select id from conversations where tenant_id = $1 and workspace_id = $2 order by random() limit 2000',
      [agent.tenantId, agent.workspaceId]
    )
    const member = await admin.query(
      'select id from members where tenant_id = $1 and workspace_id = $2 and external_id = $3',
      [agent.tenantId, agent.workspaceId, seedMember(1)]
    )
    await admin.end()
    const threadIds = rows.map((r) => r.id as string)
    const memberId = member.rows[0].id as string

    /** What ConversationsController.index and MessagesController.index run, for EXPLAIN. */
    const unread = `(select count(*) from messages m
       where m.tenant_id = conversations.tenant_id and m.conversation_id = conversations.id
         and m.deleted_at is null and (m.author_member_id is null or m.author_member_id <> $3)
         and m.id > coalesce((select r.last_read_message_id from conversation_reads r
                               where r.tenant_id = conversations.tenant_id and r.conversation_id = conversations.id
                                 and r.member_id = $3), '00000000-0000-0000-0000-000000000000'::uuid))::int as unread`
    const list = (where = '') =>
      `select conversations.*, ${unread} from conversations
        where tenant_id = $1 and workspace_id = $2 ${where}
        order by last_message_at desc, id desc limit 51`
    // Two newest-first walks, one per half, as the controller does (an OR scans every tenant's rows).
    const walk = (table: 'messages' | 'contacts', on: string) =>
      `(select id from conversations where tenant_id = $1 and workspace_id = $2
          and exists (select 1 from ${table} where ${table}.tenant_id = conversations.tenant_id
                        and ${on} and ${table}.search @@ plainto_tsquery('simple', $4))
          order by last_message_at desc, id desc limit 51)`
    const search = list(
      `and id in (select id from (${walk(
        'messages',
        'messages.conversation_id = conversations.id'
      )} union ${walk('contacts', 'contacts.id = conversations.contact_id')}) matched)`
    )
    const scope = [agent.tenantId, agent.workspaceId]
    const cases: { label: string; path: () => string; sql: string; params: string[] }[] = [
      {
        label: 'GET /v1/conversations?limit=50',
        path: () => '/v1/conversations?limit=50',
        sql: list(),
        params: [...scope, memberId],
      },
      {
        label: `GET …/:id/messages?limit=50 (${fmt(threadIds.length)} threads in turn)`,
        path: (() => {
          let n = 0
          return () => `/v1/conversations/${threadIds[n++ % threadIds.length]}/messages?limit=50`
        })(),
        sql: `select * from messages where tenant_id = $1 and conversation_id = $2 order by id desc limit 51`,
        params: [agent.tenantId, threadIds[0]],
      },
      {
        label: `GET /v1/conversations?q=${SEED_COMMON_WORD} (common word)`,
        path: () => `/v1/conversations?limit=50&q=${SEED_COMMON_WORD}`,
        sql: search,
        params: [...scope, memberId, SEED_COMMON_WORD],
      },
      {
        label: `GET /v1/conversations?q=${SEED_RARE_WORD} (rare word)`,
        path: () => `/v1/conversations?limit=50&q=${SEED_RARE_WORD}`,
        sql: search,
        params: [...scope, memberId, SEED_RARE_WORD],
      },
      {
        label: 'GET /v1/conversations?status=open&assignee=me',
        path: () => '/v1/conversations?limit=50&status=open&assignee=me',
        sql: list(`and status = 'open' and assignee_id = $3`),
        params: [...scope, memberId],
      },
    ]
    /** The plan as a request's transaction gets it: the app role, RLS on, tenant and workspace set. */
    const explain = async (sql: string, params: string[]) => {
      const client = new pg.Client({ connectionString: appUrl })
      await client.connect()
      await client.query('begin')
      await client.query(
        `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true),
                set_config('max_parallel_workers_per_gather', '0', true)`,
        scope
      )
      const plan = await client.query(`explain (analyze, buffers) ${sql}`, params)
      await client.query('rollback')
      await client.end()
      return plan.rows.map((r) => r['QUERY PLAN'] as string)
    }

    for (const { label, path, sql, params } of cases) {
      say(`inbox-scale: ${label}, 50 connections, ${seconds} s`)
      const result = await cannon({
        url: base,
        headers,
        // A slow query is measured, not cut short at autocannon's 10 s default.
        timeout: 60,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }],
      })
      // Requests still queued in the server when the run ended would slow the next run: one more
      // request, on a fresh connection, comes back once they are done.
      await cannon({
        url: `${base}/v1/conversations?limit=1`,
        headers,
        connections: 1,
        amount: 1,
        timeout: 300,
      })
      // Completed over the run: a slow query completes too few a second for autocannon's average.
      const rate = result.requests.total / result.duration
      results.push([
        `inbox-scale: ${label}`,
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} req/s, errors ${result.non2xx + result.errors}`,
      ])
      if (result.latency.p50 > 100) {
        say(`inbox-scale: p50 over 100 ms; EXPLAIN (ANALYZE, BUFFERS) as the app role:`)
        for (const line of await explain(sql, params)) say(`  ${line}`)
      }
    }
  }

  process.stdout.write('\nParley benchmark (127.0.0.1, this machine)\n')
  const width = Math.max(...results.map(([k]) => k.length))
  for (const [key, value] of results) process.stdout.write(`  ${key.padEnd(width)}  ${value}\n`)
} finally {
  await cleanup()
}
