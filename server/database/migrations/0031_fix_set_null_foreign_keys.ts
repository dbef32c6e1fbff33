import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Deleting a contact (or a member) with conversations failed: the composite foreign keys
 * `(tenant_id, contact_id)` and `(tenant_id, assignee_id)` were `ON DELETE SET NULL`, which nulls
 * both columns, and `tenant_id` is NOT NULL. PostgreSQL 15 can name the column to null.
 */
const KEYS = [
  { column: 'contact_id', parent: 'contacts' },
  { column: 'assignee_id', parent: 'members' },
]

export default class extends BaseSchema {
  async up() {
    for (const { column, parent } of KEYS) {
      this.schema.raw(`
        ALTER TABLE conversations DROP CONSTRAINT conversations_tenant_id_${column}_foreign;
        ALTER TABLE conversations ADD CONSTRAINT conversations_tenant_id_${column}_foreign
          FOREIGN KEY (tenant_id, ${column}) REFERENCES ${parent} (tenant_id, id) ON DELETE SET NULL (${column});
      `)
    }
  }

  async down() {
    for (const { column, parent } of KEYS) {
      this.schema.raw(`
        ALTER TABLE conversations DROP CONSTRAINT conversations_tenant_id_${column}_foreign;
        ALTER TABLE conversations ADD CONSTRAINT conversations_tenant_id_${column}_foreign
          FOREIGN KEY (tenant_id, ${column}) REFERENCES ${parent} (tenant_id, id) ON DELETE SET NULL;
      `)
    }
  }
}
