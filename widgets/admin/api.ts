/**
 * The platform admin's calls to /v1/admin/* (docs/admin.md), through the console's request helper:
 * the same cookie session, CSRF header and error shape.
 */
import { consoleFetch, sessionApi, type ConsoleMe } from '../console/api.js'
import type { ConsoleSession } from '../console/account/account-api.js'

export const TENANT_STATUSES = ['active', 'suspended'] as const
export type TenantStatus = (typeof TENANT_STATUSES)[number]
export const SUSPENSION_CATEGORIES = ['abuse', 'payment', 'request', 'other'] as const
export type SuspensionCategory = (typeof SUSPENSION_CATEGORIES)[number]
export const FEATURES = ['transcriptionMinutes', 'messagesSent', 'campaignRecipients'] as const
export type Feature = (typeof FEATURES)[number]

/** GET /v1/admin/me: the signed-in admin (no tenant, no role). */
export interface AdminMe {
  user: { id: string; email: string; name?: string | null; totpEnabled?: boolean }
  totpSetupRequired?: boolean
}

/** This month's use of a tenant (UTC calendar month). */
export interface MonthUsage {
  from: string
  to: string
  features: Record<Feature, number>
  whatsappNumbers?: { connected: number; total: number }
}

export interface TenantSummary {
  id: string
  name: string
  status: TenantStatus
  createdAt: string
  suspendedAt: string | null
  originsCount: number
  workspacesCount: number
  usage: MonthUsage
}

export interface Actor {
  type: 'platform_user' | 'operator'
  id: string
  email: string | null
}

export interface Suspension {
  id: string
  category: SuspensionCategory
  reason: string
  note: string | null
  suspendedAt: string
  suspendedBy: Actor | null
  resumedAt: string | null
  resumedBy: Actor | null
}

export interface TenantDetail extends TenantSummary {
  locale?: string
  logoUrl?: string | null
  elementPrefix?: string | null
  origins: string[]
  domains: { hostname: string; status: 'pending' | 'verified' | 'failed' }[]
  suspension: Suspension | null
  suspensions: Suspension[]
}

export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

export interface CreatedTenant {
  tenant: TenantDetail
  keys: { publishable: { id: string; key: string }; secret: { id: string; key: string } }
}

export type Granularity = 'day' | 'month'
export interface Point {
  at: string
  quantity: number
}
export interface UsageReport {
  from: string
  to: string
  granularity: Granularity
  features: string[]
  data: {
    tenantId: string
    tenant: { name: string; status: TenantStatus } | null
    feature: string
    total: number
    series: Point[]
  }[]
  totals: { feature: string; total: number; series: Point[] }[]
  current: {
    tenantId: string
    tenant: { name: string; status: TenantStatus } | null
    feature: 'whatsappNumbers'
    connected: number
    total: number
  }[]
}

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  const text = search.toString()
  return text ? `?${text}` : ''
}
const tenantPath = (id: string) => `/v1/admin/tenants/${encodeURIComponent(id)}`

const sessions = sessionApi('/v1/admin')

export const adminApi = {
  ...sessions,
  me: () => consoleFetch<AdminMe>('/v1/admin/me'),
  /**
   * POST /v1/admin/invitations/:token/accept: sets the first password (does not sign in). Typed as
   * the console's answer, for the console's invitation page.
   */
  acceptInvitation: (token: string, body: { name: string; password: string }) =>
    consoleFetch<{ user: ConsoleMe['user'] }>(
      `/v1/admin/invitations/${encodeURIComponent(token)}/accept`,
      { method: 'POST', body: body.name ? body : { password: body.password } }
    ),
  startTotp: () =>
    consoleFetch<{ otpauthUrl: string; secret: string }>('/v1/admin/totp', { method: 'POST' }),
  verifyTotp: (code: string) =>
    consoleFetch<{ recoveryCodes: string[] }>('/v1/admin/totp/verify', {
      method: 'POST',
      body: { code },
    }),
  sessions: () => consoleFetch<Page<ConsoleSession>>('/v1/admin/sessions'),
  revokeSession: (id: string) =>
    consoleFetch<void>(`/v1/admin/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  tenants: (params: { q?: string; status?: string; cursor?: string }, signal?: AbortSignal) =>
    consoleFetch<Page<TenantSummary>>(`/v1/admin/tenants${query(params)}`, { signal }),
  tenant: (id: string) => consoleFetch<TenantDetail>(tenantPath(id)),
  createTenant: (body: { name: string; origins: string[] }) =>
    consoleFetch<CreatedTenant>('/v1/admin/tenants', { method: 'POST', body }),
  suspend: (id: string, body: { category: SuspensionCategory; reason: string; note?: string }) =>
    consoleFetch<TenantDetail>(`${tenantPath(id)}/suspend`, { method: 'POST', body }),
  resume: (id: string) =>
    consoleFetch<TenantDetail>(`${tenantPath(id)}/resume`, { method: 'POST' }),
  usage: (params: { from?: string; to?: string; granularity?: Granularity }) =>
    consoleFetch<UsageReport>(`/v1/admin/usage${query(params)}`),
}
