import { test } from '@japa/runner'
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net'
import { createServer, type Server } from 'node:http'
import type { LookupAddress } from 'node:dns'
import OpenAI from 'openai'
import env from '#start/env'
import {
  createOutboundGuard,
  outboundPolicy,
  outboundRefusal,
  refuseAddress,
  type OutboundPolicy,
} from '#services/outbound'
import { openAIClient, providerFailureReason } from '#services/recordings/provider'

const closed: OutboundPolicy = { allowPrivate: false, requireHttps: true }
const open: OutboundPolicy = { allowPrivate: true, requireHttps: false }

/** Refused whatever the setting, with the words the refusal uses. */
const ALWAYS_REFUSED: [string, RegExp][] = [
  ['0.0.0.0', /unspecified/],
  ['0.1.2.3', /unspecified/],
  ['::', /unspecified/],
  ['169.254.169.254', /link-local/],
  ['fe80::1', /link-local/],
  ['fec0::1', /site-local/],
  ['224.0.0.1', /multicast/],
  ['239.255.255.250', /multicast/],
  ['ff02::1', /multicast/],
  ['240.0.0.1', /reserved/],
  ['255.255.255.254', /reserved/],
  ['255.255.255.255', /broadcast/],
  ['192.0.0.8', /reserved/],
  ['192.0.2.10', /documentation/],
  ['198.51.100.7', /documentation/],
  ['203.0.113.9', /documentation/],
  ['198.18.0.1', /reserved/],
  ['192.88.99.1', /reserved/],
  ['2001:db8::1', /documentation/],
  ['3fff::1', /documentation/],
  ['2001:2::1', /benchmarking/],
  ['::ffff:127.0.0.1', /IPv4-mapped/],
  ['::ffff:10.0.0.1', /IPv4-mapped/],
  ['::ffff:8.8.8.8', /IPv4-mapped/],
  ['::ffff:0:7f00:1', /IPv4-translated/],
  ['::127.0.0.1', /IPv4-compatible/],
  ['::7f00:1', /IPv4-compatible/],
  ['::a00:1', /IPv4-compatible/],
  ['::8.8.8.8', /IPv4-compatible/],
  ['64:ff9b::7f00:1', /NAT64/],
  ['64:ff9b::8.8.8.8', /NAT64/],
  ['64:ff9b:1::a00:1', /NAT64/],
  ['2002:7f00:1::1', /6to4/],
  ['2002:808:808::1', /6to4/],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
  ['100::1', /special-purpose/],
  ['5f00::1', /special-purpose/],
  ['4000::1', /reserved/],
]

/** Refused unless private targets are allowed. */
const PRIVATE: [string, RegExp][] = [
  ['127.0.0.1', /loopback/],
  ['127.1.2.3', /loopback/],
  ['::1', /loopback/],
  ['10.0.0.1', /private/],
  ['172.16.0.1', /private/],
  ['172.31.255.255', /private/],
  ['192.168.1.1', /private/],
  ['100.64.0.1', /shared \(CGNAT\)/],
  ['100.127.255.254', /shared \(CGNAT\)/],
  ['fc00::1', /unique-local/],
  ['fd12:3456::1', /unique-local/],
]

const PUBLIC = [
  '93.184.215.14',
  '8.8.8.8',
  '1.1.1.1',
  '172.32.0.1',
  '100.128.0.1',
  '2606:4700:4700::1111',
  '2a00:1450:4001:80b::200e',
]

/** A resolver for names of our own choosing: no DNS (there is no network here). */
function fakeResolver(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = []
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    calls.push(host)
    const entry = table[host]
    if (!entry)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    const list = typeof entry === 'function' ? entry() : entry
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return { resolve, calls }
}

/** A TCP listener on loopback that only counts the connections it gets. */
async function countingListener() {
  const server: TcpServer = createTcpServer((socket) => {
    connections++
    socket.destroy()
  })
  let connections = 0
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    connections: () => connections,
    close: () => new Promise((r) => server.close(r)),
  }
}

/** An HTTP server on loopback answering `answer` and counting its requests. */
async function httpServer(answer: (res: import('node:http').ServerResponse) => void) {
  let hits = 0
  const server: Server = createServer((req, res) => {
    hits++
    req.resume()
    answer(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(r)
      }),
  }
}

