import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A recording whose audio is in but is not being transcribed (no provider yet, no minutes left)
 * is `uploaded`: playable, and transcribed later on request. Its level strip (`peaks`, computed
 * from the audio once it is in) is kept with it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('recordings', (table) => {
      table.dropChecks(['recordings_status_check'])
      table.check(
        `status in ('uploading', 'uploaded', 'queued', 'transcribing', 'ready', 'failed')`,
        [],
        'recordings_status_check'
      )
      table.jsonb('peaks').nullable()
    })
  }

  async down() {
    this.defer(async (db) => {
      await db.from('recordings').where('status', 'uploaded').update({ status: 'failed' })
    })
    this.schema.alterTable('recordings', (table) => {
      table.dropColumn('peaks')
      table.dropChecks(['recordings_status_check'])
      table.check(
        `status in ('uploading', 'queued', 'transcribing', 'ready', 'failed')`,
        [],
        'recordings_status_check'
      )
    })
  }
}
