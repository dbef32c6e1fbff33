import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

export const RECORDING_STATUSES = [
  'uploading',
  /** The audio is in and playable; not being transcribed (no provider yet, no minutes left). */
  'uploaded',
  'queued',
  'transcribing',
  'ready',
  'failed',
] as const

/** Audio a member recorded or uploaded, and where its transcription stands. */
export default class Recording extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare createdByMemberId: string | null

  @column()
  declare title: string

  @column()
  declare mimeType: string

  @column()
  declare language: string | null

  @column()
  declare status: (typeof RECORDING_STATUSES)[number]

  @column({ consume: (v) => Number(v) })
  declare progress: number

  @column({ consume: (v) => (v === null ? null : Number(v)) })
  declare durationSeconds: number | null

  @column({ consume: (v) => (v === null ? null : Number(v)) })
  declare sizeBytes: number | null

  @column()
  declare errorCode: string | null

  @column()
  declare error: string | null

  @column({ serializeAs: null })
  declare storageKey: string | null

  @column()
  declare piecesTotal: number | null

  @column()
  declare piecesDone: number

  @column()
  declare model: string | null

  @column()
  declare summary: string | null

  /** The audio's level strip: peaks of equal stretches of it, 0…1 (null until computed). */
  @column({ prepare: (value: number[] | null) => (value === null ? null : JSON.stringify(value)) })
  declare peaks: number[] | null

  @column(jsonColumn)
  declare actionItems: string[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
