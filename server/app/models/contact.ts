import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

/** A person outside the workspace (a WhatsApp number, a web visitor), phone stored as E.164. */
export default class Contact extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare name: string | null

  @column()
  declare phone: string | null

  @column()
  declare email: string | null

  @column()
  declare avatarUrl: string | null

  @column(jsonColumn)
  declare attributes: Record<string, string>

  @column()
  declare tags: string[]

  @column()
  declare blocked: boolean

  /** The host's own user id, for contacts who chat while signed in to the host's app. */
  @column()
  declare externalId: string | null

  @column({ serializeAs: null })
  declare visitorTokenHash: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
