import { test } from '@japa/runner'
import env from '#start/env'
import { baseUrl, makeTenant, until } from '#tests/helpers'
import { startWebhookReceiver } from '#tests/doubles/webhook_receiver'
import { startDnsServer } from '#tests/doubles/dns_server'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'
import { connectedTenant, stripeWorld } from './billing/helpers.js'
import {
  createParleyClient,
  ParleyApiError,
  verifyWebhook,
  WebhookVerificationError,
} from '../../../embed/server-client/index.js'

/** The typed server client (embed/server-client, `@parley/sdk/server`) against the real server. */

const parleyFor = (secretKey: string) => createParleyClient({ secretKey, baseUrl: baseUrl() })

const member = (id: string, role: 'owner' | 'admin' | 'agent' = 'admin') => ({
  workspace: { id: 'acme-co', name: 'Acme Co' },
  user: { id, name: 'Ana', email: 'ana@acme.test', role },
})

/** Runs `call` and returns the ParleyApiError it throws (fails when it does not throw one). */
async function apiError(call: () => Promise<unknown>) {
  try {
    await call()
  } catch (error) {
    if (error instanceof ParleyApiError) return error
    throw error
  }
  throw new Error('expected a ParleyApiError')
}

let hostCount = 0
const freshHost = () => `widgets${++hostCount}-${Date.now()}.client.test`

