import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Branding: the tenant's font, and the element prefix the loader defines its widgets under
 * (`acme` → <acme-inbox>), with whether the <parley-*> names stay defined beside them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('tenants', (table) => {
      table.string('font_url', 2048).nullable()
      table.string('element_prefix', 32).nullable()
      table.boolean('parley_elements').notNullable().defaultTo(true)
    })
  }

  async down() {
    this.schema.alterTable('tenants', (table) => {
      table.dropColumn('font_url')
      table.dropColumn('element_prefix')
      table.dropColumn('parley_elements')
    })
  }
}
