import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

export const ATTACHMENT_KINDS = ['image', 'audio', 'video', 'file'] as const

/** A file sent with a message; `mimeType` is what its bytes are, read from them at upload. */
export default class Attachment extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare messageId: string | null

  @column()
  declare uploaderMemberId: string | null

  @column()
  declare uploaderContactId: string | null

  @column()
  declare name: string

  @column()
  declare mimeType: string

  @column()
  declare kind: (typeof ATTACHMENT_KINDS)[number]

  @column({ consume: (value) => Number(value) })
  declare sizeBytes: number

  @column({ serializeAs: null })
  declare storageKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
