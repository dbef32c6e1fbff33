import type { ApiClient } from '@japa/api-client'
import { crc32, deflateSync } from 'node:zlib'
import router from '@adonisjs/core/services/router'
import { createURL } from '@adonisjs/core/helpers/http'
import { createTenant } from '#services/tenants'
import { eventsAfter as readEventLog } from '#services/realtime/event_log'

export const ORIGIN = 'https://app.one.test'

/** The test server's address, for requests the API client cannot make (raw bodies). */
export const baseUrl = () => `http://${process.env.HOST}:${process.env.PORT}`

/** A fresh tenant with one allowed origin and both keys. */
export async function makeTenant(name = 'Tenant', origins = [ORIGIN]) {
  return createTenant({ name, origins })
}

export interface SessionInput {
  workspace?: string
  user?: string
  role?: 'owner' | 'admin' | 'agent' | 'viewer'
  ttlSeconds?: number
  widgets?: string[]
}

/** Mints a session through the public API, as a reseller's backend would. */
export async function mintSession(client: ApiClient, secretKey: string, input: SessionInput = {}) {
  const response = await client
    .post('/v1/sessions')
    .bearerToken(secretKey)
    .json({
      workspace: { id: input.workspace ?? 'acme-co', name: 'Acme Co' },
      user: {
        id: input.user ?? 'u_1',
        name: 'Ana',
        email: 'ana@acme.test',
        role: input.role ?? 'owner',
      },
      ...(input.ttlSeconds ? { ttlSeconds: input.ttlSeconds } : {}),
      ...(input.widgets ? { widgets: input.widgets } : {}),
    })
  response.assertStatus(201)
  return response.body() as {
    token: string
    expiresAt: string
    tenantId: string
    workspaceId: string
    userId: string
    role: string
    widgets: string[]
  }
}

/**
 * A real PNG (size × size, CRCs and all), built from its chunks: the upload's type check reads
 * genuine magic bytes and a browser decodes it.
 */
export function png(size = 2) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  // Each row: filter byte 0, then RGB pixels (a blue square).
  const row = Buffer.from([0, ...Array.from({ length: size }, () => [47, 91, 211]).flat()])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Polls `check` until it returns something truthy (and returns that), or fails after `ms`. */
export async function until<T>(
  check: () => Promise<T> | T,
  what = 'the condition',
  ms = 10_000,
  everyMs = 50
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Waits until every domain event recorded so far has reached its listeners: the relay deletes an
 * event only after they all succeeded, so an empty outbox means published, queued and sent.
 */
export async function relayed(ms = 10_000) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  await until(
    async () => {
      const { rows } = await db
        .connection('operator')
        .rawQuery('select count(*)::int as pending from outbox where dead_at is null')
      return rows[0].pending === 0
    },
    'the outbox to be relayed',
    ms,
    10
  )
}

/** The event log of a channel once what was recorded has been relayed (see `relayed`). */
export async function eventsAfter(...args: Parameters<typeof readEventLog>) {
  await relayed()
  return readEventLog(...args)
}

/**
 * A request to a route by its name (start/routes.ts), so tests follow a route when its URL
 * changes. Untyped on purpose: request bodies here are checked by the routes' validators.
 */
export function visit(client: ApiClient, name: string, params: Record<string, unknown> = {}) {
  const route = router.findOrFail(name)
  const url = createURL(route.pattern, route.tokens, router.qs.stringify, params as never)
  return client.request(url, route.methods[0])
}
