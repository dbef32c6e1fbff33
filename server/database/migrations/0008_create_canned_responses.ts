import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/** Saved replies of a workspace, inserted in the composer by typing `/shortcut`. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('canned_responses', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.uuid('id').notNullable()
      table.string('shortcut', 40).notNullable()
      table.text('body').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
      table.unique(['tenant_id', 'workspace_id', 'shortcut'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('canned_responses', 'workspace'))
  }

  async down() {
    this.schema.dropTable('canned_responses')
  }
}
