/*
|--------------------------------------------------------------------------
| Realtime benchmark (run by `npm run bench`, BENCH_ONLY=realtime)
|--------------------------------------------------------------------------
|
| Parley's hub and plain Transmit, side by side on this machine, in one run, on 127.0.0.1:
|   delivery latency to a channel of 1,000 and of 10,000 subscribers (SSE over HTTP),
|   the cost of a broadcast to a 10-member channel while 10,000 streams are open (in process),
|   server memory per open stream (RSS after a full garbage collection, asked for through the
|   server's inspector, with 0 and with 10,000 streams open).
| The streams are opened and read by load generator processes of their own
| (bin/bench/realtime_clients.ts), never by the server's or this process.
| Expects the environment bench.ts prepares (database, Redis, APP_KEY). Prints JSON.
|
*/

import 'reflect-metadata'
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { PassThrough, Writable } from 'node:stream'
import { Ignitor } from '@adonisjs/core'
import { attachInspector, type Inspector } from './bench/inspector.js'

const APP_ROOT = new URL('../', import.meta.url)
const app = new Ignitor(APP_ROOT, {
  importer: (file) => import(file.startsWith('.') ? new URL(file, APP_ROOT).href : file),
})
  .tap((a) => a.booting(async () => void (await import('#start/env'))))
  .createApp('console')
await app.init()
await app.boot()
await app.start(() => {})

const { createTenant } = await import('#services/tenants')
const { publish } = await import('#services/realtime/publisher')
const { channelNames } = await import('#services/realtime/channels')
const { freePort, isListening } = await import('#lib/local_services')
const hub = await import('#services/realtime/hub')
const { Transmit } = await import('@boringnode/transmit')

