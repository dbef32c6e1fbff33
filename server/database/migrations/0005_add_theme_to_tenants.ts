import { BaseSchema } from '@adonisjs/lucid/schema'

/** A tenant's theme: a validated subset of design tokens (themes/schema.json). */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      table.jsonb('theme').notNullable().defaultTo('{}')
    })
  }

  async down() {
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('theme')
    })
  }
}
