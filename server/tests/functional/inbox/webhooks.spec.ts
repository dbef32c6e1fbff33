import { test } from '@japa/runner'
import { createHmac } from 'node:crypto'
import env from '#start/env'
import { makeTenant, mintSession } from '#tests/helpers'
import { waitFor } from '#tests/realtime_helpers'
import { startWebhookReceiver } from '#tests/doubles/webhook_receiver'
import { startWorkers } from '#services/queues'
import { refuseTarget } from '#services/webhook_targets'
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
    await client
      .post('/v1/conversations')
      .bearerToken(agent.token)
      .json({ channel: 'web', contact: { email: 'w@x.test' }, body: 'hi' })
  ).body()
  return { tenant, admin, agent, conversation }
}

test.group('Outbound webhooks', (group) => {
  let workers: ReturnType<typeof startWorkers>
  group.setup(() => {
    env.set('WEBHOOKS_ALLOW_PRIVATE', 'true')
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      env.set('WEBHOOKS_ALLOW_PRIVATE', 'false')
    }
  })

  test('delivers signed events, retries failures with backoff and logs every attempt', async ({
    client,
    assert,
  }) => {
    const { admin, agent, conversation } = await setup(client)
    const receiver = await startWebhookReceiver([500, 503])
    try {
      const created = await client
        .post('/v1/webhooks')
        .bearerToken(admin.token)
        .json({ url: receiver.url, events: ['message.created'] })
      created.assertStatus(201)
      const { id, secret } = created.body()
      assert.match(secret, /^whsec_/)

      ;(
        await client
          .post(`/v1/conversations/${conversation.id}/messages`)
          .bearerToken(agent.token)
          .json({ body: 'internal', type: 'note' })
      ).assertStatus(201)
      ;(
        await client
          .post(`/v1/conversations/${conversation.id}/messages`)
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
        log = (await client.get(`/v1/webhooks/${id}/deliveries`).bearerToken(admin.token)).body()
          .data[0]
        if (log.status === 'delivered') break
        await new Promise((r) => setTimeout(r, 100))
      }
      assert.include(log, {
        event: 'message.created',
        status: 'delivered',
        attempts: 3,
        responseStatus: 200,
      })

      const again = await client
        .post(`/v1/webhooks/${id}/deliveries/${log.id}/redeliver`)
        .bearerToken(admin.token)
      again.assertStatus(202)
      await waitFor(() => receiver.received.length >= 4, 10_000)
    } finally {
      await receiver.close()
    }
  }).timeout(40_000)

  test('refuses URLs that reach internal addresses (outside development) and non-https ones', async ({
    assert,
  }) => {
    env.set('WEBHOOKS_ALLOW_PRIVATE', 'false')
    try {
      for (const url of [
        'http://example.com/h',
        'https://127.0.0.1/h',
        'https://[::1]/h',
        'https://10.1.2.3/h',
        'https://169.254.169.254/latest',
        'https://localhost/h',
        'https://user:pw@example.com/',
        'not a url',
      ]) {
        assert.isNotNull(await refuseTarget(url), url)
      }
      assert.isNull(await refuseTarget('https://93.184.215.14/hooks'))
    } finally {
      env.set('WEBHOOKS_ALLOW_PRIVATE', 'true')
    }
  })

  test('only admins and owners manage webhooks; another workspace or tenant gets 404; bad input 422', async ({
    client,
  }) => {
    const { tenant, admin, agent } = await setup(client)
    ;(await client.get('/v1/webhooks').bearerToken(agent.token)).assertStatus(403)
    ;(
      await client
        .post('/v1/webhooks')
        .bearerToken(agent.token)
        .json({ url: 'http://127.0.0.1:9/h', events: ['message.created'] })
    ).assertStatus(403)
    const hook = (
      await client
        .post('/v1/webhooks')
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
        await client.get(`/v1/webhooks/${hook.id}/deliveries`).bearerToken(intruder.token)
      ).assertStatus(404)
      ;(await client.delete(`/v1/webhooks/${hook.id}`).bearerToken(intruder.token)).assertStatus(
        404
      )
    }
    for (const body of [
      { url: 'http://127.0.0.1:9/h', events: [] },
      { url: 'http://127.0.0.1:9/h', events: ['message.deleted'] },
      { events: ['message.created'] },
    ]) {
      ;(await client.post('/v1/webhooks').bearerToken(admin.token).json(body)).assertStatus(422)
    }
    ;(await client.delete(`/v1/webhooks/${hook.id}`).bearerToken(admin.token)).assertStatus(204)
  })
})
