/**
 * A canned platform-admin API (docs/admin.md shapes) for the WTR tests and the screenshots: no
 * server, no database. Plain data and one handler, importing nothing, so Node scripts can use it.
 */

const MONTH = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }
const NAMES = [
  'Acme Reseller',
  'Northwind Support',
  'Globex Help',
  'Initech Care',
  'Umbrella Chat',
  'Hooli Desk',
  'Vandelay Imports',
]

const id = (n: number) => `0197a000-0000-7000-8000-${String(n).padStart(12, '0')}`

export const ADMIN_ME = {
  user: {
    id: 'p1',
    email: 'root@platform.test',
    name: 'Rui Costa',
    totpEnabled: true,
    lastSignInAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
}

type Json = Record<string, any>

export function makeTenants(count = NAMES.length): Json[] {
  return Array.from({ length: count }, (_, i) => ({
    id: id(i + 1),
    name: NAMES[i % NAMES.length] + (i >= NAMES.length ? ` ${i}` : ''),
    status: i === 2 ? 'suspended' : 'active',
    createdAt: new Date(Date.UTC(2026, 10, 20 - i * 3, 9)).toISOString(),
    suspendedAt: i === 2 ? '2026-11-25T14:05:00.000Z' : null,
    originsCount: (i % 3) + 1,
    workspacesCount: [14, 6, 3, 22, 1, 9, 4][i % 7],
    usage: {
      ...MONTH,
      features: {
        transcriptionMinutes: [310, 42, 0, 128, 5, 61, 12][i % 7],
        messagesSent: [4200, 1830, 12, 2950, 64, 940, 300][i % 7],
        campaignRecipients: [1200, 0, 0, 860, 0, 150, 0][i % 7],
      },
    },
  }))
}

const actor = (email: string | null, type = 'platform_user') => ({ type, id: 'p1', email })

export function detailOf(tenant: Json): Json {
  const suspended = tenant.status === 'suspended'
  const history = [
    ...(suspended
      ? [
          {
            id: 's3',
            category: 'payment',
            reason:
              'Your invoices for September and October are unpaid. Contact billing to resume.',
            note: 'Two reminders sent, no answer.',
            suspendedAt: tenant.suspendedAt,
            suspendedBy: actor('root@platform.test'),
            resumedAt: null,
            resumedBy: null,
          },
        ]
      : []),
    {
      id: 's2',
      category: 'abuse',
      reason: 'Campaigns were sent to numbers that had not opted in.',
      note: null,
      suspendedAt: '2026-09-02T08:30:00.000Z',
      suspendedBy: actor(null, 'operator'),
      resumedAt: '2026-09-04T16:00:00.000Z',
      resumedBy: actor('ops@platform.test'),
    },
  ]
  return {
    ...tenant,
    locale: 'en',
    logoUrl: null,
    elementPrefix: 'acme',
    origins: ['https://app.acme-reseller.test', 'https://help.acme-reseller.test'].slice(
      0,
      tenant.originsCount
    ),
    domains: [
      { hostname: 'widgets.acme-reseller.test', status: 'verified' },
      { hostname: 'chat.acme-reseller.test', status: 'failed' },
    ],
    usage: { ...tenant.usage, whatsappNumbers: { connected: 1, total: 2 } },
    suspension: suspended ? history[0] : null,
    suspensions: tenant.name.startsWith('Acme') ? [] : history,
  }
}

/** Use per tenant and feature over the last 30 days (or 12 months), and the totals. */
export function usageReport(from: string, granularity: 'day' | 'month', tenants: Json[]) {
  const start = new Date(from)
  const buckets: string[] = []
  for (let i = 0; i < (granularity === 'day' ? 30 : 12); i++)
    buckets.push(
      new Date(
        granularity === 'day'
          ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + i)
          : Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1)
      ).toISOString()
    )
  const features = ['transcriptionMinutes', 'messagesSent', 'campaignRecipients'] as const
  const data: Json[] = []
  for (const [t, tenant] of tenants.entries())
    for (const feature of features) {
      const base = tenant.usage.features[feature] / (granularity === 'day' ? 30 : 3)
      if (!base) continue
      const series = buckets
        .map((at, i) => ({
          at,
          quantity: Math.round(base * (0.6 + 0.8 * (((i * 7 + t * 3) % 10) / 10))),
        }))
        .filter((p) => p.quantity > 0)
      data.push({
        tenantId: tenant.id,
        tenant: { name: tenant.name, status: tenant.status },
        feature,
        total: series.reduce((s, p) => s + p.quantity, 0),
        series,
      })
    }
  const totals = features.map((feature) => {
    const rows = data.filter((d) => d.feature === feature)
    const series = buckets
      .map((at) => ({
        at,
        quantity: rows.reduce(
          (s, r) => s + (r.series.find((p: Json) => p.at === at)?.quantity ?? 0),
          0
        ),
      }))
      .filter((p) => p.quantity > 0)
    return { feature, total: series.reduce((s, p) => s + p.quantity, 0), series }
  })
  return {
    from: buckets[0],
    to:
      granularity === 'day'
        ? new Date(new Date(buckets.at(-1)!).getTime() + 86_400_000).toISOString()
        : new Date(
            Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + buckets.length, 1)
          ).toISOString(),
    granularity,
    features: [...features, 'whatsappNumbers'],
    data,
    totals,
    current: tenants.slice(0, 3).map((tenant, i) => ({
      tenantId: tenant.id,
      tenant: { name: tenant.name, status: tenant.status },
      feature: 'whatsappNumbers',
      connected: [2, 1, 0][i],
      total: [3, 1, 1][i],
    })),
  }
}

