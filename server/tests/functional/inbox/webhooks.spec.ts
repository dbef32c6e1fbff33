import { test } from '@japa/runner'
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import env from '#start/env'
import { makeTenant, mintSession, until, visit } from '#tests/helpers'
import { waitFor } from '#tests/realtime_helpers'
import { startWebhookReceiver } from '#tests/doubles/webhook_receiver'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'

async function setup(client: any) {
  const tenant = await makeTenant()
  const admin = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'admin',
    role: 'admin',
  })
  const agent = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'agent',
    role: 'agent',
  })
  const conversation = (
    await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({ channel: 'web', contact: { email: 'w@x.test' }, body: 'hi' })
  ).body()
  return { tenant, admin, agent, conversation }
}

test.group('Outbound webhooks', (group) => {
  let workers: ReturnType<typeof startWorkers>
  group.setup(() => {
    // The receivers of these tests listen on loopback.
    const before = env.get('OUTBOUND_ALLOW_PRIVATE')
    env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      env.set('OUTBOUND_ALLOW_PRIVATE', before)
    }
  })

  test('delivers signed events, retries failures with backoff and logs every attempt', async ({
    client,
    assert,
  }) => {
    const { admin, agent, conversation } = await setup(client)
    const receiver = await startWebhookReceiver([500, 503])
    try {
      const created = await visit(client, 'webhooks.store')
        .bearerToken(admin.token)
        .json({ url: receiver.url, events: ['message.created'] })
      created.assertStatus(201)
      const { id, secret } = created.body()
      assert.match(secret, /^whsec_/)

      ;(
        await visit(client, 'conversations.messages.store', { id: conversation.id })
          .bearerToken(agent.token)
          .json({ body: 'internal', type: 'note' })
      ).assertStatus(201)
      ;(
        await visit(client, 'conversations.messages.store', { id: conversation.id })
          .bearerToken(agent.token)
          .json({ body: 'hello <b>world</b>' })
      ).assertStatus(201)
      await waitFor(() => receiver.received.length >= 3, 20_000)

      const last = receiver.received.at(-1)!
      const event = JSON.parse(last.body)
      assert.equal(event.type, 'message.created')
      assert.equal(
        event.data.body,
        'hello <b>world</b>',
        'notes never leave; the text message does'
      )
      assert.equal(last.headers['parley-event'], 'message.created')
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
        String(last.headers['parley-signature'])
      )!
      assert.equal(
        createHmac('sha256', secret).update(`${t}.${last.body}`).digest('hex'),
        v1,
        'signature checks out with the secret'
      )
      assert.isBelow(Math.abs(Date.now() / 1000 - Number(t)), 60)
      assert.equal(
        new Set(receiver.received.map((r) => r.headers['parley-delivery'])).size,
        1,
        'retries are the same delivery'
      )

      let log: any
      for (let i = 0; i < 50; i++) {
        log = (
          await visit(client, 'webhooks.deliveries.index', { id }).bearerToken(admin.token)
        ).body().data[0]
        if (log.status === 'delivered') break
        await new Promise((r) => setTimeout(r, 100))
      }
      assert.include(log, {
        event: 'message.created',
        status: 'delivered',
        attempts: 3,
        responseStatus: 200,
      })

      const again = await visit(client, 'webhooks.deliveries.redeliver', {
        id,
        deliveryId: log.id,
      }).bearerToken(admin.token)
      again.assertStatus(202)
      await waitFor(() => receiver.received.length >= 4, 10_000)
    } finally {
      await receiver.close()
    }
  }).timeout(40_000)

  /** Registers a webhook for `message.created` at `url` and sends one message. */
  async function hookAndMessage(client: any, url: string) {
    const { admin, agent, conversation } = await setup(client)
    const hook = await visit(client, 'webhooks.store')
      .bearerToken(admin.token)
      .json({ url, events: ['message.created'] })
    hook.assertStatus(201)
    const send = async () =>
      (
        await visit(client, 'conversations.messages.store', { id: conversation.id })
          .bearerToken(agent.token)
          .json({ body: 'hello' })
      ).assertStatus(201)
    /** The delivery once `done` says so. */
    const delivery = (done: (d: any) => boolean) =>
      until(
        async () => {
          const d = (
            await visit(client, 'webhooks.deliveries.index', { id: hook.body().id }).bearerToken(
              admin.token
            )
          ).body().data[0]
          return d && done(d) ? d : null
        },
        'the delivery',
        15_000
      )
    // A removed webhook's remaining attempts are dropped.
    const remove = () =>
      visit(client, 'webhooks.destroy', { id: hook.body().id }).bearerToken(admin.token)
    return { send, delivery, remove }
  }

  test('a redirect is not followed: the 3xx is logged as the failure and its target never hit', async ({
    client,
    assert,
  }) => {
    const target = await startWebhookReceiver()
    let redirected = 0
    const redirector = createServer((req, res) => {
      redirected++
      req.resume()
      res.writeHead(302, { location: target.url }).end()
    })
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    const { port } = redirector.address() as { port: number }
    try {
      const hook = await hookAndMessage(client, `http://127.0.0.1:${port}/hooks`)
      await hook.send()
      const delivery = await hook.delivery((d) => d.attempts >= 1)
      await hook.remove()
      assert.include(delivery, {
        attempts: 1,
        responseStatus: 302,
        error: 'HTTP 302 (redirects are not followed)',
      })
      assert.equal(redirected, 1)
      assert.lengthOf(target.received, 0)
    } finally {
      redirector.closeAllConnections()
      await new Promise((r) => redirector.close(r))
      await target.close()
    }
  }).timeout(30_000)

  test('a URL that now resolves to an internal address is refused when sending, and not retried', async ({
    client,
    assert,
  }) => {
    let connections = 0
    const listener = createTcpServer((socket) => {
      connections++
      socket.destroy()
    })
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    const { port } = listener.address() as { port: number }
    // Registered while loopback was allowed (as a name that resolved elsewhere then would be);
    // by the time it is sent, it is not.
    const hook = await hookAndMessage(client, `https://localhost:${port}/hooks`)
    env.set('OUTBOUND_ALLOW_PRIVATE', 'false')
    try {
      await hook.send()
      const delivery = await hook.delivery((d) => d.status !== 'pending')
      assert.include(delivery, {
        status: 'failed',
        attempts: 1,
        error: 'Refused: the URL resolves to a loopback address',
      })
      assert.equal(connections, 0)
    } finally {
      env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
      await hook.remove()
      await new Promise((r) => listener.close(r))
    }
  }).timeout(30_000)

  test('only admins and owners manage webhooks; another workspace or tenant gets 404; bad input 422', async ({
    client,
  }) => {
    const { tenant, admin, agent } = await setup(client)
    ;(await visit(client, 'webhooks.index').bearerToken(agent.token)).assertStatus(403)
    ;(
      await visit(client, 'webhooks.store')
        .bearerToken(agent.token)
        .json({ url: 'http://127.0.0.1:9/h', events: ['message.created'] })
    ).assertStatus(403)
    const hook = (
      await visit(client, 'webhooks.store')
        .bearerToken(admin.token)
        .json({ url: 'http://127.0.0.1:9/h', events: ['conversation.updated'] })
    ).body()
    const neighbour = await mintSession(client, tenant.secretKey, {
      workspace: 'other',
      user: 'admin',
      role: 'admin',
    })
    const stranger = await mintSession(client, (await makeTenant()).secretKey, {
      workspace: 'acme',
      user: 'admin',
      role: 'admin',
    })
    for (const intruder of [neighbour, stranger]) {
      ;(
        await visit(client, 'webhooks.deliveries.index', { id: hook.id }).bearerToken(
          intruder.token
        )
      ).assertStatus(404)
      ;(
        await visit(client, 'webhooks.destroy', { id: hook.id }).bearerToken(intruder.token)
      ).assertStatus(404)
    }
    for (const body of [
      { url: 'http://127.0.0.1:9/h', events: [] },
      { url: 'http://127.0.0.1:9/h', events: ['message.deleted'] },
      { events: ['message.created'] },
    ]) {
      ;(await visit(client, 'webhooks.store').bearerToken(admin.token).json(body)).assertStatus(422)
    }
    ;(
      await visit(client, 'webhooks.destroy', { id: hook.id }).bearerToken(admin.token)
    ).assertStatus(204)
  })
})
