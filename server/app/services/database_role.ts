import db from '@adonisjs/lucid/services/db'

/**
 * Problems with the role the server would run queries as, in words an operator can act on.
 * Row-level security protects nothing from a superuser, a BYPASSRLS role or a table owner.
 */
export async function appRoleProblems(connection = 'app'): Promise<string[]> {
  let row: {
    role: string
    rolsuper: boolean
    rolbypassrls: boolean
    owned: string
    migrated: boolean
  }
  try {
    const result = await db.connection(connection).rawQuery(`
      select current_user as role, r.rolsuper, r.rolbypassrls,
             (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where c.relowner = r.oid and n.nspname not in ('pg_catalog', 'information_schema')) as owned,
             to_regclass('public.tenants') is not null as migrated
        from pg_roles r where r.rolname = current_user`)
    row = result.rows[0]
  } catch (error) {
    return [
      `the application role cannot connect (${(error as Error).message}); run "node ace migration:run --force" to create it, or set DATABASE_APP_URL`,
    ]
  }
  const problems: string[] = []
  if (row.rolsuper) problems.push(`database role "${row.role}" is a SUPERUSER`)
  if (row.rolbypassrls) problems.push(`database role "${row.role}" has BYPASSRLS`)
  if (Number(row.owned) > 0)
    problems.push(`database role "${row.role}" owns ${row.owned} relations`)
  if (!row.migrated)
    problems.push('the database has no Parley tables; run "node ace migration:run --force"')
  return problems
}
