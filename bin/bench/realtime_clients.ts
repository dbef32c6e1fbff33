/**
 * The realtime bench's load generator, a process of its own (forked by bin/bench_realtime.ts,
 * several at once): opens SSE streams on the server under test and measures, for each event
 * carrying `sentAt`, how long after it was sent it arrived. Speaks over IPC:
 *   parent → { open: { count, ticket?: { base, token }, url?: string, subscribe: { url, channel, token? } } }
 *   child  → { opened: n }
 *   parent → { collect: true }  child → { latencies: number[] } (and starts a new list)
 * `sentAt` is wall time (performance.timeOrigin + performance.now()), comparable across processes.
 */
import { request } from 'node:http'

interface Open {
  count: number
  /** Parley: a ticket per stream from POST <base>/v1/realtime/ticket. */
  ticket?: { base: string; token: string }
  /** Transmit: the stream URL, with a uid per stream appended. */
  url?: string
  subscribe: { url: string; channel: string; token?: string }
}

const now = () => performance.timeOrigin + performance.now()
let latencies: number[] = []
const sockets: { destroy(): void }[] = []
let uid = 0

function onData(chunk: string) {
  const at = now()
  for (const match of chunk.matchAll(/"sentAt":([0-9.]+)/g)) latencies.push(at - Number(match[1]))
}

function openSse(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE ${res.statusCode}`))
      res.setEncoding('utf8')
      res.on('data', onData)
      resolve()
    })
    req.on('error', reject)
    req.end()
    sockets.push(req)
  })
}

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${url} ${response.status} ${await response.text()}`)
  return response.status === 204 ? null : response.json()
}

async function openOne(spec: Open) {
  let stream: string
  if (spec.ticket) {
    const ticket = (await post(
      `${spec.ticket.base}/v1/realtime/ticket`,
      {},
      spec.ticket.token
    )) as {
      url: string
      stream: string
    }
    stream = ticket.stream
    await openSse(ticket.url)
  } else {
    stream = `u${process.pid}-${uid++}`
    await openSse(`${spec.url}?uid=${stream}`)
  }
  await post(
    spec.subscribe.url,
    { uid: stream, channel: spec.subscribe.channel },
    spec.subscribe.token
  )
}

async function open(spec: Open) {
  let next = 0
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < spec.count) {
        next++
        await openOne(spec)
      }
    })
  )
  process.send!({ opened: spec.count })
}

process.on('message', (message: { open?: Open; collect?: boolean; close?: boolean }) => {
  if (message.open) {
    open(message.open).catch((error) => {
      process.stderr.write(`[realtime clients] ${error.stack ?? error}\n`)
      process.exit(1)
    })
  } else if (message.collect) {
    process.send!({ latencies })
    latencies = []
  } else if (message.close) {
    for (const socket of sockets.splice(0)) socket.destroy()
    process.send!({ closed: true })
  }
})
process.on('disconnect', () => process.exit(0))
