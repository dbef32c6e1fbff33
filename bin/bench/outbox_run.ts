/*
|--------------------------------------------------------------------------
| Bench part: the outbox relay (BENCH_ONLY=outbox)
|--------------------------------------------------------------------------
|
| Run by bin/bench.ts inside its environment (a migrated database). A server of its own on a
| Redis of its own; Redis is killed, 10,000 message events are recorded as if written during the
| outage, Redis comes back, and the time until the outbox is empty is measured. Prints one JSON
| line: { drainMs, relayMs, eventsPerSecond, backlog }.
|
*/

import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { freePort, isListening } from '../../server/lib/local_services.js'

const BACKLOG = Number(process.env.BENCH_OUTBOX_EVENTS ?? 10_000)
const log = (line: string) => process.stderr.write(`[bench] outbox: ${line}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const redisPort = await freePort()
let redis = startRedis()
function startRedis() {
  return spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' }
  )
}
async function until(check: () => Promise<boolean> | boolean, ms = 30_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(10)
  }
}
await until(() => isListening(redisPort))

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: base,
    REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
    LOG_LEVEL: 'fatal',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const db = new pg.Client({ connectionString: process.env.DATABASE_URL })
try {
  await until(() => isListening(port))
  await db.connect()
  const tenant = JSON.parse(process.env.BENCH_TENANT!) as { secretKey: string }
  const post = async (path: string, token: string, body: unknown) =>
    (await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as any
  const session = await post('/v1/sessions', tenant.secretKey, {
    workspace: { id: 'outbox-co' },
    user: { id: 'u_outbox', role: 'agent' },
  })
  const conversation = await post('/v1/conversations', session.token, {
    channel: 'internal',
    body: 'start',
  })

  log('Redis down; recording the backlog')
  redis.kill('SIGKILL')
  await new Promise((r) => redis.once('exit', r))
  const now = new Date().toISOString()
  await db.query('begin')
  for (let i = 0; i < BACKLOG; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, BACKLOG - i) }, (_, j) => {
      const id = randomUUID()
      const message = {
        id,
        conversationId: conversation.id,
        direction: 'internal',
        type: 'text',
        authorMemberId: session.userId,
        authorContactId: null,
        body: `during the outage ${i + j}`,
        attachments: [],
        status: 'sent',
        failureReason: null,
        editedAt: null,
        deletedAt: null,
        createdAt: now,
      }
      return {
        tenantId: session.tenantId,
        workspaceId: session.workspaceId,
        conversation: {
          id: conversation.id,
          channel: 'internal',
          contactId: null,
          whatsappNumberId: null,
        },
        message,
        mentions: [],
        byMemberId: session.userId,
        eventId: randomUUID(),
        occurredAt: now,
      }
    })
    await db.query(
      `insert into outbox (tenant_id, workspace_id, name, payload)
       select $1, $2, 'message:created', p from unnest($3::jsonb[]) p`,
      [session.tenantId, session.workspaceId, rows.map((r) => JSON.stringify(r))]
    )
  }
  await db.query('commit')
  await sleep(2000)

  log(`Redis back; draining ${BACKLOG} events`)
  redis = startRedis()
  await until(() => isListening(redisPort))
  const back = performance.now()
  const pending = async () => {
    const { rows } = await db.query('select count(*)::int as n from outbox')
    return rows[0].n as number
  }
  let firstMoved = 0
  await until(async () => {
    const n = await pending()
    if (!firstMoved && n < BACKLOG) firstMoved = performance.now()
    return n === 0
  }, 300_000)
  const done = performance.now()
  const relayMs = done - (firstMoved || back)
  process.stdout.write(
    `${JSON.stringify({
      backlog: BACKLOG,
      drainMs: done - back,
      relayMs,
      eventsPerSecond: (BACKLOG / relayMs) * 1000,
    })}\n`
  )
} finally {
  await db.end().catch(() => {})
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  redis.kill('SIGKILL')
}
