import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'
import type { WebhookEvent } from '#services/webhooks'

/** An endpoint of the reseller's that receives the workspace's events, signed with its secret. */
export default class Webhook extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare url: string

  @column()
  declare events: WebhookEvent[]

  /** Sealed with APP_KEY; never serialised. */
  @column({ serializeAs: null })
  declare secretEncrypted: string

  @column()
  declare description: string | null

  @column()
  declare active: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
