import { expect } from '@open-wc/testing'
import { ApiClient, tokenExpiry } from './api-client.js'
import { ParleyApiError, ParleyNetworkError } from './errors.js'

/** A session token with the given expiry (the client only reads `exp`). */
const token = (exp: number, tag = 't') =>
  `v1.${btoa(JSON.stringify({ exp, tag })).replace(/=+$/, '')}.sig`
const now = () => Math.floor(Date.now() / 1000)
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

function setup(responses: (Response | Error)[], sessionTokens: string[]) {
  const calls: { url: string; init: RequestInit }[] = []
  let sessions = 0
  const client = new ApiClient({
    baseUrl: 'https://api.parley.test',
    session: async () => sessionTokens[Math.min(sessions++, sessionTokens.length - 1)],
    fetch: (async (url: URL, init: RequestInit) => {
      calls.push({ url: String(url), init })
      const next = responses.shift()
      if (!next) throw new Error('no more responses')
      if (next instanceof Error) throw next
      return next
    }) as typeof fetch,
    sleep: async () => {},
  })
  return { client, calls, sessions: () => sessions }
}

describe('ApiClient', () => {
  it('reads the expiry out of a session token', () => {
    expect(tokenExpiry(token(1234))).to.equal(1234)
    expect(tokenExpiry('garbage')).to.equal(null)
  })

  it('sends the session token and query, and returns the JSON body', async () => {
    const { client, calls } = setup([json(200, { ok: true })], [token(now() + 900)])
    const body = await client.request('/v1/members', { query: { limit: 10, cursor: undefined } })
    expect(body).to.deep.equal({ ok: true })
    expect(calls[0].url).to.equal('https://api.parley.test/v1/members?limit=10')
    expect((calls[0].init.headers as Record<string, string>).Authorization).to.match(/^Bearer v1\./)
  })

  it('asks the host for one token for concurrent requests, and again shortly before it expires', async () => {
    const { client, sessions } = setup(
      [json(200, {}), json(200, {}), json(200, {}), json(200, {})],
      [token(now() + 30), token(now() + 900)]
    )
    await Promise.all([client.request('/a'), client.request('/b')])
    // The first token expires within the 60 s margin: each call refreshes until one lasts.
    expect(sessions()).to.equal(1)
    await client.request('/c')
    expect(sessions()).to.equal(2)
    await client.request('/d')
    expect(sessions()).to.equal(2)
  })

  it('refreshes once and retries when the server says the session expired', async () => {
    const { client, calls, sessions } = setup(
      [
        json(401, { error: { code: 'AUTHENTICATION_ERROR', message: 'Session token expired' } }),
        json(200, { ok: 1 }),
      ],
      [token(now() + 900, 'old'), token(now() + 900, 'new')]
    )
    expect(await client.request('/v1/me')).to.deep.equal({ ok: 1 })
    expect(sessions()).to.equal(2)
    expect(calls).to.have.length(2)
  })

  it('retries network failures and 503s with backoff, then succeeds', async () => {
    const { client, calls } = setup(
      [new TypeError('Failed to fetch'), json(503, {}), json(200, { ok: 1 })],
      [token(now() + 900)]
    )
    expect(await client.request('/v1/me')).to.deep.equal({ ok: 1 })
    expect(calls).to.have.length(3)
  })

  it('gives up after maxAttempts with a typed network error', async () => {
    const { client, calls } = setup(
      [new TypeError('x'), new TypeError('x'), new TypeError('x'), new TypeError('x')],
      [token(now() + 900)]
    )
    const error = (await client.request('/v1/me').catch((e) => e)) as ParleyApiError
    expect(error).to.be.instanceOf(ParleyNetworkError)
    expect(calls).to.have.length(4)
  })

  it('never retries a POST without an idempotency key', async () => {
    const { client, calls } = setup([new TypeError('x'), json(201, {})], [token(now() + 900)])
    expect(
      await client.request('/v1/x', { method: 'POST', body: {} }).catch((e) => e)
    ).to.be.instanceOf(ParleyNetworkError)
    expect(calls).to.have.length(1)
  })

  it('retries a POST with an idempotency key, sending the key', async () => {
    const { client, calls } = setup(
      [new TypeError('x'), json(201, { id: 1 })],
      [token(now() + 900)]
    )
    expect(
      await client.request('/v1/x', { method: 'POST', body: { a: 1 }, idempotencyKey: 'k1' })
    ).to.deep.equal({ id: 1 })
    expect((calls[1].init.headers as Record<string, string>)['Idempotency-Key']).to.equal('k1')
    expect(calls[1].init.body).to.equal('{"a":1}')
  })

  it("turns the contract's error answers into typed errors", async () => {
    const { client } = setup(
      [
        json(422, {
          error: {
            code: 'VALIDATION_ERROR',
            message: 'bad',
            details: [{ field: 'body', message: 'required' }],
            requestId: 'r1',
          },
        }),
      ],
      [token(now() + 900)]
    )
    const error = (await client
      .request('/v1/x', { method: 'PUT', body: {} })
      .catch((e) => e)) as ParleyApiError
    expect(error).to.be.instanceOf(ParleyApiError)
    expect([error.code, error.status, error.requestId, error.details[0].field]).to.deep.equal([
      'VALIDATION_ERROR',
      422,
      'r1',
      'body',
    ])
  })

  it('turns a failing session callback into a session error, and asks again next time', async () => {
    let calls = 0
    const client = new ApiClient({
      baseUrl: 'https://api.parley.test',
      session: async () => {
        calls++
        if (calls === 1) throw new TypeError('Failed to fetch')
        return token(now() + 900)
      },
      fetch: (async () => json(200, { ok: true })) as typeof fetch,
      sleep: async () => {},
    })
    const error = (await client.request('/v1/me').catch((e) => e)) as ParleyApiError
    expect(error).to.be.instanceOf(ParleyApiError)
    expect(error.code).to.equal('AUTHENTICATION_ERROR')
    expect(error.status).to.equal(401)
    expect(error.message).to.contain('Failed to fetch')
    expect(await client.request('/v1/me')).to.deep.equal({ ok: true })
    expect(calls).to.equal(2)
  })
})
