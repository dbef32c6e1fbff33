import { test } from '@japa/runner'
import { freePort } from '#lib/local_services'
import { makeTenant, ORIGIN } from '#tests/helpers'
import { kill, startServerProcess } from '#tests/server_process'

/** GET /v1/embed/config (limited per publishable key and client address) from `base`. */
const config = (base: string, key: string, forwardedFor?: string) =>
  fetch(`${base}/v1/embed/config?key=${key}`, {
    headers: { origin: ORIGIN, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
  })

test.group('TRUSTED_PROXIES and per-address rate limits', () => {
  test('a client cannot step around the limit by rotating X-Forwarded-For (no proxy trusted)', async ({
    assert,
  }) => {
    const tenant = await makeTenant()
    const base = `http://${process.env.HOST}:${process.env.PORT}`
    const limit = Number(process.env.RATE_LIMIT_CONFIG_PER_MINUTE)
    const statuses: number[] = []
    for (let i = 0; i <= limit; i++) {
      const response = await config(base, tenant.publishableKey, `198.51.100.${i + 1}`)
      statuses.push(response.status)
    }
    assert.equal(statuses.filter((s) => s === 200).length, limit)
    assert.equal(statuses.at(-1), 429)
  })

  test('behind a trusted proxy, each forwarded client address is counted on its own', async ({
    assert,
  }) => {
    const tenant = await makeTenant()
    const port = await freePort()
    const child = await startServerProcess(port, {
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1',
      RATE_LIMIT_CONFIG_PER_MINUTE: '3',
    })
    try {
      const base = `http://127.0.0.1:${port}`
      const statuses = async (forwardedFor: string, n: number) => {
        const out: number[] = []
        for (let i = 0; i < n; i++) {
          out.push((await config(base, tenant.publishableKey, forwardedFor)).status)
        }
        return out
      }
      // What a client writes to the left of the proxy's entry is not believed: the address
      // the trusted proxy saw (the rightmost untrusted one) is the one counted.
      assert.deepEqual(await statuses('1.1.1.1, 203.0.113.7', 2), [200, 200])
      assert.deepEqual(await statuses('2.2.2.2, 203.0.113.7, 10.1.2.3', 2), [200, 429])
      assert.deepEqual(await statuses('203.0.113.8', 1), [200])
      const refused = await config(base, tenant.publishableKey, '203.0.113.7')
      assert.equal(refused.status, 429)
      assert.equal(refused.headers.get('x-ratelimit-limit'), '3')
      assert.equal(refused.headers.get('x-ratelimit-remaining'), '0')
    } finally {
      await kill(child, 'SIGTERM')
    }
  }).timeout(60_000)
})
