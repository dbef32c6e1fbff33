import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ParleyModel, { jsonColumn } from '#models/parley_model'
import TenantOrigin from '#models/tenant_origin'
import ApiKey from '#models/api_key'
import type { ThemeInput } from '#themes/tokens'

export const WIDGETS = ['inbox', 'recorder', 'campaigns', 'billing'] as const
export type Widget = (typeof WIDGETS)[number]

/** What sessions of this tenant may be: the longest lifetime and the widgets they may open. */
export interface SessionPolicy {
  maxTtlSeconds?: number
  widgets?: Widget[]
}

/** A reseller: its brand, its origins, its keys. Suspension stops every key and session. */
export default class Tenant extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column()
  declare status: 'active' | 'suspended'

  @column()
  declare logoUrl: string | null

  @column()
  declare fontUrl: string | null

  /** Branding: the loader also defines <prefix-inbox>, <prefix-chat>… (null: none). */
  @column()
  declare elementPrefix: string | null

  /** Whether <parley-*> tags are still loaded beside the prefixed ones. */
  @column()
  declare parleyElements: boolean

  @column()
  declare locale: string

  @column(jsonColumn)
  declare sessionPolicy: SessionPolicy

  /** Design tokens over the defaults (themes/tokens.ts); validated before they are saved. */
  @column(jsonColumn)
  declare theme: ThemeInput

  @column.dateTime()
  declare suspendedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => TenantOrigin)
  declare origins: HasMany<typeof TenantOrigin>

  @hasMany(() => ApiKey)
  declare apiKeys: HasMany<typeof ApiKey>

  /** Widgets this tenant's sessions may open (all of them unless the policy narrows it). */
  get enabledWidgets(): Widget[] {
    return this.sessionPolicy?.widgets?.length ? this.sessionPolicy.widgets : [...WIDGETS]
  }
}
