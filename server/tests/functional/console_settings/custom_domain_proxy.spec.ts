import { test } from '@japa/runner'
import { request } from 'node:http'
import env from '#start/env'
import { freePort } from '#lib/local_services'
import { makeTenant, ORIGIN, visit } from '#tests/helpers'
import { startDnsServer } from '#tests/doubles/dns_server'
import { targetHost } from '#services/domains/hostnames'
import { kill, startServerProcess } from '#tests/server_process'

type Dns = Awaited<ReturnType<typeof startDnsServer>>
let dns: Dns
let count = 0

/** A custom domain of `tenant`, verified against the DNS double. */
async function verifiedDomain(client: any, secretKey: string) {
  const hostname = `widgets${++count}-${Date.now()}.proxy.test`
  const domain = (
    await visit(client, 'domains.store').bearerToken(secretKey).json({ hostname })
  ).body()
  dns.txt.set(domain.verification.name, [domain.verification.value])
  dns.cname.set(hostname, targetHost())
  const verified = await visit(client, 'domains.verify', { id: domain.id }).bearerToken(secretKey)
  if (verified.body().status !== 'verified') throw new Error(verified.body().error)
  return hostname
}

/** A request with a Host of our choosing (fetch does not let a caller set Host): status and body. */
function raw(
  path: string,
  options: { method?: string; headers: Record<string, string>; body?: string }
) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(
      `http://${process.env.HOST}:${process.env.PORT}${path}`,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(body || 'null') }))
      }
    )
    req.once('error', reject)
    req.end(options.body)
  })
}

/** GET /v1/embed/config as a proxy (or a client pretending to be one) sends it: node:http, since
 * fetch does not let a caller set Host. */
function realtimeUrl(base: string, key: string, headers: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      `${base}/v1/embed/config?key=${key}`,
      { headers: { origin: ORIGIN, ...headers } },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve(JSON.parse(body).realtimeUrl))
      }
    )
    req.once('error', reject)
    req.end()
  })
}

/**
 * Behind Caddy, the custom host and `https` reach Parley as X-Forwarded-Host/-Proto. They must
 * count only from TRUSTED_PROXIES: otherwise any client could make Parley name a host of its
 * choosing (another tenant's domain) or a scheme it does not serve.
 */
test.group(
  'Custom domains behind a proxy: forwarded headers only from TRUSTED_PROXIES',
  (group) => {
    group.setup(async () => {
      dns = await startDnsServer()
      const before = env.get('DNS_SERVERS')
      env.set('DNS_SERVERS', dns.address)
      return async () => {
        env.set('DNS_SERVERS', before ?? '')
        await dns.close()
      }
    })

    test('no proxy trusted: the Host header names the domain, forwarded headers change nothing', async ({
      client,
      assert,
    }) => {
      const tenant = await makeTenant()
      const mine = await verifiedDomain(client, tenant.secretKey)
      const other = await verifiedDomain(client, (await makeTenant('Other')).secretKey)
      const base = `http://${process.env.HOST}:${process.env.PORT}`
      const url = await realtimeUrl(base, tenant.publishableKey, {
        'host': mine,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': other,
      })
      assert.equal(url, `http://${mine}/__transmit/events`)
    })

    test('behind a trusted proxy: https and the forwarded host, still only a verified one', async ({
      client,
      assert,
    }) => {
      const tenant = await makeTenant()
      const mine = await verifiedDomain(client, tenant.secretKey)
      const port = await freePort()
      const child = await startServerProcess(port, { TRUSTED_PROXIES: '127.0.0.1' })
      try {
        const base = `http://127.0.0.1:${port}`
        const viaProxy = (host: string) =>
          realtimeUrl(base, tenant.publishableKey, {
            'host': host,
            'x-forwarded-proto': 'https',
            'x-forwarded-host': host,
          })
        assert.equal(await viaProxy(`${mine}:8443`), `https://${mine}:8443/__transmit/events`)
        // A name that is not a verified custom domain gets PUBLIC_URL, whoever forwards it.
        assert.equal(
          await viaProxy('unverified.proxy.test'),
          `http://127.0.0.1:${port}/__transmit/events`
        )
      } finally {
        await kill(child, 'SIGTERM')
      }
    }).timeout(60_000)

    test('a verified domain fronts its own tenant only: another tenant’s key, token or session is refused on it', async ({
      client,
      assert,
    }) => {
      const owner = await makeTenant()
      const other = await makeTenant('Other')
      const domain = await verifiedDomain(client, owner.secretKey)
      const config = (key: string, host: string) =>
        raw(`/v1/embed/config?key=${key}`, { headers: { host, origin: ORIGIN } })

      assert.equal((await config(owner.publishableKey, domain)).status, 200)
      const refused = await config(other.publishableKey, domain)
      assert.equal(refused.status, 403)
      assert.equal(refused.body.error.code, 'AUTHORIZATION_ERROR')
      // Elsewhere (Parley's own host, a name that is nobody's domain) the other key still works.
      assert.equal((await config(other.publishableKey, `${process.env.HOST}`)).status, 200)
      assert.equal((await config(other.publishableKey, 'nobodys.proxy.test')).status, 200)

      // Server-to-server: the other tenant's secret key minting a session through this domain.
      const mint = (secretKey: string) =>
        raw('/v1/sessions', {
          method: 'POST',
          headers: {
            'host': domain,
            'authorization': `Bearer ${secretKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ workspace: { id: 'w1' }, user: { id: 'u1', role: 'agent' } }),
        })
      const own = await mint(owner.secretKey)
      assert.equal(own.status, 201, JSON.stringify(own.body))
      assert.equal((await mint(other.secretKey)).status, 403)

      // A widget's session token of the other tenant on this domain.
      const otherToken = (
        await client
          .post('/v1/sessions')
          .bearerToken(other.secretKey)
          .json({ workspace: { id: 'w1' }, user: { id: 'u1', role: 'agent' } })
      ).body().token
      const conversations = (token: string, host: string) =>
        raw('/v1/conversations', {
          headers: { host, authorization: `Bearer ${token}`, origin: ORIGIN },
        })
      assert.equal((await conversations(otherToken, domain)).status, 403)
      assert.equal((await conversations(own.body.token, domain)).status, 200)
    })
  }
)
