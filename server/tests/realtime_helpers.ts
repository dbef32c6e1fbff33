import { until } from '#tests/helpers'
import { EventSource } from 'eventsource'
import type { ApiClient } from '@japa/api-client'

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
