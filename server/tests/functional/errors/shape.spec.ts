import { visit } from '#tests/helpers'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'
import { Redis } from 'ioredis'
import { BaseCheck, Result } from '@adonisjs/core/health'
import { checks } from '#start/health'
import { freePort } from '#lib/local_services'

test.group('Errors and request ids', () => {
  test('every response carries X-Request-Id, success or error', async ({ client, assert }) => {
    for (const path of ['/health', '/v1/nowhere', '/v1/me']) {
      const response = await client.get(path)
      assert.match(response.header('x-request-id') ?? '', /^[0-9a-f-]{36}$/, path)
    }
  })

  test('an unknown route answers 404 in the error shape with the request id', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/v1/nowhere')
    response.assertStatus(404)
    const { error } = response.body()
    assert.equal(error.code, 'NOT_FOUND')
    assert.equal(error.requestId, response.header('x-request-id'))
  })

  test('an unexpected error becomes INTERNAL_ERROR with no stack, SQL or secret', async ({
    assert,
  }) => {
    const ctx = await testUtils.createHttpContext()
    const handler = new HttpExceptionHandler()
    const error = new Error("select * from api_keys where secret_hash = 'sk_live_secret'")
    await handler.handle(error, ctx)
    assert.equal(ctx.response.getStatus(), 500)
    const body = JSON.stringify(ctx.response.getBody())
    assert.include(body, 'INTERNAL_ERROR')
    for (const leak of ['select', 'api_keys', 'sk_live_secret', 'at ', '.ts'])
      assert.notInclude(body, leak)
  })

  test('GET /health reports database and Redis', async ({ client }) => {
    const response = await visit(client, 'health')
    response.assertStatus(200)
    response.assertBody({ status: 'ok', db: 'ok', redis: 'ok' })
  })
})

test.group('Health when a dependency is down', () => {
  test('answers 503 naming Redis when Redis does not answer, and 200 again after', async ({
    client,
  }) => {
    const unreachable = new Redis({
      port: await freePort(),
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    unreachable.on('error', () => {})
    /** Pings a Redis nobody listens on, as the framework's check would. */
    class UnreachableRedis extends BaseCheck {
      name = 'redis'
      async run() {
        try {
          await unreachable.ping()
          return Result.ok('answered')
        } catch (error) {
          return Result.failed(String(error))
        }
      }
    }
    const original = checks.redis
    checks.redis = new UnreachableRedis()
    try {
      const down = await visit(client, 'health')
      down.assertStatus(503)
      down.assertBody({ status: 'degraded', db: 'ok', redis: 'down' })
    } finally {
      checks.redis = original
      unreachable.disconnect()
    }
    ;(await visit(client, 'health')).assertStatus(200)
  })
})
