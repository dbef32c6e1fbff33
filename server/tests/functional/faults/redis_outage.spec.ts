import { spawn, type ChildProcess } from 'node:child_process'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { freePort } from '#lib/local_services'
import { outboxRelay } from '#services/outbox_relay'
import { makeTenant, until } from '#tests/helpers'
import { openStream } from '#tests/realtime_helpers'
import { kill, startServerProcess } from '#tests/server_process'
import { ownRedis } from '#tests/redis_process'
import { startWebhookReceiver } from '#tests/doubles/webhook_receiver'

/** A worker process (`node ace queue:work`) on the given Redis. */
function startWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'ace.js', 'queue:work', '--no-whatsapp'],
    { env: { ...process.env, LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'ignore', 'inherit'] }
  )
}

async function call(base: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  }
}

test.group('Redis outage', (group) => {
  // The processes under test share this run's database but not its Redis: this process's relay
  // must leave their events to them.
  group.each.setup(async () => {
    await outboxRelay.stop()
    return () => outboxRelay.start()
  })

  test('Redis killed for 5 s while two sessions write: the API stays up, /health goes 503 then 200, every event and webhook of the accepted writes arrives exactly once', async ({
    assert,
  }) => {
    const redis = await ownRedis()
    const env = { REDIS_URL: redis.url, OUTBOUND_ALLOW_PRIVATE: 'true' }
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    // Events leave through the worker's relay only, so they reach the server's open stream over
    // the bus, which goes down with Redis: what it missed meanwhile must be caught up.
    const server = await startServerProcess(port, { ...env, OUTBOX_RELAY: 'false' })
    const worker = startWorker(env)
    // A slow receiver keeps deliveries queued in Redis when it dies, and they die with it (it
    // keeps nothing): workers must queue them again from PostgreSQL once it is back.
    const receiver = await startWebhookReceiver([], 250)
    try {
      const tenant = await makeTenant('Outage')
      const mint = async (user: string, role: string) =>
        (
          await call(base, 'POST', '/v1/sessions', tenant.secretKey, {
            workspace: { id: 'outage-co' },
            user: { id: user, name: user, role },
          })
        ).body.token as string
      const ana = await mint('ana', 'owner')
      const bruno = await mint('bruno', 'agent')
      const hook = await call(base, 'POST', '/v1/webhooks', ana, {
        url: receiver.url,
        events: ['message.created'],
      })
      assert.equal(hook.status, 201)
      const started = await call(base, 'POST', '/v1/conversations', ana, {
        channel: 'internal',
        body: 'before the outage',
      })
      assert.equal(started.status, 201)
      const conversation = started.body.conversation ?? started.body

      // A member's live stream on the conversation's channel.
      const ticket = await call(base, 'POST', '/v1/realtime/ticket', ana, {})
      const stream = openStream(ticket.body.url)
      await stream.opened
      const me = await call(base, 'GET', '/v1/me', ana)
      const threadChannel = `tenants/${tenant.tenant.id}/workspaces/${me.body.workspaceId}/conversations/${conversation.id}`
      const subscribed = await call(base, 'POST', '/__transmit/subscribe', ana, {
        uid: ticket.body.stream,
        channel: threadChannel,
      })
      assert.equal(subscribed.status, 204)

      // Two members write every 40 ms for 9 s; Redis dies at 1.5 s and returns at 6.5 s.
      const accepted: string[] = []
      const statuses = new Map<number, number>()
      const health: { code: number; redis: string }[] = []
      let writing = true
      const writer = async (token: string, who: string) => {
        for (let i = 0; writing; i++) {
          const sent = await call(
            base,
            'POST',
            `/v1/conversations/${conversation.id}/messages`,
            token,
            {
              body: `${who} ${i}`,
            }
          ).catch(() => ({ status: 0, body: null }))
          statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1)
          if (sent.status === 201) accepted.push(sent.body.id)
          await new Promise((r) => setTimeout(r, 40))
        }
      }
      const checker = async () => {
        while (writing) {
          const response = await fetch(`${base}/health`).catch(() => null)
          if (response) health.push({ ...(await response.json()), code: response.status })
          await new Promise((r) => setTimeout(r, 200))
        }
      }
      const writers = Promise.all([writer(ana, 'ana'), writer(bruno, 'bruno'), checker()])
      await new Promise((r) => setTimeout(r, 1500))
      const acceptedBefore = accepted.length
      await redis.kill()
      await new Promise((r) => setTimeout(r, 5000))
      const acceptedDuring = accepted.length - acceptedBefore
      await redis.start()
      await new Promise((r) => setTimeout(r, 2500))
      writing = false
      await writers

      assert.isNull(server.exitCode, 'the API process is still running')
      assert.isNull(worker.exitCode, 'the worker process is still running')
      assert.deepEqual(
        [...statuses.keys()].filter((s) => s !== 201 && s !== 503),
        [],
        `only 201 or 503: ${JSON.stringify([...statuses])}`
      )
      assert.isAbove(acceptedDuring, 0, 'writes are accepted while Redis is down')
      assert.isTrue(
        health.some((h) => h.code === 503 && h.redis === 'down'),
        `/health said redis: down (${JSON.stringify(health.map((h) => `${h.code}/${h.redis}`))})`
      )
      await until(
        async () => (await fetch(`${base}/health`)).status === 200,
        '/health to recover',
        15_000
      )

      // Every accepted write reaches the live stream and the webhook, once.
      await until(
        async () => {
          const { rows } = await db
            .connection('operator')
            .rawQuery('select count(*)::int as n from outbox where tenant_id = ?', [
              tenant.tenant.id,
            ])
          return rows[0].n === 0
        },
        'the outbox to drain',
        30_000
      )
      const liveIds = () =>
        stream.messages
          .filter((m) => m.channel === threadChannel && m.payload.type === 'message.created')
          .map((m) => m.payload.data.id as string)
      const hookIds = () =>
        receiver.received
          .map((r) => JSON.parse(r.body))
          .filter((e) => e.type === 'message.created')
          .map((e) => e.data.id as string)
      await until(
        () => accepted.every((id) => liveIds().includes(id) && hookIds().includes(id)),
        'every accepted message live and at the webhook',
        30_000
      ).catch((error) => {
        const missing = (ids: string[]) => accepted.filter((id) => !ids.includes(id)).length
        throw new Error(
          `${error.message}: of ${accepted.length}, ${missing(liveIds())} not live, ${missing(hookIds())} not at the webhook`
        )
      })
      await new Promise((r) => setTimeout(r, 1000)) // time for a duplicate to show up
      const count = (ids: string[]) =>
        ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>())
      const live = count(liveIds())
      const hooks = count(hookIds())
      assert.deepEqual(
        accepted.filter((id) => live.get(id) !== 1),
        [],
        'each accepted message once on the stream'
      )
      assert.deepEqual(
        accepted.filter((id) => hooks.get(id) !== 1),
        [],
        'each accepted message once at the webhook'
      )
      stream.close()
    } finally {
      await kill(server)
      await kill(worker)
      await receiver.close()
      await redis.kill()
    }
  }).timeout(90_000)
})
