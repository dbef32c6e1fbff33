import { createServer, type IncomingHttpHeaders } from 'node:http'

/**
 * A test double of a reseller's webhook endpoint: records every request and answers with the
 * statuses it is given, in order (then 200).
 */
export async function startWebhookReceiver(statuses: number[] = [], delayMs = 0) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
    received.push({ headers: req.headers, body })
    res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' }).end('thanks')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/hooks/parley`,
    received,
    close: () => new Promise((r) => server.close(r)),
  }
}