test.group('Outbound guard: addresses', () => {
  test('refuses every special-purpose form, even with private targets allowed', ({ assert }) => {
    for (const [address, words] of ALWAYS_REFUSED) {
      for (const policy of [closed, open]) {
        const refused = refuseAddress(address, policy)
        assert.isNotNull(refused, `${address} (allowPrivate ${policy.allowPrivate})`)
        assert.match(refused!, words, address)
      }
    }
  })

  test('refuses loopback, private, CGNAT and unique-local unless private targets are allowed', ({
    assert,
  }) => {
    for (const [address, words] of PRIVATE) {
      assert.match(refuseAddress(address, closed) ?? '', words, address)
      assert.isNull(refuseAddress(address, open), address)
    }
  })

  test('lets public addresses through', ({ assert }) => {
    for (const address of PUBLIC) {
      assert.isNull(refuseAddress(address, closed), address)
      assert.isNull(refuseAddress(address, open), address)
    }
  })
})

test.group('Outbound guard: URLs', () => {
  test('refuses bad shapes: not absolute, other schemes, credentials, http unless allowed', async ({
    assert,
  }) => {
    const guard = createOutboundGuard({ policy: () => closed })
    const cases: [string, RegExp][] = [
      ['not a url', /absolute URL/],
      ['/relative/path', /absolute URL/],
      ['ftp://93.184.215.14/x', /https/],
      ['file:///etc/passwd', /https/],
      ['gopher://93.184.215.14/', /https/],
      ['http://93.184.215.14/h', /https/],
      ['https://user:pw@93.184.215.14/', /credentials/],
    ]
    for (const [url, words] of cases) assert.match((await guard.check(url)) ?? '', words, url)
    assert.isNull(await guard.check('https://93.184.215.14/hooks'))
    await guard.close()

    const relaxed = createOutboundGuard({ policy: () => open })
    assert.isNull(await relaxed.check('http://93.184.215.14/h'))
    await relaxed.close()
  })

  test('refuses address literals in every URL spelling (decimal, hex, bracketed IPv6)', async ({
    assert,
  }) => {
    const { resolve, calls } = fakeResolver({})
    const guard = createOutboundGuard({ policy: () => closed, resolve })
    const cases: [string, RegExp][] = [
      ['https://2130706433/h', /loopback/],
      ['https://0x7f.1/h', /loopback/],
      ['https://017700000001/h', /loopback/],
      ['https://127.1/h', /loopback/],
      ['https://[::1]/h', /loopback/],
      ['https://[0:0:0:0:0:0:0:1]/h', /loopback/],
      ['https://[::127.0.0.1]/h', /IPv4-compatible/],
      ['https://[::7f00:1]/h', /IPv4-compatible/],
      ['https://[::ffff:127.0.0.1]/h', /IPv4-mapped/],
      ['https://[::ffff:a9fe:a9fe]/latest', /IPv4-mapped/],
      ['https://[64:ff9b::169.254.169.254]/latest', /NAT64/],
      ['https://[2002:a9fe:a9fe::]/', /6to4/],
      ['https://169.254.169.254/latest/meta-data', /link-local/],
      ['https://0.0.0.0:8080/', /unspecified/],
    ]
    for (const [url, words] of cases) {
      const refused = await guard.check(url)
      assert.match(refused ?? '', /^points to /, url)
      assert.match(refused!, words, url)
    }
    assert.deepEqual(calls, [], 'literals are never sent to the resolver')
    await guard.close()
  })

  test('resolves names and refuses when any of their addresses is internal', async ({ assert }) => {
    const { resolve } = fakeResolver({
      'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
      'loopback.example.com': ['127.0.0.1'],
      'mixed.example.com': ['93.184.215.14', '10.0.0.7'],
      'v6-internal.example.com': ['2606:4700:4700::1111', '::ffff:169.254.169.254'],
      'nat64.example.com': ['64:ff9b::a9fe:a9fe'],
      'empty.example.com': [],
    })
    const guard = createOutboundGuard({ policy: () => closed, resolve })
    assert.isNull(await guard.check('https://hooks.example.com/parley'))
    const cases: [string, RegExp][] = [
      ['https://loopback.example.com/h', /^resolves to a loopback address$/],
      ['https://mixed.example.com/h', /^resolves to a private address$/],
      ['https://v6-internal.example.com/h', /^resolves to an IPv4-mapped address$/],
      ['https://nat64.example.com/h', /^resolves to a NAT64 address$/],
      ['https://nowhere.example.com/h', /does not resolve/],
      ['https://empty.example.com/h', /does not resolve/],
    ]
    for (const [url, words] of cases) assert.match((await guard.check(url)) ?? '', words, url)
    await guard.close()
  })

  test('OUTBOUND_ALLOW_PRIVATE allows private targets, and so does the older WEBHOOKS_ALLOW_PRIVATE', ({
    assert,
  }) => {
    const before = [env.get('OUTBOUND_ALLOW_PRIVATE'), env.get('WEBHOOKS_ALLOW_PRIVATE')] as const
    try {
      env.set('OUTBOUND_ALLOW_PRIVATE', 'false')
      env.set('WEBHOOKS_ALLOW_PRIVATE', 'false')
      assert.deepEqual(outboundPolicy(), { allowPrivate: false, requireHttps: true })
      env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
      assert.deepEqual(outboundPolicy(), { allowPrivate: true, requireHttps: false })
      env.set('OUTBOUND_ALLOW_PRIVATE', 'false')
      env.set('WEBHOOKS_ALLOW_PRIVATE', 'true')
      assert.deepEqual(outboundPolicy(), { allowPrivate: true, requireHttps: false })
    } finally {
      env.set('OUTBOUND_ALLOW_PRIVATE', before[0])
      env.set('WEBHOOKS_ALLOW_PRIVATE', before[1])
    }
  })
})

