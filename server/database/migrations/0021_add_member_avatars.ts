import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A member's picture, as the reseller's backend names it when it mints a session
 * (`user.avatarUrl`): shown to teammates in the inbox and to web chat visitors beside replies.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('members', (table) => {
      table.text('avatar_url').nullable()
    })
  }

  async down() {
    this.schema.alterTable('members', (table) => {
      table.dropColumn('avatar_url')
    })
  }
}
