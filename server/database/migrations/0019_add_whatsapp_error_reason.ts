import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Why a WhatsApp number is not connected, as a stable code (services/whatsapp/disconnect_reason.ts)
 * beside the raw message, so widgets can say it in the user's words and what to do next. No check
 * constraint: codes may be added without a migration.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('whatsapp_numbers', (table) => {
      table.string('last_error_reason', 32).nullable()
    })
  }

  async down() {
    this.schema.alterTable('whatsapp_numbers', (table) => {
      table.dropColumn('last_error_reason')
    })
  }
}
