import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRoleName, isolate } from '#database/isolation'

/**
 * Who signs in to the partner console and the platform admin (issue 16).
 *
 * - `console_users`: a tenant's console users (owner, admin, developer, support), isolated per
 *   tenant like every tenant table. Email is stored lower-cased and unique per tenant; the same
 *   person may belong to several tenants. Sign-in must find an email across tenants: that one
 *   lookup (id and tenant only) runs on the operator connection (services/console/accounts.ts).
 * - `console_invitations`: one-time links; only the SHA-256 of the token is kept, the token also
 *   names its tenant (like API keys), so accepting one runs under RLS.
 * - `platform_users`: platform admins. They belong to no tenant: RLS is on with no policy and the
 *   application role has no grant, so only the operator connection reaches them.
 * - `web_sessions`: the store of @adonisjs/session (its database store) for the console and admin
 *   cookies, read and written on the operator connection only; chosen over Redis so a Redis
 *   outage does not sign everyone out, and over the cookie store so sessions can be listed and
 *   revoked server-side (the `user_id` tag is `console:<id>` or `admin:<id>`).
 *
 * TOTP secrets are sealed with APP_KEY (the encryption service), recovery codes are kept as
 * SHA-256 hashes (random, high-entropy codes: a slow hash adds nothing), consumed by removing
 * them from the array in one UPDATE. `totp_last_step` refuses a code used once already.
 */
export default class extends BaseSchema {
  async up() {
    const accountColumns = (table: any) => {
      table.string('email', 320).notNullable()
      table.string('name', 200).notNullable().defaultTo('')
      table.text('password_hash').nullable()
      table.text('totp_sealed').nullable()
      table.text('totp_pending_sealed').nullable()
      table.timestamp('totp_enabled_at', { useTz: true }).nullable()
      table.bigInteger('totp_last_step').nullable()
      table.specificType('recovery_codes', 'text[]').notNullable().defaultTo('{}')
      table.integer('failed_attempts').notNullable().defaultTo(0)
      table.timestamp('locked_until', { useTz: true }).nullable()
      table.timestamp('last_sign_in_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    }

    this.schema.createTable('console_users', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('role', 20).notNullable()
      accountColumns(table)
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'email'])
    })
    this.schema.raw(
      `ALTER TABLE console_users ADD CONSTRAINT console_users_role CHECK (role IN ('owner','admin','developer','support'))`
    )
    this.schema.raw(
      `ALTER TABLE console_users ADD CONSTRAINT console_users_email_lower CHECK (email = lower(email))`
    )
    // The sign-in lookup (operator connection): by email across tenants.
    this.schema.raw('CREATE INDEX console_users_email ON console_users (email)')
    this.schema.raw(isolate('console_users', 'tenant'))

    this.schema.createTable('console_invitations', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('email', 320).notNullable()
      table.string('role', 20).notNullable()
      table.string('token_hash', 64).notNullable()
      table.uuid('invited_by').nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'token_hash'])
    })
    this.schema.raw(isolate('console_invitations', 'tenant'))

    this.schema.createTable('platform_users', (table) => {
      table.uuid('id').primary()
      accountColumns(table)
      table.string('setup_token_hash', 64).nullable().unique()
      table.timestamp('setup_expires_at', { useTz: true }).nullable()
      table.unique(['email'])
    })
    this.schema.raw(
      `ALTER TABLE platform_users ADD CONSTRAINT platform_users_email_lower CHECK (email = lower(email))`
    )
    // No policy and no grant: the application role can never read platform users.
    this.schema.raw(`
      ALTER TABLE platform_users ENABLE ROW LEVEL SECURITY;
      REVOKE ALL ON platform_users FROM "${appRoleName()}";
    `)

    // Audit events name console users and platform users as actors.
    this.schema.raw(`
      DO $$ DECLARE c text; BEGIN
        SELECT conname INTO c FROM pg_constraint
         WHERE conrelid = 'audit_events'::regclass AND contype = 'c'
           AND pg_get_constraintdef(oid) LIKE '%actor_type%';
        IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE audit_events DROP CONSTRAINT %I', c); END IF;
      END $$;
      ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_type CHECK
        (actor_type IN ('operator', 'secret_key', 'session', 'system', 'console_user', 'platform_user'));
    `)

    this.schema.createTable('web_sessions', (table) => {
      table.string('id', 255).primary()
      table.string('user_id', 100).nullable().index()
      table.text('data').notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
    this.schema.raw(`
      ALTER TABLE web_sessions ENABLE ROW LEVEL SECURITY;
      REVOKE ALL ON web_sessions FROM "${appRoleName()}";
    `)
  }

  async down() {
    this.schema.dropTable('web_sessions')
    this.schema.dropTable('platform_users')
    this.schema.dropTable('console_invitations')
    this.schema.dropTable('console_users')
  }
}
