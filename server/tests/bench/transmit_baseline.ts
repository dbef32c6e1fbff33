/**
 * Plain Transmit (@boringnode/transmit, the engine of @adonisjs/transmit) on node:http, for the
 * realtime benchmark to measure Parley's hub against on the same machine in the same run.
 * Its routes: GET /__transmit/events?uid=, POST /__transmit/subscribe { uid, channel },
 * POST /publish { channel, payload } (answers the broadcast's in-process time).
 */
import { createServer } from 'node:http'
import { Transmit } from '@boringnode/transmit'

const transmit = new Transmit<unknown>({ pingInterval: false, transport: null })
const port = Number(process.argv[2] ?? 0)

async function body(req: import('node:http').IncomingMessage) {
  let data = ''
  for await (const chunk of req) data += chunk
  return JSON.parse(data || '{}')
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  if (req.method === 'GET' && url.pathname === '/__transmit/events') {
    transmit.createStream({
      uid: url.searchParams.get('uid')!,
      context: {},
      request: req,
      response: res,
    })
    return
  }
  if (req.method === 'POST' && url.pathname === '/__transmit/subscribe') {
    const { uid, channel } = await body(req)
    await transmit.subscribe({ uid, channel, context: {} })
    return res.writeHead(204).end()
  }
  if (req.method === 'POST' && url.pathname === '/publish') {
    const { channel, payload } = await body(req)
    const started = performance.now()
    transmit.broadcast(channel, payload)
    return res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ms: performance.now() - started }))
  }
  res.writeHead(404).end()
}).listen(port, '127.0.0.1', () => process.send?.('ready'))
