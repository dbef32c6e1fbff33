import type { ApiClient } from '@japa/api-client'
import { createTenant } from '#services/tenants'

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
