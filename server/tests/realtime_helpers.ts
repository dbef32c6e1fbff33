import { until, visit } from '#tests/helpers'
import { EventSource } from 'eventsource'
import type { ApiClient } from '@japa/api-client'
import { request as httpRequest } from 'node:http'

/** An SSE connection from Node, recording what it receives. */
export function openStream(url: string, origin?: string) {
  const messages: { channel: string; payload: { type: string; id: string; data: any } }[] = []
  const errors: number[] = []
  const source = new EventSource(url, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init?.headers, ...(origin ? { origin } : {}) } }),
  })
  const opened = new Promise<void>((resolve, reject) => {
    source.addEventListener('open', () => resolve())
    source.addEventListener('error', (event) => {
      errors.push((event as any).code ?? 0)
      reject(new Error(`stream failed: ${(event as any).code} ${(event as any).message ?? ''}`))
    })
  })
  source.addEventListener('message', (event) => messages.push(JSON.parse(event.data)))
  return { source, messages, errors, opened, close: () => source.close() }
}

export async function ticket(client: ApiClient, token: string, stream?: string) {
  const response = await client
    .post('/v1/realtime/ticket')
    .bearerToken(token)
    .json(stream ? { stream } : {})
  response.assertStatus(201)
  return response.body() as { url: string; expiresAt: string; stream: string }
}

export const waitFor = (check: () => boolean, timeoutMs = 5000) =>
  until(check, 'the condition', timeoutMs, 10)

/**
 * An event stream held open on another server instance, read raw: `ended` resolves when that
 * instance closes it, and `frames` are what it delivered.
 */
export function holdStream(url: string) {
  const frames: { channel: string; payload: { type: string; data: any } }[] = []
  let ended = false
  const opened = new Promise<void>((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`))
      resolve()
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
          if (data) frames.push(JSON.parse(data[1]))
        }
      })
      res.on('close', () => (ended = true))
    })
    req.on('error', reject)
    req.end()
  })
  return { opened, frames, isEnded: () => ended }
}

/** A stream on the other instance, subscribed (through this instance) to `channels`. */
export async function streamElsewhere(
  client: ApiClient,
  token: string,
  port: number,
  channels: string[]
) {
  const issued = await ticket(client, token)
  const held = holdStream(issued.url.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${port}`))
  await held.opened
  for (const channel of channels) {
    const response = await visit(client, 'realtime.subscribe')
      .bearerToken(token)
      .json({ uid: issued.stream, channel })
    response.assertStatus(204)
  }
  return { ...held, stream: issued.stream }
}
