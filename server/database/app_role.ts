import env from '#start/env'
import { appRolePassword } from '#lib/database_urls'
import { appRoleName } from '#database/isolation'

/**
 * SQL that creates the application role, or resets its password (derived from APP_KEY), unless
 * DATABASE_APP_URL names a role a DBA made. Idempotent, and safe when two processes race.
 */
export function appRoleSql(): string | null {
  if (env.get('DATABASE_APP_URL')) return null
  const role = appRoleName()
  const password = appRolePassword(env.get('APP_KEY'))
  return `
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}';
      ELSE
        ALTER ROLE "${role}" PASSWORD '${password}';
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;
  `
}
