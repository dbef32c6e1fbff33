import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * At most one open (not accepted) console invitation per tenant and email, compared
 * case-insensitively: inviting an email again replaces its invitation (the old link stops
 * working), and the index makes that hold when two invitations race (services/console/invitations.ts).
 *
 * Before it, re-invites piled up, each link valid. Of such duplicates only the newest is kept
 * (the link last handed out); the older rows are deleted as a cancellation would. Expired rows
 * count as open too (they are never accepted), so a re-invite deletes them with the rest.
 *
 * An index only: row-level security and grants on console_invitations are as 0033 left them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      DELETE FROM console_invitations AS old
       WHERE old.accepted_at IS NULL
         AND EXISTS (
           SELECT 1 FROM console_invitations AS newer
            WHERE newer.tenant_id = old.tenant_id
              AND lower(newer.email) = lower(old.email)
              AND newer.accepted_at IS NULL
              AND (newer.created_at, newer.id) > (old.created_at, old.id)
         )
    `)
    this.schema.raw(`
      CREATE UNIQUE INDEX console_invitations_open_email
        ON console_invitations (tenant_id, lower(email)) WHERE accepted_at IS NULL
    `)
  }

  async down() {
    this.schema.raw('DROP INDEX console_invitations_open_email')
  }
}
