import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'
import type { DomainEventName } from '#events/domain_events'

/**
 * A domain event waiting in the outbox (services/outbox.ts records, services/outbox_relay.ts
 * relays and deletes). The application role may only insert; read it as the operator.
 */
export default class OutboxEvent extends ParleyModel {
  static table = 'outbox'
  static scopedBy = 'tenant' as const
  static selfAssignPrimaryKey = false

  @column({ isPrimary: true, consume: (value) => String(value) })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string | null

  @column()
  declare name: DomainEventName

  @column(jsonColumn)
  declare payload: Record<string, unknown>

  /** Listeners that already succeeded for it. */
  @column()
  declare done: string[]

  @column()
  declare attempts: number

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare deadAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
