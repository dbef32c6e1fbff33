import { appRoleName } from '#database/isolation'

/**
 * The role that owns the inbox's search function (migration 0037): NOLOGIN, never granted to the
 * application role, reading only the search columns of messages and contacts. Named after the
 * application role, so each test run (DATABASE_APP_ROLE) gets its own, like the app role.
 */
export function searchRoleName(): string {
  return `${appRoleName()}_search`
}

/**
 * SQL that creates the search role when missing (idempotent, safe when two processes race) and
 * makes the operator a member, which it must be to hand the function over. Where the operator may
 * not create roles, a DBA creates it first (docs/operations.md, "Database roles").
 */
export function searchRoleSql(): string {
  const role = searchRoleName()
  return `
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE "${role}" NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Parley needs the role "${role}" and may not create it: have a DBA run CREATE ROLE "${role}" NOLOGIN; GRANT "${role}" TO %;', quote_ident(current_user);
    END $$;
    DO $$
    BEGIN
      EXECUTE format('GRANT %I TO %I', '${role}', current_user);
    EXCEPTION WHEN insufficient_privilege THEN NULL; -- a DBA granted it already, or ALTER … OWNER says why
    END $$;
  `
}
