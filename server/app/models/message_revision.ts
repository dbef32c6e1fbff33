import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/** The words a message had before an edit or a deletion (its history). */
export default class MessageRevision extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare messageId: string

  @column()
  declare body: string

  @column()
  declare editorMemberId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
