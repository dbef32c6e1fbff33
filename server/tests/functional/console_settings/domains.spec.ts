import { test } from '@japa/runner'
import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, ORIGIN, visit } from '#tests/helpers'
import { startDnsServer } from '#tests/doubles/dns_server'
import { targetHost } from '#services/domains/hostnames'
import { forgetDomain } from '#services/domains/check_cache'
import VerifyCustomDomains from '#jobs/verify_custom_domains'

type Dns = Awaited<ReturnType<typeof startDnsServer>>
let dns: Dns
let host = 0
/** A fresh host name per test: names are unique across the platform. */
const freshHost = () => `widgets${++host}-${Date.now()}.acme.test`

const add = (client: any, key: string, hostname: string) =>
  visit(client, 'domains.store').bearerToken(key).json({ hostname })

const check = (client: any, domain: string) => visit(client, 'domains.check').qs({ domain })

test.group('Custom domains', (group) => {
  group.setup(async () => {
    dns = await startDnsServer()
    const before = env.get('DNS_SERVERS')
    env.set('DNS_SERVERS', dns.address)
    return async () => {
      env.set('DNS_SERVERS', before ?? '')
      await dns.close()
    }
  })

  test('adding gives the TXT record and the CNAME target; pending until DNS says so, then verified', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const hostname = freshHost()
    const created = await add(client, tenant.secretKey, `  ${hostname.toUpperCase()}. `)
    created.assertStatus(201)
    const domain = created.body()
    assert.equal(domain.hostname, hostname)
    assert.equal(domain.status, 'pending')
    assert.deepEqual(domain.target, { type: 'CNAME', value: targetHost() })
    assert.equal(domain.verification.type, 'TXT')
    assert.equal(domain.verification.name, `_parley.${hostname}`)
    assert.match(domain.verification.value, /^parley-verification=[0-9a-f]{32}$/)
    assert.isNull(domain.checkedAt)

    // Nothing in DNS yet: the TXT record is missing.
    const missing = await visit(client, 'domains.verify', { id: domain.id }).bearerToken(
      tenant.secretKey
    )
    missing.assertStatus(200)
    assert.equal(missing.body().status, 'failed')
    assert.match(missing.body().error, /^TXT record missing/)
    assert.isString(missing.body().checkedAt)
    ;(await check(client, hostname)).assertStatus(404)

    dns.txt.set(`_parley.${hostname}`, ['v=spf1 -all', domain.verification.value])
    dns.cname.set(hostname, `${targetHost()}.`)
    const verified = await visit(client, 'domains.verify', { id: domain.id }).bearerToken(
      tenant.secretKey
    )
    assert.equal(verified.body().status, 'verified')
    assert.isNull(verified.body().error)
    assert.isString(verified.body().verifiedAt)

    const ok = await check(client, hostname)
    ok.assertStatus(200)
    assert.equal(ok.header('cache-control'), 'no-store')
    const shown = await visit(client, 'domains.show', { id: domain.id }).bearerToken(
      tenant.secretKey
    )
    assert.equal(shown.body().status, 'verified')
    const list = await visit(client, 'domains.index').bearerToken(tenant.secretKey)
    assert.deepEqual(
      list.body().data.map((d: any) => d.id),
      [domain.id]
    )
  })

  test('a wrong TXT value and a CNAME pointing elsewhere fail with the reason in words', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const hostname = freshHost()
    const domain = (await add(client, tenant.secretKey, hostname)).body()
    const verify = () =>
      visit(client, 'domains.verify', { id: domain.id }).bearerToken(tenant.secretKey)

    dns.txt.set(`_parley.${hostname}`, ['parley-verification=0000'])
    dns.cname.set(hostname, targetHost())
    const wrong = (await verify()).body()
    assert.equal(wrong.status, 'failed')
    assert.include(wrong.error, 'Wrong value in the TXT record')
    assert.include(wrong.error, 'found parley-verification=0000')

    dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
    dns.cname.set(hostname, 'elsewhere.example.net')
    const elsewhere = (await verify()).body()
    assert.equal(elsewhere.status, 'failed')
    assert.equal(
      elsewhere.error,
      `CNAME points elsewhere: ${hostname} points at elsewhere.example.net, not ${targetHost()}`
    )

    dns.cname.delete(hostname)
    const noCname = (await verify()).body()
    assert.match(noCname.error, /^CNAME record missing: point /)
    ;(await check(client, hostname)).assertStatus(404)
  })

  test('a DNS outage leaves the status as it was and says the lookup failed', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const hostname = freshHost()
    const domain = (await add(client, tenant.secretKey, hostname)).body()
    dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
    dns.cname.set(hostname, targetHost())
    const verify = () =>
      visit(client, 'domains.verify', { id: domain.id }).bearerToken(tenant.secretKey)
    assert.equal((await verify()).body().status, 'verified')
    dns.state.fail = true
    try {
      const during = (await verify()).body()
      assert.equal(during.status, 'verified')
      assert.match(during.error, /DNS lookup of .* failed \(ESERVFAIL\)/)
    } finally {
      dns.state.fail = false
    }
    ;(await check(client, hostname)).assertStatus(200)
  })

  test('the periodic job verifies pending domains', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const hostname = freshHost()
    const domain = (await add(client, tenant.secretKey, hostname)).body()
    dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
    dns.cname.set(hostname, targetHost())
    await new VerifyCustomDomains().handle()
    const shown = await visit(client, 'domains.show', { id: domain.id }).bearerToken(
      tenant.secretKey
    )
    assert.equal(shown.body().status, 'verified')
    ;(await check(client, hostname)).assertStatus(200)
  })

  test('refuses IPs, malformed names, our own host; a taken name is 409 for any tenant', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    for (const bad of [
      '203.0.113.7',
      '[2001:db8::1]',
      'https://widgets.acme.test/',
      'widgets.acme.test:8443',
      'nodots',
      '-bad.acme.test',
      'bad-.acme.test',
      'a..b.test',
      `${'x'.repeat(64)}.acme.test`,
      'widgets.acme.123',
      targetHost(),
      '',
      // Punycode that decodes to nothing (these were 201).
      'xn--zz.com',
      'xn--a.com',
      'widgets.xn--.acme.test',
      'xn--example-.acme.test',
    ]) {
      const response = await add(client, tenant.secretKey, bad)
      response.assertStatus(422)
      assert.equal(response.body().error.details[0].field, 'hostname', bad)
    }
    ;(await visit(client, 'domains.store').bearerToken(tenant.secretKey).json({})).assertStatus(422)
    ;(
      await visit(client, 'domains.store')
        .bearerToken(tenant.secretKey)
        .json({ hostname: freshHost(), extra: 1 })
    ).assertStatus(422)

    const hostname = freshHost()
    ;(await add(client, tenant.secretKey, hostname)).assertStatus(201)
    const again = await add(client, tenant.secretKey, hostname)
    again.assertStatus(409)
    assert.equal(again.body().error.code, 'CONFLICT')
    const taken = await add(client, other.secretKey, hostname.toUpperCase())
    taken.assertStatus(409)
    // An IDN is stored as punycode.
    const idn = await add(client, tenant.secretKey, `bücher${Date.now()}.acme.test`)
    idn.assertStatus(201)
    assert.match(idn.body().hostname, /^xn--bcher/)
    // …and given as punycode, a valid one is taken as it is.
    const puny = await add(client, tenant.secretKey, `xn--e1afmkfd.${Date.now()}.acme.test`)
    puny.assertStatus(201)
  })

  test("another tenant's domain is 404 on every route", async ({ client, assert }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    const domain = (await add(client, tenant.secretKey, freshHost())).body()
    for (const name of ['domains.show', 'domains.verify', 'domains.destroy']) {
      const response = await visit(client, name, { id: domain.id }).bearerToken(other.secretKey)
      response.assertStatus(404)
      assert.equal(response.body().error.code, 'NOT_FOUND')
    }
    const list = await visit(client, 'domains.index').bearerToken(other.secretKey)
    assert.deepEqual(list.body().data, [])
    ;(
      await visit(client, 'domains.show', { id: 'not-a-uuid' }).bearerToken(tenant.secretKey)
    ).assertStatus(404)
    ;(await visit(client, 'domains.index')).assertStatus(401)
    ;(
      await visit(client, 'domains.show', { id: domain.id }).bearerToken(tenant.secretKey)
    ).assertStatus(200)
  })

  test('deleting a verified domain makes the check answer 404 at once', async ({ client }) => {
    const tenant = await makeTenant()
    const hostname = freshHost()
    const domain = (await add(client, tenant.secretKey, hostname)).body()
    dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
    dns.cname.set(hostname, targetHost())
    await visit(client, 'domains.verify', { id: domain.id }).bearerToken(tenant.secretKey)
    ;(await check(client, hostname)).assertStatus(200)
    ;(
      await visit(client, 'domains.destroy', { id: domain.id }).bearerToken(tenant.secretKey)
    ).assertStatus(204)
    ;(await check(client, hostname)).assertStatus(404)
    // The name is free again.
    ;(await add(client, tenant.secretKey, hostname)).assertStatus(201)
  })

  test('the check endpoint: 404 for unknown and malformed names, 422 without one, 503 (not 200) when the database fails', async ({
    client,
    assert,
  }) => {
    ;(await check(client, 'nobody.acme.test')).assertStatus(404)
    ;(await check(client, '127.0.0.1')).assertStatus(404)
    ;(await visit(client, 'domains.check')).assertStatus(422)

    // A verified domain whose cached answer is dropped, then the database refuses: 503.
    const tenant = await makeTenant()
    const hostname = freshHost()
    const domain = (await add(client, tenant.secretKey, hostname)).body()
    dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
    dns.cname.set(hostname, targetHost())
    await visit(client, 'domains.verify', { id: domain.id }).bearerToken(tenant.secretKey)
    forgetDomain(hostname)
    // The relay pool refusing (a database outage), for this request only.
    const connection = db.connection.bind(db)
    ;(db as any).connection = (name?: string) => {
      if (name !== 'relay') return connection(name)
      return {
        from: () => {
          throw Object.assign(new Error('connection terminated'), { code: 'ECONNRESET' })
        },
      }
    }
    try {
      const down = await check(client, hostname)
      down.assertStatus(503)
      assert.equal(down.header('retry-after'), '5')
      assert.equal(down.body().error.code, 'SERVICE_UNAVAILABLE')
    } finally {
      ;(db as any).connection = connection
    }
    ;(await check(client, hostname)).assertStatus(200)
  })

  test('the embed config names the verified custom domain it was asked through', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const hostname = freshHost()
    const domain = (await add(client, tenant.secretKey, hostname)).body()
    dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
    dns.cname.set(hostname, targetHost())
    await visit(client, 'domains.verify', { id: domain.id }).bearerToken(tenant.secretKey)
    const config = (through?: string) => {
      const request = visit(client, 'embed.config')
        .qs({ key: tenant.publishableKey })
        .header('origin', ORIGIN)
      return through ? request.header('host', through) : request
    }
    const viaDomain = await config(hostname)
    viaDomain.assertStatus(200)
    assert.equal(viaDomain.body().realtimeUrl, `http://${hostname}/__transmit/events`)
    const viaUnknown = await config('unverified.acme.test')
    assert.notInclude(viaUnknown.body().realtimeUrl, 'unverified.acme.test')
    const plain = await config()
    assert.equal(viaUnknown.body().realtimeUrl, plain.body().realtimeUrl)
  })
})
