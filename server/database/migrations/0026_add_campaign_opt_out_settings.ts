import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A workspace's own opt-out rules for campaigns: whether inbound opt-out and opt-in words are acted
 * on, words added to (or replacing) the built-in ones, and its own confirmation texts. Stored as
 * the API shows it, only what was set; empty means the defaults (services/campaigns/consent.ts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('workspaces', (table) => {
      table.jsonb('campaign_opt_out').notNullable().defaultTo('{}')
    })
  }

  async down() {
    this.schema.alterTable('workspaces', (table) => {
      table.dropColumn('campaign_opt_out')
    })
  }
}
