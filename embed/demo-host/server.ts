/**
 * The demo host page: a stand-in for a reseller's own app, on its own origin. Its backend route
 * `POST /session` mints a Parley session with the secret key (which never reaches the browser),
 * exactly as a reseller's backend would.
 */
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const port = Number(process.env.DEMO_PORT ?? 5173)
const api = process.env.PARLEY_API_URL ?? 'http://localhost:3333'
const secretKey = process.env.PARLEY_SECRET_KEY ?? ''
const publishableKey = process.env.PARLEY_PUBLISHABLE_KEY ?? ''
const file = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8')

// What a careful host sends: no inline script or style, Parley's origin added where needed.
const csp = [
  "default-src 'self'",
  `script-src 'self' ${api}`,
  `connect-src 'self' ${api}`,
  `style-src 'self' ${api}`,
  `img-src 'self' data: ${api}`,
  "object-src 'none'",
  "base-uri 'none'",
].join('; ')

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://localhost:${port}`)
  if (req.method === 'POST' && url.pathname === '/session') {
    // A real host knows who is signed in; the demo lets the page pick one of two users.
    const who =
      url.searchParams.get('user') === 'bruno'
        ? { id: 'u_bruno', name: 'Bruno', role: 'agent' }
        : { id: 'u_ana', name: 'Ana', role: 'owner' }
    const upstream = await fetch(`${api}/v1/sessions`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ workspace: { id: 'demo-co', name: 'Demo Co' }, user: who }),
    }).catch((error) => ({
      ok: false,
      status: 502,
      json: async () => ({ error: { message: String(error) } }),
    }))
    res.writeHead(upstream.status, { 'Content-Type': 'application/json' })
    return res.end(JSON.stringify(await upstream.json()))
  }
  if (url.pathname === '/app.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' })
    return res.end(file('app.js'))
  }
  if (url.pathname === '/' || url.pathname === '/index.html') {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
    })
    return res.end(
      file('index.html').replaceAll('{{API}}', api).replaceAll('{{PK}}', publishableKey)
    )
  }
  res.writeHead(404).end('Not found')
}).listen(port, () => console.log(`[demo-host] http://localhost:${port} (API ${api})`))
