import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/**
 * A chunk of a recording uploaded piecewise, kept until the recording is assembled. Its key is
 * (recording, n); `n` stands in as the primary key for Lucid, so look chunks up by recording.
 */
export default class RecordingChunk extends ParleyModel {
  static selfAssignPrimaryKey = false

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare recordingId: string

  @column({ isPrimary: true })
  declare n: number

  @column()
  declare sizeBytes: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