test.group('Server client', (group) => {
  let workers: ReturnType<typeof startWorkers>
  let dns: Awaited<ReturnType<typeof startDnsServer>>
  group.setup(async () => {
    // Webhook receivers listen on loopback; custom domains look up a local DNS double.
    const allowPrivate = env.get('OUTBOUND_ALLOW_PRIVATE')
    const dnsServers = env.get('DNS_SERVERS')
    env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
    dns = await startDnsServer()
    env.set('DNS_SERVERS', dns.address)
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      await dns.close()
      env.set('OUTBOUND_ALLOW_PRIVATE', allowPrivate)
      env.set('DNS_SERVERS', dnsServers ?? '')
    }
  })

  test('mints a member session and a visitor session', async ({ assert }) => {
    const tenant = await makeTenant()
    const parley = parleyFor(tenant.secretKey)

    const session = await parley.sessions.create({ ...member('u_1', 'agent'), ttlSeconds: 120 })
    assert.isString(session.token)
    assert.equal(session.role, 'agent')
    const left = (Date.parse(session.expiresAt) - Date.now()) / 1000
    assert.isAbove(left, 100)
    assert.isAtMost(left, 120)

    const chat = await parley.chatSessions.create({
      workspace: { id: 'acme-co' },
      contact: { id: 'customer-9', name: 'Chris' },
    })
    assert.match(chat.token, /^c1\./)
  })

  test('reads and puts the theme', async ({ assert }) => {
    const parley = parleyFor((await makeTenant()).secretKey)
    const tokens = { colorScheme: 'light', color: { light: { primary: '#7a2e9e' } } }
    const put = await parley.theme.put({ tokens })
    assert.deepEqual(put.theme.tokens, tokens)
    assert.deepEqual((await parley.theme.get()).theme.tokens, tokens)
  })

  test('creates, lists and revokes keys; adds, reads and deletes domains', async ({ assert }) => {
    const parley = parleyFor((await makeTenant()).secretKey)

    const key = await parley.keys.create({ type: 'publishable', label: 'Staging' })
    assert.match(key.key, /^pk_/)
    const listed = async () => (await parley.keys.list()).data.find((k) => k.id === key.id)
    assert.isNull((await listed())?.revokedAt)
    await parley.keys.revoke(key.id)
    assert.isString((await listed())?.revokedAt, 'listed as revoked')

    const hostname = freshHost()
    const domain = await parley.domains.create({ hostname })
    assert.equal(domain.hostname, hostname)
    assert.equal(domain.verification.type, 'TXT')
    assert.equal((await parley.domains.get(domain.id)).id, domain.id)
    assert.include(
      (await parley.domains.list()).data.map((d) => d.id),
      domain.id
    )
    await parley.domains.delete(domain.id)
    assert.equal((await apiError(() => parley.domains.get(domain.id))).code, 'NOT_FOUND')
  })

  test('creates, lists and deletes webhook endpoints with an admin session', async ({ assert }) => {
    const parley = parleyFor((await makeTenant()).secretKey)
    const admin = await parley.sessions.create(member('admin-1'))
    const workspace = parley.withSession(admin.token)

    const endpoint = await workspace.webhooks.create({
      url: 'http://127.0.0.1:9/reseller',
      events: ['conversation.created'],
    })
    assert.match(endpoint.secret, /^whsec_/)
    assert.include(
      (await workspace.webhooks.list()).data.map((w) => w.id),
      endpoint.id
    )
    await workspace.webhooks.delete(endpoint.id)
    assert.notInclude(
      (await workspace.webhooks.list()).data.map((w) => w.id),
      endpoint.id
    )
  })

  test('bad input is a ParleyApiError with the code, field details and request id', async ({
    assert,
  }) => {
    const tenant = await makeTenant()
    const parley = parleyFor(tenant.secretKey)
    const error = await apiError(() =>
      // A role the contract does not have: the compiler refuses it too.
      parley.sessions.create({ ...member('u_2'), user: { id: 'u_2', role: 'boss' as 'admin' } })
    )
    assert.instanceOf(error, Error)
    assert.equal(error.status, 422)
    assert.equal(error.code, 'VALIDATION_ERROR')
    assert.includeDeepMembers(
      error.details.map((d) => d.field),
      ['user.role']
    )
    assert.isString(error.requestId)
    assert.isAbove(error.requestId!.length, 0)

    const wrongKey = parleyFor(`${tenant.secretKey}x`)
    const denied = await apiError(() => wrongKey.theme.get())
    assert.equal(denied.status, 401)
    assert.equal(denied.code, 'AUTHENTICATION_ERROR')
  })

  test("another tenant's keys, domains and webhooks answer NOT_FOUND", async ({ assert }) => {
    const mine = parleyFor((await makeTenant('Mine')).secretKey)
    const theirs = parleyFor((await makeTenant('Theirs')).secretKey)
    const theirKey = await theirs.keys.create({ type: 'publishable', label: 'theirs' })
    const theirDomain = await theirs.domains.create({ hostname: freshHost() })
    const theirAdmin = await theirs.sessions.create(member('admin-t'))
    const theirHook = await theirs.withSession(theirAdmin.token).webhooks.create({
      url: 'http://127.0.0.1:9/theirs',
      events: ['message.created'],
    })
    const myAdmin = await mine.sessions.create(member('admin-m'))

    for (const call of [
      () => mine.keys.revoke(theirKey.id),
      () => mine.domains.get(theirDomain.id),
      () => mine.domains.delete(theirDomain.id),
      () => mine.withSession(myAdmin.token).webhooks.delete(theirHook.id),
      () => mine.withSession(myAdmin.token).webhooks.deliveries(theirHook.id),
    ]) {
      const error = await apiError(call)
      assert.equal(error.status, 404)
      assert.equal(error.code, 'NOT_FOUND')
    }
    // Untouched on their side.
    assert.equal((await theirs.domains.get(theirDomain.id)).id, theirDomain.id)
    assert.include(
      (await theirs.keys.list()).data.filter((k) => !k.revokedAt).map((k) => k.id),
      theirKey.id
    )
  })

  test('manages billing plans once Stripe is connected; not another tenant’s', async ({
    client,
    assert,
  }) => {
    const world = await stripeWorld()
    try {
      const { tenant } = await connectedTenant(client, world.double)
      const parley = parleyFor(tenant.secretKey)
      const plan = await parley.plans.create({
        name: 'Pro',
        prices: [{ interval: 'month', amount: 2900, currency: 'usd' }],
        limits: { seats: 5 },
        public: true,
      })
      assert.equal(plan.name, 'Pro')
      assert.equal((await parley.plans.get(plan.id)).id, plan.id)
      assert.include(
        (await parley.plans.list()).data.map((p) => p.id),
        plan.id
      )
      assert.equal((await parley.plans.update(plan.id, { name: 'Pro+' })).name, 'Pro+')

      const other = await connectedTenant(client, world.double, 'other')
      const foreign = await apiError(() => parleyFor(other.tenant.secretKey).plans.get(plan.id))
      assert.equal(foreign.code, 'NOT_FOUND')

      await parley.plans.archive(plan.id)
      assert.notInclude(
        (await parley.plans.list()).data.map((p) => p.id),
        plan.id
      )
    } finally {
      await world.close()
    }
  }).timeout(30_000)

  test('verifyWebhook accepts a real delivery and refuses tampering, staleness and a wrong secret', async ({
    assert,
  }) => {
    const parley = parleyFor((await makeTenant()).secretKey)
    const admin = await parley.sessions.create(member('admin-w'))
    const agent = await parley.sessions.create(member('agent-w', 'agent'))
    const receiver = await startWebhookReceiver()
    try {
      const { secret } = await parley.withSession(admin.token).webhooks.create({
        url: receiver.url,
        events: ['conversation.created'],
      })
      // Any route of the contract, typed by its path, through the raw client.
      const started = await parley.withSession(agent.token).raw.POST('/v1/conversations', {
        body: { channel: 'web', contact: { email: 'w@x.test' }, body: 'hello' },
      })
      assert.equal(started.response.status, 201)
      const delivery = await until(() => receiver.received[0], 'a delivery', 20_000)

      const verified = verifyWebhook({ payload: delivery.body, headers: delivery.headers, secret })
      assert.equal(verified.event.type, 'conversation.created')
      assert.equal(verified.eventType, 'conversation.created')
      assert.equal(verified.deliveryId, delivery.headers['parley-delivery'])
      // Bytes and a fetch Headers work as well as Node's string and header record.
      const asFetch = new Headers(delivery.headers as Record<string, string>)
      verifyWebhook({ payload: Buffer.from(delivery.body), headers: asFetch, secret })

      const refusal = (input: Partial<Parameters<typeof verifyWebhook>[0]>) => {
        try {
          verifyWebhook({ payload: delivery.body, headers: delivery.headers, secret, ...input })
        } catch (error) {
          assert.instanceOf(error, WebhookVerificationError)
          return (error as WebhookVerificationError).reason
        }
        return 'accepted'
      }
      const tampered = delivery.body.replace('conversation.created', 'conversation.updated')
      assert.notEqual(tampered, delivery.body)
      assert.equal(refusal({ payload: tampered }), 'BAD_SIGNATURE')
      assert.equal(refusal({ secret: 'whsec_not_the_one' }), 'BAD_SIGNATURE')
      assert.equal(refusal({ now: verified.timestamp + 301 }), 'STALE_TIMESTAMP')
      assert.equal(refusal({ now: verified.timestamp + 301, toleranceSeconds: 600 }), 'accepted')
      assert.equal(refusal({ headers: { 'content-type': 'application/json' } }), 'MISSING_HEADER')
      assert.equal(refusal({ secret: ['whsec_old', secret] }), 'accepted', 'any of several secrets')
      assert.equal(refusal({ payload: JSON.parse(delivery.body) }), 'BAD_PAYLOAD')
    } finally {
      await receiver.close()
    }
  }).timeout(40_000)
})