const now = () => performance.timeOrigin + performance.now()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const log = (line: string) => process.stderr.write(`[bench:realtime] ${line}\n`)
const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1])
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${url} ${response.status} ${await response.text()}`)
  return response.status === 204 ? null : response.json()
}

/** The load generator: processes of their own (bin/bench/realtime_clients.ts), streams spread evenly. */
const LOADERS = 4
type Loader = ChildProcess & { next: (match: (m: any) => boolean) => Promise<any> }
function startLoaders(): Loader[] {
  return Array.from({ length: LOADERS }, () => {
    const child = fork('bin/bench/realtime_clients.ts', [], {
      cwd: APP_ROOT,
      execArgv: ['--import=@poppinss/ts-exec'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }) as Loader
    child.next = (match) =>
      new Promise((resolve, reject) => {
        const onMessage = (message: unknown) => {
          if (!match(message)) return
          child.off('message', onMessage)
          resolve(message)
        }
        child.on('message', onMessage)
        child.once('exit', (code) => reject(new Error(`a load generator exited with ${code}`)))
      })
    children.push(child)
    return child
  })
}

async function collect(loaders: Loader[]) {
  const lists = await Promise.all(
    loaders.map((loader) => {
      const reply = loader.next((m) => Array.isArray(m?.latencies))
      loader.send({ collect: true })
      return reply
    })
  )
  return lists.flatMap((m: { latencies: number[] }) => m.latencies)
}

interface Target {
  name: string
  pid: number
  inspector: Inspector
  /** What a load generator needs to open one of its streams (see realtime_clients.ts). */
  spec(channel: string): Record<string, unknown>
  publish(channel: string): Promise<void>
}

async function measure(target: Target, channels: { big: string; small: string }) {
  const result: Record<string, number> = {}
  const loaders = startLoaders()
  await target.inspector.collectGarbage()
  const rssBefore = rssKb(target.pid)
  for (const [total, events, spacing] of [
    [1000, 30, 60],
    [10_000, 12, 400],
  ] as const) {
    const have = total === 1000 ? 0 : 1000
    log(`${target.name}: opening ${total - have} streams from ${LOADERS} processes`)
    await Promise.all(
      loaders.map((loader) => {
        const opened = loader.next((m) => m?.opened !== undefined)
        loader.send({ open: { ...target.spec(channels.big), count: (total - have) / LOADERS } })
        return opened
      })
    )
    await sleep(500)
    if (total === 10_000) {
      await target.inspector.collectGarbage()
      result.rssPerStreamKb = (rssKb(target.pid) - rssBefore) / total
    }
    await collect(loaders)
    for (let i = 0; i < events; i++) {
      await target.publish(channels.big)
      await sleep(spacing)
    }
    await sleep(1500)
    const latencies = await collect(loaders)
    result[`p50_${total}`] = percentile(latencies, 0.5)
    result[`p99_${total}`] = percentile(latencies, 0.99)
    result[`delivered_${total}`] = latencies.length / (events * total)
  }
  for (const loader of loaders) loader.kill()
  return result
}

/** In process: one broadcast to a 10-member channel while 10,000 other streams are open. */
function broadcastCost() {
  const ITERATIONS = 2000
  // Parley's hub.
  for (let i = 0; i < 10_010; i++) {
    const body = new PassThrough()
    body.resume()
    hub.attachStream({
      id: `s${i}`,
      connection: 'c',
      body,
      channels: new Set([i < 10 ? 'small' : 'big']),
    })
  }
  // Frames of distinct events, made beforehand (the hub writes an event id once).
  const frames = Array.from({ length: ITERATIONS }, (_, i) =>
    hub.frameOf('small', { id: `${i + 1}-0`, type: 'bench', data: { ok: true } })
  )
  let started = performance.now()
  for (let i = 0; i < ITERATIONS; i++) hub.deliverLocal('small', frames[i])
  const ours = ((performance.now() - started) / ITERATIONS) * 1000
  hub.stopHub()

  // Plain Transmit.
  const transmit = new Transmit<unknown>({ pingInterval: false, transport: null })
  for (let i = 0; i < 10_010; i++) {
    const response = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
      writeHead() {},
      flushHeaders() {},
    })
    transmit.createStream({
      uid: `t${i}`,
      context: {},
      request: undefined as never,
      response: response as never,
    })
    void transmit.subscribe({ uid: `t${i}`, channel: i < 10 ? 'small' : 'big', context: {} })
  }
  started = performance.now()
  for (let i = 0; i < ITERATIONS; i++) transmit.broadcast('small', { ok: true })
  const theirs = ((performance.now() - started) / ITERATIONS) * 1000
  return { oursUs: ours, transmitUs: theirs }
}

const children: { kill(): void }[] = []
try {
  const tenant = await createTenant({ name: 'Realtime bench', origins: [] })

  // Parley, as deployed.
  const port = await freePort()
  const ours = spawn(
    process.execPath,
    [
      '--inspect=127.0.0.1:0',
      // BENCH_PROFILE=1: a CPU profile of the hub's server too (see bin/bench.ts).
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${new URL('bench-results/profiles/', APP_ROOT).pathname}`]
        : []),
      '--import=@poppinss/ts-exec',
      'bin/server.ts',
    ],
    {
      cwd: APP_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    }
  )
  children.push(ours)
  const oursInspector = await attachInspector(ours)
  while (!(await isListening(port))) await sleep(50)
  const base = `http://127.0.0.1:${port}`
  const session = (await post(
    `${base}/v1/sessions`,
    { workspace: { id: 'bench' }, user: { id: 'u', role: 'agent' }, ttlSeconds: 3600 },
    tenant.secretKey
  )) as { token: string; tenantId: string; workspaceId: string }
  const oursTarget: Target = {
    name: 'parley',
    pid: ours.pid!,
    inspector: oursInspector,
    spec: (channel) => ({
      ticket: { base, token: session.token },
      subscribe: { url: `${base}/__transmit/subscribe`, channel, token: session.token },
    }),
    publish: async (channel) => void (await publish(channel, 'bench', { sentAt: now() })),
  }
  const channels = {
    big: channelNames.inbox(session.tenantId, session.workspaceId),
    small: channelNames.conversation(
      session.tenantId,
      session.workspaceId,
      '0192f000-0000-7000-8000-0000000000be'
    ),
  }
  const parley = await measure(oursTarget, channels)
  log('parley measured')
  oursInspector.close()
  ours.kill()

  // Plain Transmit.
  const transmitPort = await freePort()
  const baseline = fork('server/tests/bench/transmit_baseline.ts', [String(transmitPort)], {
    cwd: APP_ROOT,
    execArgv: ['--inspect=127.0.0.1:0', '--import=@poppinss/ts-exec'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  children.push(baseline)
  const transmitInspector = await attachInspector(baseline)
  await new Promise((r) => baseline.once('message', r))
  const tbase = `http://127.0.0.1:${transmitPort}`
  const transmitTarget: Target = {
    name: 'transmit',
    pid: baseline.pid!,
    inspector: transmitInspector,
    spec: (channel) => ({
      url: `${tbase}/__transmit/events`,
      subscribe: { url: `${tbase}/__transmit/subscribe`, channel },
    }),
    publish: async (channel) =>
      void (await post(`${tbase}/publish`, { channel, payload: { sentAt: now() } })),
  }
  const transmit = await measure(transmitTarget, { big: 'big', small: 'small' })
  log('transmit measured')
  transmitInspector.close()
  baseline.kill()

  log('broadcast cost, in process')
  const cost = broadcastCost()
  process.stdout.write(`${JSON.stringify({ parley, transmit, cost })}\n`)
} finally {
  for (const child of children) child.kill()
  // Thousands of destroyed sockets and a bus may take a while to wind down; the figures are out.
  await Promise.race([app.terminate(), sleep(3000)])
  process.exit(process.exitCode ?? 0)
}
