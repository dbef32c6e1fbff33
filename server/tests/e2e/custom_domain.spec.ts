/// <reference lib="dom" />
import { test } from '@japa/runner'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect, type TLSSocket } from 'node:tls'
import { promisify } from 'node:util'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '#lib/chromium'
import { freePort, isListening } from '#lib/local_services'
import { makeTenant } from '#tests/helpers'
import { buildWidgets } from '#tests/e2e/browser'
import { startDnsServer } from '#tests/doubles/dns_server'
import { kill, startServerProcess } from '#tests/server_process'
import { demoCsp } from '../../../embed/demo-host/server.js'

const CADDY = process.env.CADDY_PATH ?? 'caddy'
const VERIFIED = 'widgets.reseller.test'
const UNVERIFIED = 'unverified.reseller.test'

/** Caddy's version, or a clear failure: this test needs Debian's `caddy` (CI installs it). */
async function caddyVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(CADDY, ['version'])
    return stdout.trim()
  } catch (error) {
    throw new Error(
      `Caddy is not installed or does not run (${(error as Error).message}): ` +
        '`apt-get install -y caddy` (.ci/run does), or set CADDY_PATH'
    )
  }
}

/**
 * The Caddyfile of docs/operations.md ("Custom domains behind Caddy"), as written there, with
 * Parley's address and the test-only global options put in: free ports on 127.0.0.1, no admin
 * endpoint, Caddy's internal CA for every certificate (no ACME, no network), storage in `dir`,
 * and debug logs (they say why a handshake was refused).
 */
async function caddyfileFromDocs(app: string, httpsPort: number, httpPort: number, dir: string) {
  const docs = await readFile('docs/operations.md', 'utf8')
  const section = docs.slice(docs.indexOf('## Custom domains behind Caddy'))
  const block = /```caddyfile\n([\s\S]*?)```/.exec(section)?.[1]
  if (!block?.startsWith('{\n')) throw new Error('docs/operations.md has no Caddyfile to run')
  const testOnly = [
    'admin off',
    'debug',
    'default_bind 127.0.0.1',
    `http_port ${httpPort}`,
    `https_port ${httpsPort}`,
    'local_certs',
    'skip_install_trust',
    `storage file_system {\n\t\troot ${join(dir, 'data')}\n\t}`,
  ]
  return `{\n${testOnly.map((line) => `\t${line}\n`).join('')}${block.slice(2)}`.replaceAll(
    '127.0.0.1:3333',
    app
  )
}

/** `caddy run` as a child of the test, its log kept for the assertions. */
async function startCaddy(config: string, dir: string, port: number) {
  const file = join(dir, 'Caddyfile')
  await writeFile(file, config)
  const log: string[] = []
  const child = spawn(CADDY, ['run', '--config', file, '--adapter', 'caddyfile'], {
    env: {
      ...process.env,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()))
  for (let i = 0; i < 200; i++) {
    if (await isListening(port)) return { child, log }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`caddy did not start:\n${log.join('')}`)
}

/** base64 SHA-256 of a certificate's public key: what Chromium's SPKI allow-list takes. */
const spkiHash = (pem: string) =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64')

/**
 * The reseller's own app on another origin (on the tenant's allowed list): one script tag naming
 * the custom domain, under a strict CSP that allows that domain and nothing of Parley's own host,
 * and a backend route minting sessions with the secret key (server to server, to Parley directly).
 */
function startHostPage(port: number, custom: string, app: string, keys: Record<string, string>) {
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Reseller CRM</title>
    <meta name="parley-key" content="${keys.publishable}" />
    <meta name="demo-user" content="ana" />
    <script src="/parley-stub.js"></script>
    <script src="/host.js"></script>
    <script src="${custom}/embed.js" data-key="${keys.publishable}" async></script>
  </head>
  <body>
    <h1>Reseller CRM</h1>
    <parley-launcher widget="inbox" label="Inbox"></parley-launcher>
  </body>
</html>`
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://host.local').pathname
    if (req.method === 'POST' && path === '/session') {
      const upstream = await fetch(`${app}/v1/sessions`, {
        method: 'POST',
        headers: { 'Authorization': `Bearer ${keys.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          workspace: { id: 'reseller-co', name: 'Reseller Co' },
          user: { id: 'u_ana', name: 'Ana Lima', role: 'owner' },
        }),
      })
      res.writeHead(upstream.status, { 'Content-Type': 'application/json' })
      return res.end(await upstream.text())
    }
    const scripts: Record<string, string> = {
      '/parley-stub.js': '../../../embed/snippet.js',
      '/host.js': '../../../embed/demo-host/host.js',
    }
    if (scripts[path]) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      return res.end(await readFile(new URL(scripts[path], import.meta.url)))
    }
    if (path === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': demoCsp(custom),
      })
      return res.end(html)
    }
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end()
  })
  return new Promise<Server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

