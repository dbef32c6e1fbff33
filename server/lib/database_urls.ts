import { createHmac } from 'node:crypto'

/**
 * The application role: owns no table, cannot bypass row-level security. Migrations (and
 * `node ace db:app-role`) create it when the operator's role may create roles; otherwise
 * DATABASE_APP_URL names a role made by a DBA. Roles are cluster-wide: DATABASE_APP_ROLE gives
 * each app sharing a cluster (each test run, say) a role of its own.
 */
export const DEFAULT_APP_ROLE = 'parley_app'

/** The app role's password, derived from APP_KEY so no second secret has to be handed around. */
export function appRolePassword(appKey: string): string {
  return createHmac('sha256', appKey).update('parley:database-app-role').digest('base64url')
}

/** DATABASE_APP_URL when given, else DATABASE_URL with the application role's credentials. */
export function appDatabaseUrl(env: {
  databaseUrl: string
  databaseAppUrl?: string
  appKey: string
  role?: string
}) {
  if (env.databaseAppUrl) return env.databaseAppUrl
  const url = new URL(env.databaseUrl)
  url.username = env.role ?? DEFAULT_APP_ROLE
  url.password = appRolePassword(env.appKey)
  return url.toString()
}

/** The same server with another database name (tests make one database per run). */
export function withDatabase(databaseUrl: string, database: string) {
  const url = new URL(databaseUrl)
  url.pathname = `/${database}`
  return url.toString()
}
