import type { ApiClient } from '@japa/api-client'
import { v7 as uuidv7 } from 'uuid'
import { makeTenant, mintSession } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'

/** Fixtures of the campaign API specs: sessions, contacts, numbers and recipient rows, written as the app role. */

export type Session = Awaited<ReturnType<typeof mintSession>>
type In = Pick<Session, 'tenantId' | 'workspaceId'>

/** A tenant with an owner in `acme`, and the same user's session in another workspace. */
export async function world(client: ApiClient) {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  const elsewhere = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'o' })
  return { tenant, owner, elsewhere }
}

export interface ContactSeed {
  name?: string | null
  phone?: string | null
  email?: string | null
  attributes?: Record<string, unknown>
  optedOutAt?: Date | null
}

export async function addContacts(scope: In, seeds: ContactSeed[]) {
  const ids = seeds.map(() => uuidv7())
  await withTenant(scope, (trx) =>
    trx.table('contacts').insert(
      seeds.map((c, i) => ({
        tenant_id: scope.tenantId,
        workspace_id: scope.workspaceId,
        id: ids[i],
        name: c.name ?? null,
        phone: c.phone ?? null,
        email: c.email ?? null,
        attributes: JSON.stringify(c.attributes ?? {}),
        opted_out_at: c.optedOutAt ?? null,
      }))
    )
  )
  return ids
}

/** A WhatsApp number in a state, as the session manager would leave it. */
export async function addNumber(scope: In, status: 'open' | 'closed' | 'logged_out' = 'open') {
  const id = uuidv7()
  await withTenant(scope, (trx) =>
    trx.table('whatsapp_numbers').insert({
      tenant_id: scope.tenantId,
      workspace_id: scope.workspaceId,
      id,
      label: 'Sales',
      phone: '+351910000000',
      status,
    })
  )
  return id
}

export interface RecipientSeed {
  contactId: string
  step?: number
  variant?: number | null
  status: string
  reason?: string | null
  sentAt?: Date | null
  deliveredAt?: Date | null
  readAt?: Date | null
  repliedAt?: Date | null
}

export async function addRecipients(scope: In, campaignId: string, rows: RecipientSeed[]) {
  await withTenant(scope, (trx) =>
    trx.table('campaign_recipients').insert(
      rows.map((r) => ({
        tenant_id: scope.tenantId,
        workspace_id: scope.workspaceId,
        id: uuidv7(),
        campaign_id: campaignId,
        contact_id: r.contactId,
        step: r.step ?? 0,
        variant: r.variant === undefined ? 0 : r.variant,
        status: r.status,
        reason: r.reason ?? null,
        sent_at: r.sentAt ?? null,
        delivered_at: r.deliveredAt ?? null,
        read_at: r.readAt ?? null,
        replied_at: r.repliedAt ?? null,
      }))
    )
  )
}

export const rule = (field: string, operator: string, value?: unknown) =>
  value === undefined ? { field, operator } : { field, operator, value }
export const all = (...rules: unknown[]) => ({ match: 'all', rules })

/** A valid broadcast body; `overrides` replace top-level fields. */
export function broadcast(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Black Friday',
    kind: 'broadcast',
    channel: 'whatsapp',
    audience: { rules: all(rule('tags', 'contains', 'vip')) },
    steps: [
      {
        delayMinutes: 0,
        variants: [
          { body: 'Hi {{ contact.firstName | default: "there" }}!', weight: 3 },
          { body: 'Hello {{ contact.name }} from {{ workspace.name }}', weight: 1 },
        ],
        abTest: { testShare: 0.2, decideAfterHours: 4 },
      },
    ],
    schedule: null,
    limits: {
      quietHours: { start: '21:00', end: '08:00' },
      frequencyCap: { messages: 1, days: 7 },
      stopOnReply: true,
      perMinute: 30,
    },
    ...overrides,
  }
}

/** A local date-time a number of days from now, in the form schedules take. */
export function localInDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16)
}
