import { get } from 'node:http'
import { test } from '@japa/runner'
import { freePort } from '#lib/local_services'
import { makeTenant, ORIGIN } from '#tests/helpers'
import { kill, startServerProcess } from '#tests/server_process'

/**
 * The rate limits' budget is shared through Redis but leased to each process in batches of up to
 * a twentieth of the limit (services/leased_rate_limiter.ts). Across P processes a key is never
 * admitted more than its limit, and is refused no earlier than after
 * limit − (P − 1) × (limit / 20 − 1) requests: with two processes and a limit of 100, 96.
 */
test.group('Rate limits across server processes', () => {
  test('two processes on one port share one budget per key: never more than the limit, refusals only in the last 5%', async ({
    assert,
  }) => {
    const limit = 100
    const tenant = await makeTenant()
    const port = await freePort()
    const primary = await startServerProcess(port, {
      WEB_CONCURRENCY: '2',
      RATE_LIMIT_CONFIG_PER_MINUTE: String(limit),
    })
    try {
      // A fresh connection each time, so the cluster hands requests to both processes in turn.
      const config = () =>
        new Promise<{ status: number; remaining: string }>((resolve, reject) => {
          get(
            `http://127.0.0.1:${port}/v1/embed/config?key=${tenant.publishableKey}`,
            { agent: false, headers: { origin: ORIGIN } },
            (response) => {
              response.resume()
              resolve({
                status: response.statusCode!,
                remaining: String(response.headers['x-ratelimit-remaining'] ?? ''),
              })
            }
          ).on('error', reject)
        })
      const answers = []
      for (let i = 0; i < limit * 1.5; i++) answers.push(await config())
      const admitted = answers.filter((a) => a.status === 200).length
      const firstRefusal = answers.findIndex((a) => a.status === 429)
      assert.isAtMost(admitted, limit, 'never more than the limit')
      assert.isAtLeast(admitted, limit - (limit / 20 - 1), 'at most one batch left unspent')
      assert.isAtLeast(firstRefusal, limit - (limit / 20 - 1), 'no refusal before the last 5%')
      assert.deepEqual(
        [...new Set(answers.map((a) => a.status))].sort(),
        [200, 429],
        'only admitted or refused'
      )
      assert.equal(answers.at(-1)!.status, 429)
      assert.equal(answers.at(-1)!.remaining, '0')
    } finally {
      await kill(primary, 'SIGTERM')
    }
  }).timeout(120_000)
})
