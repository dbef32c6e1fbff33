import { test } from '@japa/runner'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import env from '#start/env'
import { baseUrl, makeTenant, mintSession, until, visit } from '#tests/helpers'
import { snippet } from '#tests/doc_snippets'
import { freePort, snippetFolder, startSnippet } from '#tests/snippet_process'
import { newWebhookSecret, signature } from '#services/webhooks'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'

/*
 * docs/webhooks.md's receivers, run as written (Node with @parley/sdk/server and without, Python): they must
 * accept what the server signs (signature() of services/webhooks.ts, and a real delivery by the
 * delivery job) and refuse a tampered body, another secret, a timestamp outside 300 s either way
 * and a missing header.
 */

const DOC = 'docs/webhooks.md'

const root = new URL('../../../', import.meta.url).pathname

interface Receiver {
  name: string
  file: string
  command: string
  args?: string[]
  /** Imports `@parley/sdk/server`: given the package's source (embed/server-client/). */
  helper?: boolean
}

const receivers: Receiver[] = [
  { name: 'Node', file: 'receiver.mjs', command: process.execPath },
  {
    name: 'Node with @parley/sdk/server',
    file: 'receiver-with-helper.mjs',
    command: process.execPath,
    // The package's source is TypeScript: run it through the loader the repository uses.
    args: [`--import=${join(root, 'node_modules/@poppinss/ts-exec/build/index.js')}`],
    helper: true,
  },
  { name: 'Python', file: 'receiver.py', command: 'python3' },
]

/** node_modules/@parley/sdk in `dir` whose `./server` is embed/server-client/ of this checkout. */
function linkServerClient(dir: string) {
  const sdk = join(dir, 'node_modules/@parley/sdk')
  mkdirSync(sdk, { recursive: true })
  symlinkSync(join(root, 'embed/server-client'), join(sdk, 'server-client'))
  writeFileSync(
    join(sdk, 'package.json'),
    JSON.stringify({
      name: '@parley/sdk',
      type: 'module',
      exports: { './server': './server-client/index.ts' },
    })
  )
}

async function startReceiver(receiver: Receiver, secret: string, port?: number) {
  const folder = snippetFolder({ [receiver.file]: snippet(DOC, receiver.file) })
  if (receiver.helper) linkServerClient(folder.dir)
  port ??= await freePort()
  const running = startSnippet(receiver.command, [...(receiver.args ?? []), receiver.file], {
    cwd: folder.dir,
    env: { PARLEY_WEBHOOK_SECRET: secret, PORT: String(port) },
    ready: /Listening on http:\/\/localhost:\d+/,
    timeoutMs: 30_000,
  })
  await running.started
  return {
    url: `http://127.0.0.1:${port}/webhooks/parley`,
    output: running.output,
    stop: () => {
      running.stop()
      folder.cleanup()
    },
  }
}

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } })

test.group('docs/webhooks.md receivers', (group) => {
  let workers: ReturnType<typeof startWorkers>
  group.setup(() => {
    // The receivers listen on loopback, which the outbound guard refuses unless told otherwise.
    const before = env.get('OUTBOUND_ALLOW_PRIVATE')
    env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      env.set('OUTBOUND_ALLOW_PRIVATE', before)
    }
  })

  for (const receiver of receivers) {
    test(`${receiver.name} accepts what signature() signs and refuses the rest`, async ({
      assert,
      cleanup,
    }) => {
      const secret = newWebhookSecret()
      const server = await startReceiver(receiver, secret)
      cleanup(server.stop)
      const body = JSON.stringify({
        id: 'evt_1',
        type: 'message.created',
        createdAt: new Date().toISOString(),
        data: { body: 'Olá, ¿qué tal? ✓' }, // bytes beyond ASCII: the HMAC is over bytes
      })
      const now = Math.floor(Date.now() / 1000)
      const send = (payload: string, header?: string) =>
        post(server.url, payload, {
          'Parley-Event': 'message.created',
          'Parley-Delivery': 'dlv_1',
          ...(header ? { 'Parley-Signature': header } : {}),
        })

      const accepted = await send(body, signature(secret, body))
      assert.equal(accepted.status, 204, server.output())
      await until(() => server.output().includes('message.created dlv_1'), 'the logged event')
      assert.equal((await send(body, signature(secret, body, now - 250))).status, 204)

      const refused = {
        'a tampered body': await send(body.replace('Olá', 'Ola'), signature(secret, body)),
        'another secret': await send(body, signature(newWebhookSecret(), body)),
        'a stale timestamp': await send(body, signature(secret, body, now - 301 - 5)),
        'a timestamp from the future': await send(body, signature(secret, body, now + 301 + 5)),
        'a missing header': await send(body),
        'a malformed header': await send(body, 'v1=abc'),
      }
      for (const [what, response] of Object.entries(refused))
        assert.equal(response.status, 400, `${receiver.name} refuses ${what}`)
    }).timeout(30_000)

    test(`${receiver.name} verifies a real delivery of the webhook job`, async ({
      client,
      assert,
      cleanup,
    }) => {
      const tenant = await makeTenant('Webhooks')
      const admin = await mintSession(client, tenant.secretKey, { role: 'admin' })
      const port = await freePort()
      const created = await visit(client, 'webhooks.store')
        .bearerToken(admin.token)
        .json({ url: `http://127.0.0.1:${port}/webhooks/parley`, events: ['message.created'] })
      created.assertStatus(201)
      const server = await startReceiver(receiver, created.body().secret, port)
      cleanup(server.stop)

      // Straight to the server: what the conversation answers is not this test's business.
      const conversation = await fetch(`${baseUrl()}/v1/conversations`, {
        method: 'POST',
        headers: { 'Authorization': `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          channel: 'web',
          contact: { email: 'lucia@example.test' },
          body: 'Olá ✓',
        }),
      })
      assert.equal(conversation.status, 201)

      const logged = await until(
        () => server.output().match(/message\.created ([0-9a-f-]{36})/),
        'the receiver to log the delivery',
        20_000
      )
      const log = await until(async () => {
        const deliveries = await visit(client, 'webhooks.deliveries.index', {
          id: created.body().id,
        }).bearerToken(admin.token)
        const first = deliveries.body().data[0]
        return first?.status === 'delivered' ? first : null
      }, 'the delivery to be logged')
      assert.equal(log.id, logged[1], 'Parley-Delivery is the logged delivery')
      assert.equal(log.responseStatus, 204)
      assert.equal(log.attempts, 1)
    }).timeout(40_000)
  }
})
