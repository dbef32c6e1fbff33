import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A reseller may suspend one of its customer accounts (unpaid, abusive): its sessions, visitors
 * and open streams stop until it is resumed; its data stays.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('workspaces', (table) => {
      table.string('status', 16).notNullable().defaultTo('active')
      table.timestamp('suspended_at', { useTz: true }).nullable()
      table.check(`status in ('active', 'suspended')`, [], 'workspaces_status_check')
    })
  }

  async down() {
    this.schema.alterTable('workspaces', (table) => {
      table.dropChecks(['workspaces_status_check'])
      table.dropColumn('suspended_at')
      table.dropColumn('status')
    })
  }
}