/** The TLS handshake with Caddy for `servername`: resolves with the alert it failed with, if any. */
function handshake(port: number, servername: string, ca: string) {
  return new Promise<{ ok: boolean; error?: string }>((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername, ca, timeout: 10_000 })
    socket.once('timeout', () => socket.destroy(new Error('TLS handshake timed out')))
    socket.once('secureConnect', () => {
      resolve({ ok: socket.authorized })
      socket.destroy()
    })
    socket.once('error', (error) => resolve({ ok: false, error: error.message }))
  })
}

/** GET over HTTPS to Caddy, verified against Caddy's root only. */
function httpsGet(
  port: number,
  servername: string,
  path: string,
  ca: string,
  headers: Record<string, string> = {}
) {
  return new Promise<{ status: number; body: string; issuer: string; cors?: string }>(
    (resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          servername,
          path,
          ca,
          headers: { host: `${servername}:${port}`, ...headers },
        },
        (res) => {
          const issuer = String((res.socket as TLSSocket).getPeerCertificate().issuer?.CN ?? '')
          const cors = res.headers['access-control-allow-origin'] as string | undefined
          let body = ''
          res.on('data', (chunk) => (body += chunk))
          res.on('end', () => resolve({ status: res.statusCode!, body, issuer, cors }))
        }
      )
      req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path} timed out`)))
      req.once('error', reject)
      req.end()
    }
  )
}

test.group('Custom domain through a real Caddy (end to end)', (group) => {
  let dir: string
  let app: string
  let custom: string
  let caddyPort: number
  let caddy: { child: ChildProcess; log: string[] }
  let parley: ChildProcess
  let dns: Awaited<ReturnType<typeof startDnsServer>>
  let host: Server
  let hostUrl: string
  let browser: Browser
  let root: string
  let tenant: Awaited<ReturnType<typeof makeTenant>>

  /** Stops what was started (also when the setup failed halfway: no child outlives the run). */
  const cleanup = async () => {
    await browser?.close()
    if (host) await new Promise((r) => host.close(r))
    if (caddy) await kill(caddy.child, 'SIGTERM')
    if (parley) await kill(parley, 'SIGTERM')
    await dns?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  }

  group.setup(async () => {
    await caddyVersion()
    await buildWidgets()
    try {
      await startEverything()
    } catch (error) {
      await cleanup()
      throw error
    }
    return cleanup
  })

  async function startEverything() {
    dir = await mkdtemp(join(tmpdir(), 'parley-caddy-'))
    dns = await startDnsServer()
    // Parley as production runs it behind Caddy: Caddy (127.0.0.1) is its one trusted proxy, and
    // custom domains are checked against the DNS double.
    const appPort = await freePort()
    app = `http://127.0.0.1:${appPort}`
    parley = await startServerProcess(appPort, {
      TRUSTED_PROXIES: '127.0.0.1',
      DNS_SERVERS: dns.address,
    })
    const hostPort = await freePort()
    hostUrl = `http://localhost:${hostPort}`
    tenant = await makeTenant('Reseller', [hostUrl])

    caddyPort = await freePort()
    custom = `https://${VERIFIED}:${caddyPort}`
    const config = await caddyfileFromDocs(`127.0.0.1:${appPort}`, caddyPort, await freePort(), dir)
    caddy = await startCaddy(config, dir, caddyPort)
    root = await readFile(join(dir, 'data/pki/authorities/local/root.crt'), 'utf8')
    const intermediate = await readFile(
      join(dir, 'data/pki/authorities/local/intermediate.crt'),
      'utf8'
    )
    host = await startHostPage(hostPort, custom, app, {
      publishable: tenant.publishableKey,
      secret: tenant.secretKey,
    })
    // The browser resolves both names to 127.0.0.1 and trusts certificates of Caddy's internal
    // CA only (its SPKI on the allow-list), not any certificate.
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        `--host-resolver-rules=MAP ${VERIFIED} 127.0.0.1, MAP ${UNVERIFIED} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${[root, intermediate].map(spkiHash).join(',')}`,
      ],
    })
  }

  test('add and verify the domain by DNS; the widgets load over HTTPS from it, an unverified name gets no certificate', async ({
    assert,
  }) => {
    const asTenant = (path: string, body?: unknown) =>
      fetch(`${app}${path}`, {
        method: 'POST',
        headers: {
          'Authorization': `Bearer ${tenant.secretKey}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body ?? {}),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))

    // The partner adds both names; DNS carries the records for one of them only.
    const added = await asTenant('/v1/domains', { hostname: VERIFIED })
    assert.equal(added.status, 201)
    assert.equal(added.body.status, 'pending')
    dns.txt.set(added.body.verification.name, [added.body.verification.value])
    dns.cname.set(VERIFIED, `${added.body.target.value}.`)
    const pending = await asTenant('/v1/domains', { hostname: UNVERIFIED })
    assert.equal(pending.status, 201)

    const verified = await asTenant(`/v1/domains/${added.body.id}/verify`)
    assert.equal(verified.body.status, 'verified', verified.body.error)
    const failed = await asTenant(`/v1/domains/${pending.body.id}/verify`)
    assert.equal(failed.body.status, 'failed')
    assert.match(failed.body.error, /^TXT record missing/)
    const check = (name: string) =>
      fetch(`${app}/v1/domains/check?domain=${name}`).then((r) => r.status)
    assert.equal(await check(VERIFIED), 200)
    assert.equal(await check(UNVERIFIED), 404)

    // Caddy: a certificate from its internal CA for the verified name, valid against its root.
    const loader = await httpsGet(caddyPort, VERIFIED, '/embed.js', root)
    assert.equal(loader.status, 200)
    assert.match(loader.issuer, /Caddy Local Authority/)
    // Through Caddy, Parley names the custom domain over https (X-Forwarded-Proto, believed from
    // 127.0.0.1 only), and the allow-list is about the host page's origin: not the domain's own.
    const config = (origin: string) =>
      httpsGet(caddyPort, VERIFIED, `/v1/embed/config?key=${tenant.publishableKey}`, root, {
        origin,
      })
    const allowed = await config(hostUrl)
    assert.equal(allowed.status, 200)
    assert.equal(allowed.cors, hostUrl)
    assert.equal(JSON.parse(allowed.body).realtimeUrl, `${custom}/__transmit/events`)
    for (const origin of [custom, 'https://elsewhere.test']) {
      const refusedOrigin = await config(origin)
      assert.equal(refusedOrigin.status, 403, origin)
      assert.isUndefined(refusedOrigin.cors)
    }
    // None for the unverified one: the handshake fails, and Caddy says its ask endpoint said 404.
    const refused = await handshake(caddyPort, UNVERIFIED, root)
    assert.isFalse(refused.ok)
    assert.match(refused.error!, /alert internal error/)
    const why = new RegExp(
      `${UNVERIFIED}: certificate not allowed by ask endpoint \\S+/v1/domains/check - non-2xx status code 404`
    )
    for (let i = 0; i < 50 && !why.test(caddy.log.join('')); i++)
      await new Promise((r) => setTimeout(r, 100))
    assert.match(caddy.log.join(''), why)

    // A conversation for Ana's workspace, so the inbox has something to show and to follow live.
    const session = await fetch(`${app}/v1/sessions`, {
      method: 'POST',
      headers: {
        'Authorization': `Bearer ${tenant.secretKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        workspace: { id: 'reseller-co', name: 'Reseller Co' },
        user: { id: 'u_ana', name: 'Ana Lima', role: 'owner' },
      }),
    }).then((r) => r.json() as Promise<{ token: string }>)
    const conversation = await fetch(`${app}/v1/conversations`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channel: 'web',
        contact: { name: 'Dora Alves', phone: '+5511987650001' },
        body: 'Where is my order?',
      }),
    }).then((r) => r.json() as Promise<{ id: string }>)

    // The host page in the browser: every Parley request goes to the custom domain, over HTTPS.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page: Page = await context.newPage()
    const requests: string[] = []
    const problems: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`))
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`))
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        ((window as any).__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`)
      )
    )
    const embed = page.waitForResponse(`${custom}/embed.js`)
    await page.goto(hostUrl)
    const security = await (await embed).securityDetails()
    assert.match(security?.issuer ?? '', /Caddy Local Authority/)
    assert.match(security?.protocol ?? '', /^TLS 1\.[23]$/)

    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-inbox .item', { hasText: 'Dora Alves' }).click()
    const bubbles = page.locator('parley-inbox [part~="bubble"]')
    await bubbles.filter({ hasText: 'Where is my order?' }).waitFor()

    // A reply sent elsewhere arrives live, through the event stream on the custom domain.
    const sent = await fetch(`${app}/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Shipped this morning' }),
    })
    assert.equal(sent.status, 201)
    await bubbles.filter({ hasText: 'Shipped this morning' }).waitFor({ timeout: 15_000 })

    const parleyRequests = requests.filter((url) => !url.startsWith(`${hostUrl}/`))
    assert.deepEqual([...new Set(parleyRequests.map((url) => new URL(url).origin))], [custom])
    const paths = parleyRequests.map((url) => new URL(url).pathname)
    for (const expected of [
      /^\/embed\.js$/,
      /^\/widgets\/[^/]+\.js$/,
      /^\/v1\/theme\.css$/,
      /^\/v1\/embed\/config$/,
      /^\/v1\/conversations$/,
      /^\/v1\/realtime\/ticket$/,
      /^\/__transmit\/events$/,
      /^\/__transmit\/subscribe$/,
    ])
      assert.isTrue(
        paths.some((p) => expected.test(p)),
        `${expected} went to ${custom}: ${paths.join(' ')}`
      )
    assert.deepEqual(await page.evaluate(() => (window as any).__violations ?? []), [])
    assert.deepEqual(problems, [])

    // The browser, too, gets no certificate for the unverified name.
    const unverified = await page
      .goto(`https://${UNVERIFIED}:${caddyPort}/embed.js`)
      .then(() => 'loaded')
      .catch((error: Error) => error.message)
    assert.match(unverified, /net::ERR_SSL_PROTOCOL_ERROR/)
    await context.close()
  }).timeout(120_000)
})
