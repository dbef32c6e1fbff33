import { test } from '@japa/runner'
import { createHmac } from 'node:crypto'
import { signature } from '#services/webhooks'
import {
  createParleyClient,
  ParleyApiError,
  verifyWebhook,
  WebhookVerificationError,
} from '../../../embed/server-client/index.js'

/**
 * The server client's retries and error parsing against a scripted fetch, and the webhook check
 * against the server's own signature() (what the functional test sees from a real delivery).
 */

type Answer = { status: number; body?: unknown; headers?: Record<string, string> }

function scriptedFetch(answers: Answer[]) {
  const seen: { method: string; url: string; body: string }[] = []
  const fetch = async (request: Request) => {
    seen.push({ method: request.method, url: request.url, body: await request.text() })
    const next = answers.shift() ?? { status: 200, body: {} }
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json', ...next.headers },
    })
  }
  return { fetch, seen }
}

const clientWith = (fetch: (r: Request) => Promise<Response>, baseDelayMs = 1) =>
  createParleyClient({ secretKey: 'sk_test', baseUrl: 'https://parley.test/', fetch, baseDelayMs })

const RATE_LIMITED = {
  status: 429,
  body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } },
  headers: { 'retry-after': '1' },
}

test.group('Server client · retries and errors', () => {
  test('a GET answered 429 is retried after Retry-After, then succeeds', async ({ assert }) => {
    const { fetch, seen } = scriptedFetch([RATE_LIMITED, { status: 200, body: { theme: {} } }])
    const started = Date.now()
    assert.deepEqual(await clientWith(fetch).theme.get(), { theme: {} } as never)
    assert.equal(seen.length, 2)
    assert.isAtLeast(Date.now() - started, 950, 'waited the second the server asked for')
    assert.equal(seen[0].url, 'https://parley.test/v1/theme')
  })

  test('a PUT answered 503 is retried with its body; after maxRetries the error surfaces', async ({
    assert,
  }) => {
    const unavailable = {
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'x' } },
    }
    const { fetch, seen } = scriptedFetch([unavailable, unavailable, unavailable, unavailable])
    const error = await clientWith(fetch)
      .theme.put({ tokens: { colorScheme: 'dark' } } as never)
      .catch((e) => e)
    assert.instanceOf(error, ParleyApiError)
    assert.equal(error.code, 'SERVICE_UNAVAILABLE')
    assert.equal(seen.length, 3, 'the first attempt and two retries')
    assert.deepEqual(
      seen.map((s) => JSON.parse(s.body)),
      Array(3).fill({ tokens: { colorScheme: 'dark' } })
    )
  })

  test('POST is never retried; a Retry-After beyond maxDelayMs is returned at once', async ({
    assert,
  }) => {
    const post = scriptedFetch([RATE_LIMITED, { status: 201, body: {} }])
    const error = await clientWith(post.fetch)
      .sessions.create({} as never)
      .catch((e) => e)
    assert.equal(error.status, 429)
    assert.equal(error.retryAfter, 1)
    assert.equal(post.seen.length, 1)

    const get = scriptedFetch([{ ...RATE_LIMITED, headers: { 'retry-after': '120' } }])
    const started = Date.now()
    assert.equal(
      (
        await clientWith(get.fetch)
          .keys.list()
          .catch((e) => e)
      ).code,
      'RATE_LIMITED'
    )
    assert.equal(get.seen.length, 1)
    assert.isBelow(Date.now() - started, 500)
  })

  test('a network failure of a GET is retried; a non-contract answer is UNEXPECTED_RESPONSE', async ({
    assert,
  }) => {
    let calls = 0
    const flaky = async () => {
      if (calls++ === 0) throw new TypeError('fetch failed')
      return new Response('<html>bad gateway</html>', { status: 502 })
    }
    const error = await createParleyClient({
      secretKey: 'sk_test',
      baseUrl: 'https://parley.test',
      fetch: flaky,
      maxRetries: 1,
      baseDelayMs: 1,
    })
      .domains.list()
      .catch((e) => e)
    assert.equal(calls, 2)
    assert.instanceOf(error, ParleyApiError)
    assert.equal(error.code, 'UNEXPECTED_RESPONSE')
    assert.equal(error.status, 502)
  })

  test('the error keeps details, the request id and extra members', async ({ assert }) => {
    const { fetch } = scriptedFetch([
      {
        status: 402,
        body: {
          error: {
            code: 'QUOTA_EXCEEDED',
            message: 'Limit reached',
            feature: 'seats',
            limit: 5,
            requestId: 'req-1',
          },
        },
      },
    ])
    const error = await clientWith(fetch)
      .sessions.create({} as never)
      .catch((e) => e)
    assert.include(error, { status: 402, code: 'QUOTA_EXCEEDED', requestId: 'req-1' })
    assert.deepEqual(error.data, { feature: 'seats', limit: 5 })
    assert.deepEqual(error.details, [])
  })

  test('refuses a publishable key or a missing base URL', ({ assert }) => {
    assert.throws(() => createParleyClient({ secretKey: 'pk_x', baseUrl: 'https://p.test' }), /sk_/)
    assert.throws(() => createParleyClient({ secretKey: 'sk_x', baseUrl: '' }), /baseUrl/)
  })
})

test.group('Server client · verifyWebhook', () => {
  const secret = 'whsec_unit'
  const body = JSON.stringify({ id: 'e1', type: 'message.created', createdAt: 'x', data: {} })
  const now = 1_800_000_000

  const reason = (
    header: string | undefined,
    input: Partial<Parameters<typeof verifyWebhook>[0]> = {}
  ) => {
    try {
      verifyWebhook({
        payload: body,
        headers: header === undefined ? {} : { 'Parley-Signature': header },
        secret,
        now,
        ...input,
      })
      return 'accepted'
    } catch (error) {
      assert(error instanceof WebhookVerificationError)
      return error.reason
    }
  }
  function assert(condition: unknown): asserts condition {
    if (!condition) throw new Error('expected a WebhookVerificationError')
  }

  test("checks the server's signature(), with the tolerance either way", ({ assert: a }) => {
    a.equal(reason(signature(secret, body, now)), 'accepted')
    a.equal(reason(signature(secret, body, now - 300)), 'accepted')
    a.equal(reason(signature(secret, body, now - 301)), 'STALE_TIMESTAMP')
    a.equal(reason(signature(secret, body, now + 301)), 'STALE_TIMESTAMP')
    a.equal(reason(signature(secret, body, now - 3000), { toleranceSeconds: 3600 }), 'accepted')
  })

  test('accepts any of several v1 signatures and refuses malformed headers', ({ assert: a }) => {
    const good = signature(secret, body, now)
    const other = createHmac('sha256', 'whsec_other').update(`${now}.${body}`).digest('hex')
    a.equal(reason(`t=${now},v1=${other},${good.split(',')[1]}`), 'accepted')
    a.equal(reason(`t=${now},v1=${other}`), 'BAD_SIGNATURE')
    a.equal(reason(`v1=${other}`), 'MALFORMED_HEADER')
    a.equal(reason(`t=${now},v1=abc`), 'MALFORMED_HEADER')
    a.equal(reason(undefined), 'MISSING_HEADER')
    a.equal(reason(good, { payload: `${body} ` }), 'BAD_SIGNATURE')
  })
})
