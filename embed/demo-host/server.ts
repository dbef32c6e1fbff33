/**
 * The demo host page: a stand-in for a reseller's own app, on its own origin, embedding Parley
 * with one script tag under a strict Content-Security-Policy. Its backend route `POST /session`
 * mints a Parley session with the secret key (which never reaches the browser), exactly as a
 * reseller's backend would.
 */
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

export interface DemoHostOptions {
  port: number
  /** Parley's origin, e.g. http://localhost:3333 */
  apiUrl: string
  secretKey: string
  publishableKey: string
}

const file = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8')

/**
 * The policy a careful host sends: no inline script or style, no eval, Parley's origin added.
 * With a nonce, scripts are trusted by nonce and what they load through 'strict-dynamic'.
 * With `stripe` (the billing page), the lines Stripe.js needs (docs/billing.md).
 */
export function demoCsp(apiUrl: string, nonce?: string, stripe = false) {
  const js = stripe ? ' https://js.stripe.com' : ''
  return [
    "default-src 'self'",
    nonce ? `script-src 'nonce-${nonce}' 'strict-dynamic'` : `script-src 'self' ${apiUrl}${js}`,
    `connect-src 'self' ${apiUrl}${stripe ? ' https://api.stripe.com' : ''}`,
    ...(stripe ? ['frame-src https://js.stripe.com https://hooks.stripe.com'] : []),
    `style-src 'self' ${apiUrl}`,
    `img-src 'self' data: ${apiUrl}`,
    // The tenant's uploaded font (Branding), served by Parley or its custom domain.
    `font-src 'self' ${apiUrl}`,
    `media-src 'self' ${apiUrl}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

const USERS: Record<
  string,
  { id: string; name: string; email: string; role: string; workspace: string }
> = {
  ana: {
    id: 'u_ana',
    name: 'Ana Lima',
    email: 'ana@demo-co.test',
    role: 'owner',
    workspace: 'demo-co',
  },
  bruno: {
    id: 'u_bruno',
    name: 'Bruno Silva',
    email: 'bruno@demo-co.test',
    role: 'agent',
    workspace: 'demo-co',
  },
  // A member of another customer account of the same reseller: sees none of demo-co's data.
  carla: {
    id: 'u_carla',
    name: 'Carla Dias',
    email: 'carla@other-co.test',
    role: 'agent',
    workspace: 'other-co',
  },
}

export function startDemoHost(options: DemoHostOptions): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.local')
    if (req.method === 'POST' && url.pathname === '/session') {
      // A real host knows who is signed in; the demo takes ?user=ana|bruno.
      const { workspace, ...user } = USERS[url.searchParams.get('user') ?? 'ana'] ?? USERS.ana
      const upstream = await fetch(`${options.apiUrl}/v1/sessions`, {
        method: 'POST',
        headers: {
          'Authorization': `Bearer ${options.secretKey}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          workspace: { id: workspace, name: workspace === 'demo-co' ? 'Demo Co' : 'Other Co' },
          user,
        }),
      }).catch(() => null)
      res.writeHead(upstream?.status ?? 502, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
      })
      return res.end(
        upstream
          ? await upstream.text()
          : JSON.stringify({ error: { message: 'Parley is unreachable' } })
      )
    }
    const assets: Record<string, [string, string]> = {
      '/parley-stub.js': ['../snippet.js', 'text/javascript'],
      '/host.js': ['host.js', 'text/javascript'],
      '/lang.js': ['lang.js', 'text/javascript'],
      '/host.css': ['host.css', 'text/css'],
      '/site.js': ['site.js', 'text/javascript'],
    }
    if (assets[url.pathname]) {
      const [name, type] = assets[url.pathname]
      res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` })
      return res.end(file(name))
    }
    if (url.pathname === '/site') {
      // The reseller's customer's public website: anonymous visitors chat with Demo Co.
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': demoCsp(options.apiUrl),
        'Cache-Control': 'no-store',
      })
      return res.end(
        file('site.html')
          .replaceAll('{{API}}', options.apiUrl)
          .replaceAll('{{PK}}', options.publishableKey)
      )
    }
    const pages: Record<string, string> = {
      '/': 'index.html',
      '/index.html': 'index.html',
      '/inbox': 'inbox.html',
      '/recordings': 'recordings.html',
      '/campaigns': 'campaigns.html',
      '/billing': 'billing.html',
    }
    if (pages[url.pathname]) {
      // ?csp=nonce serves the nonce-based variant of the policy.
      const nonce =
        url.searchParams.get('csp') === 'nonce' ? randomBytes(16).toString('base64') : undefined
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': demoCsp(options.apiUrl, nonce, url.pathname === '/billing'),
        'Cache-Control': 'no-store',
      })
      const user = USERS[url.searchParams.get('user') ?? 'ana']
        ? (url.searchParams.get('user') ?? 'ana')
        : 'ana'
      return res.end(
        file(pages[url.pathname])
          .replaceAll('{{API}}', options.apiUrl)
          .replaceAll('{{PK}}', options.publishableKey)
          .replaceAll('{{USER}}', user)
          .replaceAll('{{NONCE}}', nonce ?? '')
      )
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end()
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
  })
  return new Promise((resolve) => server.listen(options.port, () => resolve(server)))
}

// Run directly (npm run dev starts it this way).
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.DEMO_PORT ?? 5173)
  const apiUrl = process.env.PARLEY_API_URL ?? 'http://localhost:3333'
  await startDemoHost({
    port,
    apiUrl,
    secretKey: process.env.PARLEY_SECRET_KEY ?? '',
    publishableKey: process.env.PARLEY_PUBLISHABLE_KEY ?? '',
  })
  console.log(`[demo-host] http://localhost:${port} (Parley at ${apiUrl})`)
}
