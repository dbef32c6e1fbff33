import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Campaign messages carry their campaign's upload as attachment rows of their own that point at
 * the same stored file (engine/delivery.ts). The purge of unsent uploads deletes a file only when
 * no other row shares its key: this index answers that per upload.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`CREATE INDEX attachments_storage_key ON attachments (tenant_id, storage_key)`)
  }

  async down() {
    this.schema.raw(`DROP INDEX attachments_storage_key`)
  }
}
