import { test } from '@japa/runner'
import { makeTenant, ORIGIN, visit } from '#tests/helpers'
import { revokeKey, setOrigins, setTenantStatus } from '#services/tenants'

/** The key with its last character changed (never to itself). */
const tamper = (key: string) => key.slice(0, -1) + (key.endsWith('Z') ? 'Y' : 'Z')

test.group('GET /v1/embed/config', () => {
  test('answers an allowed origin with the config and CORS for that origin only', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant('Acme Widgets')
    const response = await visit(client, 'embed.config')
      .qs({ key: tenant.publishableKey })
      .header('origin', ORIGIN)
    response.assertStatus(200)
    assert.equal(response.header('access-control-allow-origin'), ORIGIN)
    assert.equal(response.header('vary'), 'Origin')
    assert.deepEqual(response.body().tenant, {
      name: 'Acme Widgets',
      logoUrl: null,
      fontUrl: null,
    })
    assert.deepEqual(response.body().widgets, ['inbox', 'recorder', 'campaigns', 'billing'])
    assert.equal(response.body().locale, 'en')
    assert.match(response.body().realtimeUrl, /^http/)
  })

  test('accepts the key in the X-Parley-Key header too', async ({ client }) => {
    const tenant = await makeTenant()
    const response = await visit(client, 'embed.config')
      .header('x-parley-key', tenant.publishableKey)
      .header('origin', ORIGIN)
    response.assertStatus(200)
  })

  test('refuses origins that are not an exact match, and requests with no origin', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    for (const origin of [
      'https://evil.test',
      'https://app.one.test.evil.test',
      'http://app.one.test',
      'https://app.one.test:8443',
      'null',
      undefined,
    ]) {
      const request = visit(client, 'embed.config').qs({ key: tenant.publishableKey })
      if (origin) request.header('origin', origin)
      const response = await request
      response.assertStatus(403)
      assert.equal(response.body().error.code, 'AUTHORIZATION_ERROR', origin)
      assert.notEqual(response.header('access-control-allow-origin'), ORIGIN)
    }
  })

  test('follows origin changes at once', async ({ client }) => {
    const tenant = await makeTenant()
    const added = 'https://new.one.test'
    ;(
      await visit(client, 'embed.config').qs({ key: tenant.publishableKey }).header('origin', added)
    ).assertStatus(403)
    await setOrigins(tenant.tenant.id, { add: [added], remove: [ORIGIN] })
    ;(
      await visit(client, 'embed.config').qs({ key: tenant.publishableKey }).header('origin', added)
    ).assertStatus(200)
    ;(
      await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    ).assertStatus(403)
  })

  test('refuses missing, malformed, secret and revoked keys with 401', async ({ client }) => {
    const tenant = await makeTenant()
    for (const key of [undefined, 'pk_nope', tenant.secretKey, tamper(tenant.publishableKey)]) {
      const request = visit(client, 'embed.config').header('origin', ORIGIN)
      if (key) request.qs({ key })
      ;(await request).assertStatus(401)
    }
    ;(
      await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    ).assertStatus(200)
    await revokeKey(tenant.keyIds.publishable)
    ;(
      await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    ).assertStatus(401)
  })

  test('refuses a suspended tenant with 403 at once, and serves it again when resumed', async ({
    client,
  }) => {
    const tenant = await makeTenant()
    ;(
      await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    ).assertStatus(200)
    await setTenantStatus(tenant.tenant.id, 'suspended')
    ;(
      await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    ).assertStatus(403)
    await setTenantStatus(tenant.tenant.id, 'active')
    ;(
      await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    ).assertStatus(200)
  })

  test('rate-limits per key and client address with 429 and Retry-After', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const limit = Number(process.env.RATE_LIMIT_CONFIG_PER_MINUTE)
    let last
    for (let i = 0; i <= limit; i++) {
      last = await visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
    }
    last!.assertStatus(429)
    assert.equal(last!.body().error.code, 'RATE_LIMITED')
    assert.isAbove(Number(last!.header('retry-after')), 0)
    const other = await makeTenant()
    ;(
      await visit(client, 'embed.config').qs({ key: other.publishableKey }).header('origin', ORIGIN)
    ).assertStatus(200)
  })

  test('answers CORS preflights without credentials', async ({ client, assert }) => {
    const response = await client
      .options('/v1/members')
      .header('origin', ORIGIN)
      .header('access-control-request-method', 'GET')
      .header('access-control-request-headers', 'authorization')
    response.assertStatus(204)
    assert.equal(response.header('access-control-allow-origin'), ORIGIN)
    assert.include(response.header('access-control-allow-headers'), 'Authorization')
    assert.isUndefined(response.header('access-control-allow-credentials'))
  })
})
