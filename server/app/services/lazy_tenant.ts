import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant, { WIDGETS, type SessionPolicy, type Widget } from '#models/tenant'

/** A tenant's row as the auth middlewares read it (its model's columns, snake_case). */
export interface TenantRow extends Record<string, unknown> {
  id: string
  status: string
  session_policy: SessionPolicy | null
}

/** The row behind each lazily made tenant, for callers that need a field or two. */
const rows = new WeakMap<object, TenantRow>()

/**
 * `fields` with a `tenant` made from the row when first read: most routes never read it, and
 * making a model of a row costs more than the rest of the auth check (issue 17's profile).
 */
export function withLazyTenant<T extends { trx: TransactionClientContract }>(
  row: TenantRow,
  fields: T
): T & { tenant: Tenant } {
  let tenant: Tenant | undefined
  rows.set(fields, row)
  return Object.defineProperty(fields, 'tenant', {
    get: () =>
      (tenant ??= Tenant.$createFromAdapterResult(row, undefined, { client: fields.trx })!),
    set: (value: Tenant) => {
      tenant = value
      rows.delete(fields)
    },
    enumerable: true,
    configurable: true,
  }) as T & { tenant: Tenant }
}

/**
 * The session policy and enabled widgets of a request's tenant, from its row when the model was
 * not made yet (Tenant.enabledWidgets' rule), else from the model.
 */
export function sessionRules(tenancy: { tenant: Tenant }): {
  policy: SessionPolicy
  enabledWidgets: Widget[]
} {
  const row = rows.get(tenancy)
  if (!row) {
    return {
      policy: tenancy.tenant.sessionPolicy ?? {},
      enabledWidgets: tenancy.tenant.enabledWidgets,
    }
  }
  const policy = parsePolicy(row.session_policy)
  return {
    policy,
    enabledWidgets: policy.widgets?.length ? policy.widgets : [...WIDGETS],
  }
}

/** jsonb comes parsed from `pg`; a json string (another driver setting) is parsed here. */
function parsePolicy(value: unknown): SessionPolicy {
  if (typeof value === 'string') return JSON.parse(value) as SessionPolicy
  return (value as SessionPolicy | null) ?? {}
}
