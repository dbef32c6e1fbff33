import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'

export const CHAT_REPLY_TIMES = ['minutes', 'hour', 'day'] as const
export type ChatReplyTime = (typeof CHAT_REPLY_TIMES)[number]
export const CHAT_PRE_CHAT = ['off', 'email', 'nameAndEmail'] as const
export type ChatPreChat = (typeof CHAT_PRE_CHAT)[number]

/**
 * A workspace's opt-out rules for campaigns, only what it set (absent: the default, see
 * services/campaigns/consent.ts): act on the words at all, words added to the built-in ones (or
 * replacing them), and its own confirmation texts.
 */
export interface CampaignOptOutSettings {
  enabled?: boolean
  optOutWords?: string[]
  optInWords?: string[]
  replaceDefaults?: boolean
  optOutReply?: string | null
  optInReply?: string | null
}

/** One customer account of a reseller, named by the reseller's own id (`externalId`). */
export default class Workspace extends ParleyModel {
  static scopedBy = 'tenant' as const

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare externalId: string

  @column()
  declare name: string | null

  /** Anonymous visitors may start conversations (POST /v1/chat/visitors). */
  @column()
  declare webChatEnabled: boolean

  /** `suspended`: its sessions, visitors and streams are refused until resumed. */
  @column()
  declare status: 'active' | 'suspended'

  @column.dateTime()
  declare suspendedAt: DateTime | null

  /** The web chat's name for the team, shown to visitors; null: the workspace's name. */
  @column()
  declare chatTeamName: string | null

  /** What the web chat promises: a reply within minutes, an hour or a day. */
  @column()
  declare chatReplyTime: ChatReplyTime

  /** What the web chat asks before the first message. */
  @column()
  declare chatPreChat: ChatPreChat

  /** Whether the pre-chat form must be filled (else it can be skipped). */
  @column()
  declare chatPreChatRequired: boolean

  /** Seconds without a reply before the chat asks for an email; null: never. */
  @column()
  declare chatEmailCaptureSeconds: number | null

  /** Opt-out and opt-in words in inbound messages, and the confirmations (campaigns). */
  @column(jsonColumn)
  declare campaignOptOut: CampaignOptOutSettings

  /** Minutes of transcription a month; null: the tenant's default. */
  @column()
  declare transcriptionMinutesQuota: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
