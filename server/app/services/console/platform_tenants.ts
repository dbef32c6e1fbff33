import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import CustomDomain from '#models/custom_domain'
import Tenant from '#models/tenant'
import TenantOrigin from '#models/tenant_origin'
import { paginate } from '#services/pagination'
import { suspensionHistory } from '#services/console/suspensions'
import { USAGE_FEATURES, usageByTenant } from '#services/usage_report'

/**
 * The platform admin's reads across tenants. Platform admins belong to no tenant: these run on
 * the operator connection outside any tenant transaction, which its policies read as "every
 * tenant" (database/isolation.ts).
 */
const OPERATOR = 'operator'

export interface TenantFilter {
  q?: string
  status?: 'active' | 'suspended'
  limit?: number
  cursor?: string
}

/** A page of tenants, newest first, each with its counts and this month's usage. */
export async function listTenants(filter: TenantFilter) {
  const query = Tenant.query({ connection: OPERATOR })
  if (filter.status) query.where('status', filter.status)
  if (filter.q) {
    const q = filter.q
    const like = `%${q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.where((w) => {
      w.whereILike('name', like)
      // An id prefix (as an admin pastes the start of one from a log).
      if (/^[0-9a-f-]+$/i.test(q)) w.orWhereRaw('id::text like ?', [`${q.toLowerCase()}%`])
    })
  }
  const { data, nextCursor } = await paginate(query, filter)
  const ids = data.map((t) => t.id)
  const [counts, usage] = await Promise.all([countsOf(ids), monthUsage(ids)])
  return {
    data: data.map((t) => summary(t, counts.get(t.id), usage.get(t.id))),
    nextCursor,
  }
}

/** One tenant as the admin's detail page shows it, or null when there is none. */
export async function tenantDetail(tenantId: string) {
  const tenant = await Tenant.query({ connection: OPERATOR }).where('id', tenantId).first()
  if (!tenant) return null
  const [counts, usage, origins, domains, suspensions] = await Promise.all([
    countsOf([tenantId]),
    monthUsage([tenantId]),
    TenantOrigin.query({ connection: OPERATOR }).where('tenant_id', tenantId).orderBy('origin'),
    CustomDomain.query({ connection: OPERATOR })
      .where('tenant_id', tenantId)
      .orderBy('hostname')
      .select('hostname', 'status'),
    suspensionHistory(tenantId),
  ])
  const monthly = usage.get(tenantId)
  return {
    ...summary(tenant, counts.get(tenantId), monthly),
    locale: tenant.locale,
    logoUrl: tenant.logoUrl,
    elementPrefix: tenant.elementPrefix,
    origins: origins.map((o) => o.origin),
    domains: domains.map((d) => ({ hostname: d.hostname, status: d.status })),
    usage: { ...thisMonth(monthly), whatsappNumbers: monthly?.whatsappNumbers ?? zeroNumbers() },
    suspension: suspensions.find((s) => !s.resumedAt) ?? null,
    suspensions,
  }
}

export type TenantDetail = NonNullable<Awaited<ReturnType<typeof tenantDetail>>>

type Counts = { origins: number; workspaces: number }
type Monthly = { features: Record<string, number>; whatsappNumbers: ReturnType<typeof zeroNumbers> }

function summary(tenant: Tenant, counts?: Counts, monthly?: Monthly) {
  return {
    id: tenant.id,
    name: tenant.name,
    status: tenant.status,
    createdAt: tenant.createdAt.toUTC().toISO(),
    suspendedAt: tenant.suspendedAt?.toUTC().toISO() ?? null,
    originsCount: counts?.origins ?? 0,
    workspacesCount: counts?.workspaces ?? 0,
    usage: thisMonth(monthly),
  }
}

async function countsOf(ids: string[]) {
  const counts = new Map<string, Counts>()
  if (!ids.length) return counts
  const { rows } = await db.connection(OPERATOR).rawQuery(
    `select t.id,
            (select count(*)::int from tenant_origins o where o.tenant_id = t.id) as origins,
            (select count(*)::int from workspaces w where w.tenant_id = t.id) as workspaces
       from tenants t where t.id = any(?::uuid[])`,
    [`{${ids.join(',')}}`]
  )
  for (const row of rows) counts.set(row.id, { origins: row.origins, workspaces: row.workspaces })
  return counts
}

/** The current calendar month in UTC: the list's and detail's usage window. */
function monthWindow() {
  const from = DateTime.utc().startOf('month')
  return { from, to: from.plus({ months: 1 }) }
}

function thisMonth(monthly?: Monthly) {
  const { from, to } = monthWindow()
  return {
    from: from.toISO(),
    to: to.toISO(),
    features: Object.fromEntries(USAGE_FEATURES.map((f) => [f, monthly?.features[f] ?? 0])),
  }
}

const zeroNumbers = () => ({ connected: 0, total: 0 })

/** This month's totals per tenant and feature (services/usage_report.ts, summed per tenant). */
async function monthUsage(ids: string[]) {
  const usage = new Map<string, Monthly>()
  if (!ids.length) return usage
  const { from, to } = monthWindow()
  const { rows, counts } = await usageByTenant(
    { from: from.toJSDate(), to: to.toJSDate(), granularity: 'month' },
    ids
  )
  const entry = (id: string) =>
    usage.get(id) ?? usage.set(id, { features: {}, whatsappNumbers: zeroNumbers() }).get(id)!
  for (const row of rows) {
    const features = entry(row.tenantId).features
    features[row.feature] = (features[row.feature] ?? 0) + row.quantity
  }
  for (const c of counts)
    entry(c.tenantId).whatsappNumbers = { connected: c.connected, total: c.total }
  return usage
}
