import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/** One timestamped line of a recording's transcript (from one piece, in order). */
export default class TranscriptSegment extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare recordingId: string

  @column()
  declare piece: number

  @column()
  declare position: number

  @column({ consume: (value) => Number(value) })
  declare startSeconds: number

  @column({ consume: (value) => Number(value) })
  declare endSeconds: number

  @column()
  declare speaker: string | null

  @column()
  declare text: string

  /** Corrected by a person (PATCH …/transcript). */
  @column()
  declare edited: boolean
}
