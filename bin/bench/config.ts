import { createServer } from 'node:http'
import type { BenchContext } from './context.js'

/** Embed config beside a bare node:http handler returning the same JSON. */
export default async function configPart(ctx: BenchContext) {
  const { base, tenant, cannon, say, seconds, results, ORIGIN } = ctx
  const configUrl = `${base}/v1/embed/config?key=${tenant.publishableKey}`
  const sample = await fetch(configUrl, { headers: { origin: ORIGIN } })
  const body = await sample.text()
  const bare = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(body)
  }).listen(0, '127.0.0.1')
  await new Promise((r) => bare.once('listening', r))
  const barePort = (bare.address() as { port: number }).port
  say(`GET /v1/embed/config vs bare node:http, 50 connections, ${seconds} s each`)
  const bareResult = await cannon({
    url: `http://127.0.0.1:${barePort}/v1/embed/config`,
    headers: { origin: ORIGIN },
  })
  const configResult = await cannon({ url: configUrl, headers: { origin: ORIGIN } })
  bare.close()
  const ratio = configResult.requests.average / bareResult.requests.average
  results.push([
    'GET /v1/embed/config',
    `${Math.round(configResult.requests.average)} req/s, p99 ${configResult.latency.p99} ms, errors ${configResult.non2xx + configResult.errors}`,
  ])
  results.push([
    'bare node:http, same JSON',
    `${Math.round(bareResult.requests.average)} req/s, p99 ${bareResult.latency.p99} ms`,
  ])
  results.push(['ratio (goal >= 0.6)', ratio.toFixed(2)])
}
