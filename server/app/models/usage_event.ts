import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/** Metered use of the workspace (today: transcription minutes), summed per month against quotas. */
export default class UsageEvent extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare kind: 'transcription_minutes'

  @column({ consume: (value) => Number(value) })
  declare quantity: number

  @column()
  declare recordingId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