test.group('Outbound guard: connections', () => {
  test('connects to the address its own lookup checked, and refuses a name that now resolves to loopback (DNS rebinding)', async ({
    assert,
  }) => {
    const listener = await countingListener()
    let answers = 0
    // The first answer (when the URL is checked) is public; every later one is loopback.
    const { resolve } = fakeResolver({
      'rebind.example.com': () => (answers++ === 0 ? ['93.184.215.14'] : ['127.0.0.1']),
      'pinned.example.com': ['127.0.0.1'],
    })
    const policy = { allowPrivate: false, requireHttps: false }
    const guard = createOutboundGuard({ policy: () => policy, resolve })
    try {
      const url = `http://rebind.example.com:${listener.port}/hook`
      assert.isNull(await guard.check(url), 'checked while it was public')
      const error = await guard.fetch(url, { method: 'POST', body: '{}' }).catch((e) => e)
      assert.instanceOf(error, Error)
      assert.match(outboundRefusal(error)?.reason ?? '', /resolves to a loopback address/)
      assert.equal(listener.connections(), 0, 'no connection was opened to loopback')

      // The same guard, private targets allowed: the name (unknown to the system resolver) is
      // reached through the lookup, so the address checked is the address connected to.
      policy.allowPrivate = true
      const reached = await guard
        .fetch(`http://pinned.example.com:${listener.port}/`)
        .catch((e) => e)
      assert.instanceOf(reached, Error, 'the listener hangs up without answering')
      assert.isNull(outboundRefusal(reached))
      assert.equal(listener.connections(), 1)
    } finally {
      await guard.close()
      await listener.close()
    }
  })

  test('refuses an internal address literal at connect time, before any byte is sent', async ({
    assert,
  }) => {
    const listener = await countingListener()
    const guard = createOutboundGuard({
      policy: () => ({ allowPrivate: false, requireHttps: false }),
    })
    try {
      for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]']) {
        const error = await guard.fetch(`http://${host}:${listener.port}/`).catch((e) => e)
        assert.match(outboundRefusal(error)?.reason ?? '', /points to an? (loopback|IPv4-mapped)/)
      }
      assert.equal(listener.connections(), 0)
    } finally {
      await guard.close()
      await listener.close()
    }
  })

  test('never follows a redirect: the 3xx is the answer and its target is never hit', async ({
    assert,
  }) => {
    const target = await httpServer((res) => res.end('secret'))
    const redirector = await httpServer((res) =>
      res.writeHead(302, { location: `${target.url}/internal` }).end()
    )
    const guard = createOutboundGuard({ policy: () => open })
    try {
      for (const method of ['GET', 'POST']) {
        const response = await guard.fetch(`${redirector.url}/hook`, {
          method,
          body: method === 'POST' ? '{}' : undefined,
        })
        assert.equal(response.status, 302)
        await response.body?.cancel()
      }
      assert.equal(redirector.hits(), 2)
      assert.equal(target.hits(), 0)
    } finally {
      await guard.close()
      await redirector.close()
      await target.close()
    }
  })
})

