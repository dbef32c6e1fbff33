import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'

/**
 * One piece of a WhatsApp number's Baileys auth state (credentials, signal keys), sealed. Its key
 * is (number, key); written in bulk by services/whatsapp/auth_state.ts.
 */
export default class WhatsAppAuthEntry extends ParleyModel {
  static table = 'whatsapp_auth'
  static selfAssignPrimaryKey = false

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare numberId: string

  @column({ isPrimary: true })
  declare key: string

  @column({ serializeAs: null })
  declare sealed: string

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
