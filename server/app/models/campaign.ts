import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import ParleyModel, { jsonColumn } from '#models/parley_model'
import type { RuleGroup } from '#validators/segments'

export type CampaignKind = 'broadcast' | 'drip'
export type CampaignChannel = 'whatsapp' | 'web'
export type CampaignStatus =
  'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed'

/** Who receives it: a saved segment, rules of its own, or a list of contacts. */
export type CampaignAudience =
  { segmentId: string } | { rules: RuleGroup } | { contactIds: string[] }

export interface CampaignVariant {
  body: string
  attachmentId?: string | null
  /** Relative share of recipients (default 1). */
  weight?: number
}

export interface CampaignStep {
  /** After the previous step was sent (the first step: after launch or enrolment). */
  delayMinutes: number
  variants: CampaignVariant[]
  /** With 2+ variants: send `testShare` of the audience first, then the best reply rate to the rest. */
  abTest?: { testShare: number; decideAfterHours: number } | null
}

/** A local date-time (no offset) in `timezone`; null on the campaign means "when launched". */
export interface CampaignSchedule {
  sendAt: string
  timezone: string
}

export interface CampaignLimits {
  /** "HH:MM" in the recipient's local time: no sending from start to end. */
  quietHours?: { start: string; end: string } | null
  /** At most `messages` campaign messages per contact in `days` days, across campaigns. */
  frequencyCap?: { messages: number; days: number } | null
  /** Drips: a reply ends the contact's enrolment. */
  stopOnReply?: boolean
  /** Ceiling on the pace across numbers (WhatsApp's own pacing applies under it). */
  perMinute?: number | null
}

export type PausedReason =
  | 'manual'
  | 'number_disconnected'
  | 'failure_rate'
  | 'no_number'
  /** The plan's campaign recipients for the period are used up (services/billing). */
  | 'quota_exceeded'

/** A broadcast or drip of a workspace, with the state of its sending. */
export default class Campaign extends ParleyModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare tenantId: string

  @column()
  declare workspaceId: string

  @column()
  declare name: string

  @column()
  declare kind: CampaignKind

  @column()
  declare channel: CampaignChannel

  @column(jsonColumn)
  declare audience: CampaignAudience

  @column(jsonColumn)
  declare steps: CampaignStep[]

  @column({ prepare: (value: CampaignSchedule | null) => (value ? JSON.stringify(value) : null) })
  declare schedule: CampaignSchedule | null

  @column(jsonColumn)
  declare limits: CampaignLimits

  @column()
  declare status: CampaignStatus

  @column()
  declare pausedReason: PausedReason | null

  @column()
  declare error: string | null

  @column.dateTime()
  declare sendAt: DateTime | null

  @column.dateTime()
  declare launchedAt: DateTime | null

  @column.dateTime()
  declare plannedAt: DateTime | null

  @column.dateTime()
  declare completedAt: DateTime | null

  @column()
  declare audienceCount: number | null

  @column(jsonColumn)
  declare winners: Record<string, number>

  @column()
  declare createdByMemberId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