test.group('Outbound guard: the OpenAI client', (group) => {
  group.each.setup(() => {
    const before = env.get('OUTBOUND_ALLOW_PRIVATE')
    env.set('OUTBOUND_ALLOW_PRIVATE', 'false')
    return () => env.set('OUTBOUND_ALLOW_PRIVATE', before)
  })

  test("a tenant's base URL that resolves to loopback is refused when the worker connects", async ({
    assert,
  }) => {
    const listener = await countingListener()
    try {
      // https, a name, a port: all the URL says is fine; localhost resolves (from /etc/hosts) to
      // loopback, which only the connection finds out.
      const client = openAIClient({
        apiKey: 'sk-test-123456',
        baseUrl: `https://localhost:${listener.port}/v1`,
        transcriptionModel: 'whisper-1',
        tenantBaseUrl: true,
      })
      const error = await client.models.list().catch((e) => e)
      assert.instanceOf(error, OpenAI.APIConnectionError)
      assert.match(outboundRefusal(error)?.reason ?? '', /resolves to a loopback address/)
      assert.equal(listener.connections(), 0)
      assert.equal(
        providerFailureReason(error),
        "The transcription provider's address is not allowed (it is not a public address)"
      )
    } finally {
      await listener.close()
    }
  })

  test("the operator's OPENAI_BASE_URL is trusted: it may be on the private network", async ({
    assert,
  }) => {
    const provider = await httpServer((res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}')
    )
    try {
      const platform = openAIClient({
        apiKey: 'sk-test-123456',
        baseUrl: `${provider.url}/v1`,
        transcriptionModel: 'whisper-1',
        tenantBaseUrl: false,
      })
      await platform.models.list()
      assert.equal(provider.hits(), 1)

      const tenant = openAIClient({
        apiKey: 'sk-test-123456',
        baseUrl: `${provider.url}/v1`,
        transcriptionModel: 'whisper-1',
        tenantBaseUrl: true,
      })
      const error = await tenant.models.list().catch((e) => e)
      assert.match(outboundRefusal(error)?.reason ?? '', /must use https/)
      assert.equal(provider.hits(), 1, 'the tenant URL never reached it')
    } finally {
      await provider.close()
    }
  })

  test('a redirect from a provider is not followed, and its answer is never the stored reason', async ({
    assert,
  }) => {
    env.set('OUTBOUND_ALLOW_PRIVATE', 'true')
    const target = await httpServer((res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}')
    )
    const redirector = await httpServer((res) =>
      res
        .writeHead(307, {
          'location': `${target.url}/v1/models`,
          'content-type': 'application/json',
        })
        .end('{"error":{"message":"internal token abc123"}}')
    )
    const failing = await httpServer((res) =>
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"error":{"message":"root:x:0:0:root:/root:/bin/bash"}}')
    )
    try {
      const client = (url: string) =>
        openAIClient({
          apiKey: 'sk-test-123456',
          baseUrl: `${url}/v1`,
          transcriptionModel: 'whisper-1',
          tenantBaseUrl: true,
        })
      const redirected = await client(redirector.url)
        .models.list()
        .catch((e) => e)
      assert.instanceOf(redirected, OpenAI.APIError)
      assert.equal(redirected.status, 307)
      assert.equal(target.hits(), 0)
      assert.equal(
        providerFailureReason(redirected),
        'The transcription provider answered with a redirect (HTTP 307), which is not followed'
      )

      const failed = await client(failing.url)
        .models.list()
        .catch((e) => e)
      assert.include(String(failed.message), 'root:x:0:0', 'the SDK does carry the answer')
      assert.equal(
        providerFailureReason(failed),
        'The transcription provider answered with an error (HTTP 500)'
      )
      assert.isNull(providerFailureReason(new Error('ffmpeg exited with code 1')))
    } finally {
      await redirector.close()
      await target.close()
      await failing.close()
    }
  })
})
