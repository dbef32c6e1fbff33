import { spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'
import type autocannon from 'autocannon'
import pg from 'pg'
import {
  SEED_COMMON_WORD,
  SEED_RARE_WORD,
  SEEDED_TABLES,
  seedMember,
} from '../../server/app/services/inbox_seed.js'
import { freePort, isListening } from '../../server/lib/local_services.js'
import type { BenchContext } from './context.js'

/**
 * Inbox at scale: three workspaces of one tenant, of 10k, 100k and 1M messages (1k, 10k and 100k
 * conversations; BENCH_INBOX_CONVERSATIONS / BENCH_INBOX_MESSAGES set the largest), seeded in the
 * same database beside another tenant's. For each: the list, a thread page, a filtered list, search
 * for a common and a rare word and a message POST: the app alone at 50 connections (req/s, p50,
 * p99), then side by side with a bare node:http + pg handler running the same SQL as the same role
 * under the same RLS (inbox_bare_server.ts), 25 connections each at once, for the ratio: measured
 * one after the other, the ratio moved with whatever else the machine was doing (the list's 0.76,
 * 3.92 and 1.19 at the three sizes of one run on a machine shared with other test runs).
 */

interface Size {
  label: string
  conversations: number
  messages: number
  workspace: string
}
interface Figures {
  rate: number
  p50: number
  p99: number
  errors: number
}

const fmt = (n: number) => n.toLocaleString('en')
const short = (n: number) =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : fmt(n)

export default async function inboxScalePart(ctx: BenchContext) {
  const { root, env, base, tenant, noise, mint, cannon, say, seconds, results, adminUrl, appUrl } =
    ctx
  const duration = Number(process.env.BENCH_INBOX_SECONDS ?? Math.max(2, Math.round(seconds / 2)))
  const conversations = Number(process.env.BENCH_INBOX_CONVERSATIONS ?? 100_000)
  const messages = Number(process.env.BENCH_INBOX_MESSAGES ?? 1_000_000)
  const sizes: Size[] = [100, 10, 1].map((d) => {
    const size = { conversations: Math.ceil(conversations / d), messages: Math.ceil(messages / d) }
    return { ...size, label: short(size.messages), workspace: `scale-${short(size.messages)}` }
  })

  // Signed in first (which creates each workspace, empty): a keep-alive socket left idle through
  // the seed would be closed by the server under the next fetch.
  const agents = []
  for (const size of sizes) agents.push(await mint(tenant.secretKey, size.workspace, seedMember(1)))

  // Every workspace at once (the largest takes nearly all the time), and another tenant's noise.
  const seed = (tenantId: string, size: Pick<Size, 'workspace' | 'conversations' | 'messages'>) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          'ace.js',
          'inbox:seed',
          tenantId,
          '--workspace',
          size.workspace,
          '--conversations',
          String(size.conversations),
          '--messages',
          String(size.messages),
          '--noise-workspaces',
          '0',
          // Once for all below: each seed's own would scan the others' rows still being written.
          '--skip-vacuum',
        ],
        { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] }
      )
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.once('error', reject)
      child.once('exit', (code) => {
        const last = output.trim().split('\n').at(-1) ?? ''
        if (code !== 0) reject(new Error(`inbox:seed ${size.workspace} exited ${code}: ${last}`))
        else {
          say(`inbox-scale: ${stripVTControlCharacters(last)}`)
          resolve()
        }
      })
    })
  const total = sizes.reduce((sum, s) => sum + s.messages, 0)
  const largest = sizes.at(-1)!
  const noiseSize = {
    workspace: 'scale-noise',
    conversations: Math.ceil(largest.conversations / 100),
    messages: Math.ceil(largest.messages / 100),
  }
  say(
    `inbox-scale: seeding ${sizes.map((s) => `${fmt(s.conversations)} / ${fmt(s.messages)}`).join(', ')} ` +
      `conversations / messages, and another tenant's ${fmt(noiseSize.messages)} messages`
  )
  const seedStarted = performance.now()
  await Promise.all([
    seed(noise.tenantId, noiseSize),
    ...sizes.map((size) => seed(tenant.tenantId, size)),
  ])
  // Fresh statistics and visibility map (as inbox:seed does alone), once for all four.
  const vacuumStarted = performance.now()
  const owner = new pg.Client({ connectionString: adminUrl })
  await owner.connect()
  await owner.query(`vacuum (analyze) ${SEEDED_TABLES}`)
  await owner.end()
  const seedSeconds = (performance.now() - seedStarted) / 1000
  results.push([
    `inbox-scale: inbox:seed ${fmt(total + noiseSize.messages)} messages in 4 workspaces, at once`,
    `${seedSeconds.toFixed(1)} s (vacuum ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s)`,
  ])

  // What each workspace's requests need: the member, the key, threads from all over the year and
  // web conversations to write to (a member's WhatsApp message would go to the provider).
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const rowsOf = async (sql: string, values: unknown[]) => {
    const result = await admin.query(sql, values)
    return result.rows
  }
  const [key] = await rowsOf(
    `select id from api_keys where tenant_id = $1 and type = 'secret' limit 1`,
    [tenant.tenantId]
  )
  const places = []
  for (const agent of agents) {
    const ids = async (where: string) => {
      const rows = await rowsOf(
        `select id from conversations where tenant_id = $1 and workspace_id = $2 ${where}
          order by random() limit 2000`,
        [agent.tenantId, agent.workspaceId]
      )
      return rows.map((r) => r.id as string)
    }
    const [member] = await rowsOf(
      'select id, role from members where tenant_id = $1 and workspace_id = $2 and external_id = $3',
      [agent.tenantId, agent.workspaceId, seedMember(1)]
    )
    places.push({
      agent,
      threads: await ids(''),
      web: await ids(`and channel = 'web'`),
      bareHeaders: {
        'x-bench-tenant': agent.tenantId,
        'x-bench-workspace': agent.workspaceId,
        'x-bench-member': member.id as string,
        'x-bench-key': key.id as string,
        'x-bench-role': member.role as string,
      },
    })
  }
  await admin.end()

  // The bare server: as many processes as the app's (WEB_CONCURRENCY), the app's pool size.
  const barePort = await freePort()
  const bare = spawn(
    process.execPath,
    [
      // BENCH_PROFILE=1: a CPU profile of the bare server too (see bin/bench.ts).
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${new URL('bench-results/profiles/', root).pathname}`]
        : []),
      '--import=@poppinss/ts-exec',
      'bin/bench/inbox_bare_server.ts',
    ],
    {
      cwd: root,
      env: { ...env, BARE_DATABASE_URL: appUrl, PORT: String(barePort) },
      stdio: ['ignore', 'inherit', 'inherit'],
    }
  )
  ctx.children.push(bare)
  for (let i = 0; i < 600 && !(await isListening(barePort)); i++)
    await new Promise((r) => setTimeout(r, 100))
  if (!(await isListening(barePort))) throw new Error('The bare inbox server did not start')
  const bareBase = `http://127.0.0.1:${barePort}`

  /** Requests each server answered, to read its CPU profile per request. */
  const served = new Map<string, number>()
  /** A load of `connections` for `duration` (or `amount` requests), `paths` in turn. */
  const load = async (
    url: string,
    headers: Record<string, string>,
    paths: () => string,
    method: 'GET' | 'POST',
    opts: { connections: number; amount?: number; duration?: number }
  ): Promise<Figures> => {
    const result = await cannon({
      url,
      headers: method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers,
      // A slow query is measured, not cut short at autocannon's 10 s default.
      timeout: 60,
      requests: [
        {
          method,
          ...(method === 'POST' ? { body: JSON.stringify({ body: 'bench reply' }) } : {}),
          setupRequest: (request: autocannon.Request) => ({ ...request, path: paths() }),
        },
      ] as autocannon.Request[],
      ...opts,
    })
    served.set(url, (served.get(url) ?? 0) + result.requests.total)
    return {
      // Completed over the run: a slow query completes too few a second for autocannon's average.
      rate: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors,
    }
  }
  /**
   * Requests still queued in a server when a run ended would slow the next run: one more
   * request, on a fresh connection, comes back once they are done.
   */
  const drain = (url: string, headers: Record<string, string>) =>
    cannon({
      url: `${url}/v1/conversations?limit=1`,
      headers,
      connections: 1,
      amount: 1,
      timeout: 300,
    })

  const turn = (paths: string[]) => {
    let n = 0
    return () => paths[n++ % paths.length]
  }

  const table: string[][] = []
  const rate = (r: number) => (r < 10 ? r.toFixed(1) : String(Math.round(r)))
  for (const [i, size] of sizes.entries()) {
    const place = places[i]
    const app = { authorization: `Bearer ${place.agent.token}` }
    const threads = turn(place.threads.map((id) => `/v1/conversations/${id}/messages?limit=50`))
    const posts = turn(place.web.map((id) => `/v1/conversations/${id}/messages`))
    const cases: {
      name: string
      path: () => string
      method?: 'POST'
      bare: boolean
    }[] = [
      { name: 'list', path: () => '/v1/conversations?limit=50', bare: true },
      { name: 'thread page', path: threads, bare: true },
      {
        name: 'list, status=open&assignee=me',
        path: () => '/v1/conversations?limit=50&status=open&assignee=me',
        bare: true,
      },
      {
        name: `search, common word (${SEED_COMMON_WORD})`,
        path: () => `/v1/conversations?limit=50&q=${SEED_COMMON_WORD}`,
        bare: false,
      },
      {
        name: `search, rare word (${SEED_RARE_WORD})`,
        path: () => `/v1/conversations?limit=50&q=${SEED_RARE_WORD}`,
        bare: false,
      },
      { name: 'message POST', path: posts, method: 'POST', bare: true },
    ]
    // BENCH_INBOX_CASES=POST,thread: only the cases whose names contain one of these.
    const chosen = process.env.BENCH_INBOX_CASES?.split(',')
    for (const c of cases) {
      if (chosen && !chosen.some((part) => c.name.includes(part))) continue
      const method = c.method ?? 'GET'
      say(`inbox-scale ${size.label}: ${c.name}, ${duration} s`)
      // Warm: the first requests of a statement prepare it on each pooled connection, and the
      // first of a path compile its code.
      const warm = { connections: 10, amount: 20 }
      if (c.bare) await load(bareBase, place.bareHeaders, c.path, method, warm)
      await load(base, app, c.path, method, warm)
      // The app alone at 50 connections: its throughput and latencies.
      const ours = await load(base, app, c.path, method, { connections: 50, duration })
      await drain(base, app)
      // The bare server alone at 50 connections too: its p99 is the floor this machine sets.
      const bareAlone = c.bare
        ? await load(bareBase, place.bareHeaders, c.path, method, { connections: 50, duration })
        : undefined
      if (bareAlone) await drain(bareBase, place.bareHeaders)
      // Then beside the bare server, 25 connections each at the same time: both share whatever
      // else the machine is doing, so their ratio holds on a busy machine.
      const side = c.bare
        ? await Promise.all([
            load(base, app, c.path, method, { connections: 25, duration }),
            load(bareBase, place.bareHeaders, c.path, method, { connections: 25, duration }),
          ])
        : undefined
      if (side) await Promise.all([drain(base, app), drain(bareBase, place.bareHeaders)])
      const [appSide, bareSide] = side ?? []
      const row = [
        size.label,
        c.name,
        rate(ours.rate),
        String(ours.p50),
        String(ours.p99),
        bareAlone ? String(bareAlone.p99) : '–',
        appSide ? rate(appSide.rate) : '–',
        bareSide ? rate(bareSide.rate) : '–',
        appSide && bareSide ? (appSide.rate / bareSide.rate).toFixed(2) : '–',
        String(
          ours.errors + (bareAlone?.errors ?? 0) + (appSide?.errors ?? 0) + (bareSide?.errors ?? 0)
        ),
      ]
      table.push(row)
      results.push([
        `inbox-scale ${size.label} msgs: ${c.name}`,
        `${rate(ours.rate)} req/s, p50 ${ours.p50} ms, p99 ${ours.p99} ms` +
          (bareAlone ? ` (bare alone p99 ${row[5]} ms)` : '') +
          (side ? `; side by side app ${row[6]} / bare ${row[7]} req/s, ratio ${row[8]}` : '') +
          `, errors ${row[9]}`,
      ])
    }
  }
  if (process.env.BENCH_PROFILE)
    say(`inbox-scale: requests answered: app ${served.get(base)}, bare ${served.get(bareBase)}`)
  bare.kill('SIGTERM')

  const head = [
    'messages',
    'request',
    'req/s',
    'p50 ms',
    'p99 ms',
    'bare p99',
    'app req/s',
    'bare req/s',
    'ratio',
    'errors',
  ]
  const widths = head.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)))
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`
  say(
    `inbox-scale: req/s, p50, p99: the app alone at 50 connections (bare p99: the bare server alone, the ` +
      `same); app / bare req/s and ratio: side by ` +
      `side, 25 connections each; ${duration} s per measurement (BENCH_INBOX_SECONDS); seeding ${seedSeconds.toFixed(0)} s`
  )
  say(
    'goals: list/thread >= 0.5 of bare, p99 < 100 ms; search p50 < 50 ms, p99 < 250 ms; POST >= 0.4 of bare, p99 < 150 ms'
  )
  say(line(head))
  say(line(widths.map((w) => '-'.repeat(w))))
  for (const row of table) say(line(row))
}
