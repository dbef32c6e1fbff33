import type { BenchContext } from './context.js'

/** Session minting: 50 concurrent, each request for one of 1,000 users. */
export default async function sessionsPart(ctx: BenchContext) {
  const { base, tenant, cannon, say, seconds, results } = ctx
  say(`POST /v1/sessions, 50 connections, ${seconds} s`)
  let n = 0
  const sessions = await cannon({
    url: `${base}/v1/sessions`,
    method: 'POST',
    headers: {
      'authorization': `Bearer ${tenant.secretKey}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            workspace: { id: 'bench-co' },
            user: { id: `u_${n++ % 1000}`, role: 'agent' },
          }),
        }),
      },
    ],
  })
  results.push([
    'POST /v1/sessions (50 concurrent)',
    `${Math.round(sessions.requests.average)} req/s, p99 ${sessions.latency.p99} ms, errors ${sessions.non2xx + sessions.errors}`,
  ])
}
