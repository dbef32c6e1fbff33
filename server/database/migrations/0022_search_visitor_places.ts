import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The inbox names a web visitor by place and browser ("Visitor from Berlin · Firefox"); a search
 * for what the list shows must find them, so the contact's search text takes those words too.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      DROP INDEX contacts_search;
      ALTER TABLE contacts DROP COLUMN search;
      ALTER TABLE contacts ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')
          || ' ' || coalesce(visitor->>'city', '') || ' ' || coalesce(visitor->>'browser', ''))
      ) STORED;
      CREATE INDEX contacts_search ON contacts USING gin (search);
    `)
  }

  async down() {
    this.schema.raw(`
      DROP INDEX contacts_search;
      ALTER TABLE contacts DROP COLUMN search;
      ALTER TABLE contacts ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
      ) STORED;
      CREATE INDEX contacts_search ON contacts USING gin (search);
    `)
  }
}
