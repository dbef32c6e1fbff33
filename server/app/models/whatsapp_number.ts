import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'
import type { Pacing } from '#services/whatsapp/pacing'
import type { WhatsAppReason } from '#services/whatsapp/disconnect_reason'

export const WHATSAPP_STATUSES = ['connecting', 'qr', 'open', 'closed', 'logged_out'] as const
export type WhatsAppStatus = (typeof WHATSAPP_STATUSES)[number]

/** A WhatsApp number a workspace connected (through Baileys, as a linked device). */
export default class WhatsAppNumber extends ParleyModel {
  static table = 'whatsapp_numbers'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare label: string

  /** E.164, known once the number has opened. */
  @column()
  declare phone: string | null

  @column()
  declare status: WhatsAppStatus

  /** WhatsApp's own message for the last disconnection (for operators). */
  @column()
  declare lastError: string | null

  /** The same as a stable code, for words in the widgets. */
  @column()
  declare lastErrorReason: WhatsAppReason | null

  @column(jsonColumn)
  declare pacing: Partial<Pacing>

  @column()
  declare groupsEnabled: boolean

  @column.dateTime()
  declare warmupStartedAt: DateTime | null

  @column.dateTime()
  declare connectedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
