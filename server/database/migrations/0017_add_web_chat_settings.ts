import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The web chat as a workspace sets it up (the name visitors see, the reply time it promises, a
 * form before the first message, when to ask for an email), and what tells its visitors apart
 * (browser, system, place, language, page), kept on the contact.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('workspaces', (table) => {
      table.string('chat_team_name', 80).nullable()
      table.string('chat_reply_time', 16).notNullable().defaultTo('minutes')
      table.string('chat_pre_chat', 16).notNullable().defaultTo('off')
      table.boolean('chat_pre_chat_required').notNullable().defaultTo(false)
      table.integer('chat_email_capture_seconds').nullable().defaultTo(120)
      table.check(
        `chat_reply_time in ('minutes', 'hour', 'day')`,
        [],
        'workspaces_chat_reply_time_check'
      )
      table.check(
        `chat_pre_chat in ('off', 'email', 'nameAndEmail')`,
        [],
        'workspaces_chat_pre_chat_check'
      )
      table.check(
        `chat_email_capture_seconds between 30 and 86400`,
        [],
        'workspaces_chat_email_capture_check'
      )
    })
    this.schema.alterTable('contacts', (table) => {
      table.jsonb('visitor').nullable()
    })
  }

  async down() {
    this.schema.alterTable('contacts', (table) => {
      table.dropColumn('visitor')
    })
    this.schema.alterTable('workspaces', (table) => {
      table.dropChecks([
        'workspaces_chat_reply_time_check',
        'workspaces_chat_pre_chat_check',
        'workspaces_chat_email_capture_check',
      ])
      table.dropColumn('chat_email_capture_seconds')
      table.dropColumn('chat_pre_chat_required')
      table.dropColumn('chat_pre_chat')
      table.dropColumn('chat_reply_time')
      table.dropColumn('chat_team_name')
    })
  }
}
