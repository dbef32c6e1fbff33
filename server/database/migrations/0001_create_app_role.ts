import env from '#start/env'
import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRolePassword } from '#lib/database_urls'
import { appRoleName } from '#database/isolation'

/**
 * Creates the least-privileged role the server runs every query as (no table ownership, no
 * SUPERUSER, no BYPASSRLS), unless DATABASE_APP_URL names one a DBA made.
 */
export default class extends BaseSchema {
  async up() {
    const role = appRoleName()
    if (!env.get('DATABASE_APP_URL')) {
      const password = appRolePassword(env.get('APP_KEY'))
      this.schema.raw(`
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
            CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}';
          ELSE
            ALTER ROLE "${role}" PASSWORD '${password}';
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$;
      `)
    }
    this.schema.raw(`
      DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO "${role}"', current_database()); END $$;
      GRANT USAGE ON SCHEMA public TO "${role}";
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    `)
  }

  async down() {
    this.schema.raw(`REVOKE USAGE ON SCHEMA public FROM "${appRoleName()}"`)
  }
}
