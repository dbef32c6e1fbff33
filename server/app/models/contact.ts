import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

/** A web visitor's browser and place, from its User-Agent and what its widget reports. */
export interface VisitorInfo {
  browser: string | null
  os: string | null
  city: string | null
  /** ISO 3166-1 alpha-2 code, e.g. `PT`. */
  country: string | null
  timeZone: string | null
  language: string | null
  /** The host page the chat was on, without query string or fragment. */
  page: string | null
}

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

  /** Set when the contact asked not to receive campaigns (an opt-out word, or by hand). */
  @column.dateTime()
  declare optedOutAt: DateTime | null

  /** When they last wrote to the workspace (kept by a trigger on inbound messages). */
  @column.dateTime()
  declare lastInboundAt: DateTime | null

  /** The host's own user id, for contacts who chat while signed in to the host's app. */
  @column()
  declare externalId: string | null

  /** What tells a web visitor apart (browser, system, place, page), as of their latest visit. */
  @column({ prepare: (value: VisitorInfo | null) => (value ? JSON.stringify(value) : null) })
  declare visitor: VisitorInfo | null

  @column({ serializeAs: null })
  declare visitorTokenHash: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
