import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel from '#models/parley_model'
import type { Widget } from '#models/tenant'

export const ROLES = ['owner', 'admin', 'agent', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** An end user of a workspace, named by the reseller's own user id (`externalId`). */
export default class Member extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare externalId: string

  @column()
  declare name: string | null

  @column()
  declare email: string | null

  /** An https picture URL given by the reseller's backend (`user.avatarUrl` of a session). */
  @column()
  declare avatarUrl: string | null

  @column()
  declare role: Role

  /** The widgets of the member's latest session (a narrower one narrows earlier sessions' streams). */
  @column()
  declare widgets: Widget[] | null

  @column.dateTime()
  declare lastSeenAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
