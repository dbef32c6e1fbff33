import env from '#start/env'
import { DEFAULT_APP_ROLE } from '#lib/database_urls'

/**
 * SQL for the database half of tenant isolation. Every tenant-scoped table gets row-level
 * security, enabled and FORCEd, with policies that fail closed: an unset setting reads as '' (or
 * NULL before any transaction set it), `nullif` turns both into NULL, and `tenant_id = NULL` is
 * never true. The settings are set per transaction (`set_config(…, true)`, see tenant_context.ts).
 */

/** The role HTTP requests and jobs run as: DATABASE_APP_URL's user, else the role migrations create. */
export function appRoleName(): string {
  const appUrl = env.get('DATABASE_APP_URL')
  return appUrl
    ? decodeURIComponent(new URL(appUrl).username)
    : (env.get('DATABASE_APP_ROLE') ?? DEFAULT_APP_ROLE)
}

export const currentTenant = `nullif(current_setting('parley.tenant_id', true), '')::uuid`
export const currentWorkspace = `nullif(current_setting('parley.workspace_id', true), '')::uuid`

type Scope = 'tenant' | 'workspace'
type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'

/**
 * Enables and forces RLS on `table`, lets the application role reach only the rows of the tenant
 * (and workspace) set for the current transaction, and lets the operator role that ran the
 * migration (it owns the table) see every tenant for its ace commands, or one when it names one.
 */
export function isolate(
  table: string,
  scope: Scope,
  privileges: Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  tenantColumn = 'tenant_id'
): string {
  const predicate =
    scope === 'tenant'
      ? `${tenantColumn} = ${currentTenant}`
      : `${tenantColumn} = ${currentTenant} AND workspace_id = ${currentWorkspace}`
  // The operator sees every tenant only when it names none (e.g. to find a key's tenant).
  const operator = `${currentTenant} IS NULL OR ${tenantColumn} = ${currentTenant}`
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY ${table}_isolation ON ${table} TO PUBLIC USING (${predicate}) WITH CHECK (${predicate});
    CREATE POLICY ${table}_operator ON ${table} TO CURRENT_USER USING (${operator}) WITH CHECK (${operator});
    GRANT ${privileges.join(', ')} ON ${table} TO "${appRoleName()}";
  `
}