export interface FakeAnswer {
  status: number
  body?: unknown
}

/**
 * The admin API over an in-memory list. `signedIn` false: only sign-in and "who am I" (401)
 * answer; the password is `correct horse battery` and the code 123456.
 */
export function fakeAdminApi(
  options: { signedIn?: boolean; tenants?: Json[]; pageSize?: number; totpEnabled?: boolean } = {}
) {
  const state = {
    signedIn: options.signedIn ?? true,
    /** An admin without TOTP yet: the password alone signs in, to enrol only. */
    totpEnabled: options.totpEnabled ?? true,
    tenants: options.tenants ?? makeTenants(),
    pageSize: options.pageSize ?? 50,
  }
  const error = (status: number, code: string, message: string, more: Json = {}) => ({
    status,
    body: { error: { code, message, ...more } },
  })
  const handle = (method: string, url: URL, body: Json | undefined): FakeAnswer => {
    const path = url.pathname
    if (path === '/v1/admin/sessions' && method === 'POST') {
      if (body?.password !== 'correct horse battery')
        return error(401, 'AUTHENTICATION_ERROR', 'The email or password is wrong')
      if (!state.totpEnabled) {
        state.signedIn = true
        return { status: 201, body: { ...ADMIN_ME, totpSetupRequired: true } }
      }
      if (body.code !== '123456')
        return {
          status: 401,
          body: { error: { code: 'AUTHENTICATION_ERROR', message: 'Code' }, totpRequired: true },
        }
      state.signedIn = true
      return { status: 201, body: ADMIN_ME }
    }
    if (!state.signedIn) return error(401, 'AUTHENTICATION_ERROR', 'Authentication required')
    if (path === '/v1/admin/me')
      return {
        status: 200,
        body: state.totpEnabled ? ADMIN_ME : { ...ADMIN_ME, totpSetupRequired: true },
      }
    if (path === '/v1/admin/totp' && method === 'POST')
      return {
        status: 200,
        body: {
          otpauthUrl:
            'otpauth://totp/Parley:root%40platform.test?secret=JBSWY3DPEHPK3PXP&issuer=Parley',
          secret: 'JBSWY3DPEHPK3PXP',
        },
      }
    if (path === '/v1/admin/totp/verify' && method === 'POST') {
      if (body?.code !== '123456')
        return error(422, 'VALIDATION_ERROR', 'Invalid', {
          details: [{ field: 'code', message: 'The code is wrong or has expired' }],
        })
      state.totpEnabled = true
      return { status: 200, body: { recoveryCodes: ['a1b2-c3d4', 'e5f6-g7h8', 'i9j0-k1l2'] } }
    }
    if (!state.totpEnabled) return error(403, 'FORBIDDEN', 'Set up two-step sign-in first')
    if (path === '/v1/admin/sessions' && method === 'DELETE') {
      state.signedIn = false
      return { status: 204 }
    }
    const revoke = /^\/v1\/admin\/sessions\/(w1|w2)$/.exec(path)
    if (revoke && method === 'DELETE') {
      if (revoke[1] === 'w1') state.signedIn = false
      return { status: 204 }
    }
    if (path === '/v1/admin/sessions')
      return {
        status: 200,
        body: {
          data: [
            {
              id: 'w1',
              createdAt: '2026-11-27T08:00:00.000Z',
              ip: '203.0.113.7',
              userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
              current: true,
            },
            {
              id: 'w2',
              createdAt: '2026-11-20T19:12:00.000Z',
              ip: '198.51.100.23',
              userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0) Safari/605.1',
              current: false,
            },
          ],
          nextCursor: null,
        },
      }
    if (path === '/v1/admin/tenants' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      const status = url.searchParams.get('status')
      const matching = state.tenants.filter(
        (t) =>
          (!q || t.name.toLowerCase().includes(q) || t.id.startsWith(q)) &&
          (!status || t.status === status)
      )
      const start = Number(url.searchParams.get('cursor') ?? 0)
      const data = matching.slice(start, start + state.pageSize)
      const next = start + state.pageSize
      return {
        status: 200,
        body: { data, nextCursor: next < matching.length ? String(next) : null },
      }
    }
    if (path === '/v1/admin/tenants' && method === 'POST') {
      const name = String(body?.name ?? '').trim()
      if (!name)
        return error(422, 'VALIDATION_ERROR', 'Invalid', {
          details: [{ field: 'name', message: 'The name field must be defined' }],
        })
      const bad = (body?.origins ?? []).findIndex((o: string) => !/^https?:\/\/[^/]+$/.test(o))
      if (bad >= 0)
        return error(422, 'VALIDATION_ERROR', 'Invalid', {
          details: [
            { field: `origins.${bad}`, message: 'Must be an origin: scheme://host[:port]' },
          ],
        })
      const tenant = {
        ...makeTenants(1)[0],
        id: id(900 + state.tenants.length),
        name,
        originsCount: body!.origins.length,
        workspacesCount: 0,
        createdAt: '2026-11-27T10:00:00.000Z',
        usage: {
          ...MONTH,
          features: { transcriptionMinutes: 0, messagesSent: 0, campaignRecipients: 0 },
        },
      }
      state.tenants.unshift(tenant)
      return {
        status: 201,
        body: {
          tenant: { ...detailOf(tenant), origins: body!.origins, suspensions: [] },
          keys: {
            publishable: { id: 'k1', key: 'pk_live_4f9aQ2mZ8cT1' },
            secret: { id: 'k2', key: 'sk_live_Zq81mXc0Pp7sLw3RkT9vB2nYd' },
          },
        },
      }
    }
    const match = /^\/v1\/admin\/tenants\/([^/]+)(?:\/(suspend|resume))?$/.exec(path)
    if (match) {
      const tenant = state.tenants.find((t) => t.id === decodeURIComponent(match[1]))
      if (!tenant) return error(404, 'NOT_FOUND', 'Tenant not found')
      if (match[2] === 'suspend') {
        if (tenant.status === 'suspended') return error(409, 'CONFLICT', 'Already suspended')
        if (!String(body?.reason ?? '').trim())
          return error(422, 'VALIDATION_ERROR', 'Invalid', {
            details: [{ field: 'reason', message: 'Required' }],
          })
        tenant.status = 'suspended'
        tenant.resumed = false
        tenant.suspendedAt = '2026-11-27T10:30:00.000Z'
        tenant.lastSuspension = {
          category: body!.category,
          reason: body!.reason,
          note: body!.note ?? null,
        }
      } else if (match[2] === 'resume') {
        if (tenant.status !== 'suspended') return error(409, 'CONFLICT', 'Not suspended')
        tenant.status = 'active'
        tenant.resumed = true
      }
      const detail = detailOf(tenant)
      if (tenant.lastSuspension) {
        const entry = {
          id: 's9',
          ...tenant.lastSuspension,
          suspendedAt: '2026-11-27T10:30:00.000Z',
          suspendedBy: actor('root@platform.test'),
          resumedAt: tenant.resumed ? '2026-11-27T10:45:00.000Z' : null,
          resumedBy: tenant.resumed ? actor('root@platform.test') : null,
        }
        detail.suspensions = [entry, ...detail.suspensions.filter((s: Json) => s.id !== 's3')]
        detail.suspension = tenant.resumed ? null : entry
      }
      return { status: 200, body: detail }
    }
    if (path === '/v1/admin/usage') {
      const granularity = url.searchParams.get('granularity') === 'month' ? 'month' : 'day'
      const from = url.searchParams.get('from') ?? '2026-10-29T00:00:00.000Z'
      return { status: 200, body: usageReport(from, granularity, state.tenants) }
    }
    return error(404, 'NOT_FOUND', 'Not found')
  }
  return { state, handle }
}
