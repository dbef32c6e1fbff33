import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRoleName } from '#database/isolation'
import { appRoleSql } from '#database/app_role'

/**
 * Creates the least-privileged role the server runs every query as (no table ownership, no
 * SUPERUSER, no BYPASSRLS), unless DATABASE_APP_URL names one a DBA made.
 */
export default class extends BaseSchema {
  async up() {
    const role = appRoleName()
    const create = appRoleSql()
    if (create) this.schema.raw(create)
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
