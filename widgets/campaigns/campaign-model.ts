/** What `<parley-campaigns>` reads from the API (the "Campaigns" part of API.md). */

export type CampaignStatus =
  'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed'
export type Channel = 'whatsapp' | 'web'
export type Kind = 'broadcast' | 'drip'
export type PausedReason =
  'manual' | 'number_disconnected' | 'failure_rate' | 'no_number' | 'quota_exceeded'

export type Operator =
  | 'is'
  | 'isNot'
  | 'contains'
  | 'notContains'
  | 'exists'
  | 'notExists'
  | 'gt'
  | 'lt'
  | 'withinDays'
  | 'olderThanDays'
export interface Rule {
  field: string
  operator: Operator
  value?: string | number | boolean
}
export interface RuleGroup {
  match: 'all' | 'any'
  rules: (Rule | RuleGroup)[]
}
export const isGroup = (node: Rule | RuleGroup): node is RuleGroup => 'rules' in node

export type Audience = { segmentId: string } | { rules: RuleGroup } | { contactIds: string[] }

export interface Variant {
  body: string
  attachmentId?: string | null
  weight?: number
}
export interface Step {
  delayMinutes: number
  variants: Variant[]
  abTest?: { testShare: number; decideAfterHours: number } | null
}
export interface Limits {
  quietHours?: { start: string; end: string } | null
  frequencyCap?: { messages: number; days: number } | null
  stopOnReply?: boolean
  perMinute?: number | null
}

/** A campaign as the API shows it; `stats` only where the list carries a summary. */
export interface Campaign {
  id: string
  name: string
  kind: Kind
  channel: Channel
  status: CampaignStatus
  pausedReason?: PausedReason | null
  error?: string | null
  audience: Audience
  steps: Step[]
  schedule: { sendAt: string; timezone: string } | null
  limits: Limits
  sendAt?: string | null
  launchedAt?: string | null
  completedAt?: string | null
  audienceCount?: number | null
  stats?: Partial<Stats> | null
  createdAt: string
  updatedAt?: string
}

/** The campaign's fields a draft is saved with (POST / PATCH). */
export type CampaignDraft = Pick<
  Campaign,
  'name' | 'kind' | 'channel' | 'audience' | 'steps' | 'schedule' | 'limits'
>

export interface Counts {
  sent: number
  delivered: number
  read: number
  replied: number
}
export interface Stats extends Counts {
  audience: number
  queued: number
  optedOut: number
  failed: number
  skipped: Record<string, number>
  variants: (Partial<Counts> & { index: number; step?: number })[]
  series: (Counts & { at: string })[]
  /** Whether replies get classified; `reason` says why not (PROVIDER_NOT_CONFIGURED). */
  classification?: { available: boolean; reason?: string }
}

export type RecipientStatus =
  'queued' | 'sent' | 'delivered' | 'read' | 'replied' | 'failed' | 'skipped' | 'exited'
export const RECIPIENT_STATUSES: RecipientStatus[] = [
  'queued',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'skipped',
  'exited',
]
export interface Recipient {
  id?: string
  contactId: string
  /** Who it is (the API gives name and phone). */
  contact?: { name?: string | null; phone?: string | null; email?: string | null } | null
  status: RecipientStatus
  reason?: string | null
  step: number
  variant: number
  sentAt?: string | null
  deliveredAt?: string | null
  readAt?: string | null
  repliedAt?: string | null
  classification?: string | null
}

export interface Contact {
  id: string
  name: string | null
  phone: string | null
  email: string | null
}
export interface Preview {
  count: number
  excluded: Record<string, number>
  sample: Contact[]
}
export interface Segment {
  id: string
  name: string
  rules: RuleGroup
}
export interface Me {
  tenant: { id: string }
  workspaceId: string
  workspace?: { name?: string }
  member: { id?: string; role: string }
}
export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

export const STATUSES: CampaignStatus[] = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
]

/** Whether the member may build, launch and stop campaigns (API.md: owners and admins). */
export const canManage = (me?: Me) => me?.member.role === 'owner' || me?.member.role === 'admin'
/** PATCH is allowed in these states only. */
export const editable = (c: Campaign) => ['draft', 'scheduled', 'paused'].includes(c.status)

/** A share as a whole percent ("—" when there is nothing to divide by). */
export const percent = (part: number | undefined, whole: number | undefined, locale: string) =>
  whole && part !== undefined
    ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
        part / whole
      )
    : '—'
export const count = (n: number | null | undefined, locale: string) =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat(locale).format(n)

/** A time in the user's locale and time zone (the schedule's own zone named when given). */
export function when(iso: string | null | undefined, locale: string, timeZone?: string) {
  if (!iso) return ''
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
  }).format(new Date(iso))
}

// Schedules ------------------------------------------------------------------------------

const MINUTE = 60_000
const DAY = 86_400_000
const wallClockFormats = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock reading of `instant` in `zone`, as if it were UTC (milliseconds). */
function wallClockMillis(instant: number, zone: string): number {
  let format = wallClockFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    wallClockFormats.set(zone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]))
  return Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second
  )
}

/** `zone`'s offset from UTC at `instant`, in minutes. */
const offsetAt = (instant: number, zone: string) =>
  Math.round((wallClockMillis(instant, zone) - Math.floor(instant / 1000) * 1000) / MINUTE)

/** What the clock in `zone` reads at `instant`: `YYYY-MM-DDTHH:mm` (the schedule's own format). */
export const wallClock = (instant: number, zone: string) =>
  new Date(wallClockMillis(instant, zone)).toISOString().slice(0, 16)

/**
 * The instant a schedule (`2026-12-04T09:00:00` in `Europe/Lisbon`) means, by the server's rules
 * (services/campaigns/schedule.ts): a time skipped when clocks go forward means the instant they
 * jumped; one read twice when they go back, the earlier. Undefined when the time or zone is not one.
 */
export function scheduleInstant(sendAt: string, zone: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(sendAt)
  if (!match) return undefined
  const [y, mo, d, h, mi, sec = '0'] = match.slice(1).map((p) => p ?? '0')
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec)
  try {
    const offsets = [...new Set([offsetAt(local - DAY, zone), offsetAt(local + DAY, zone)])]
    const candidates = offsets.map((offset) => local - offset * MINUTE)
    const valid = candidates.filter((instant, i) => offsetAt(instant, zone) === offsets[i])
    if (valid.length) return Math.min(...valid)
    let before = Math.min(...candidates)
    let after = Math.max(...candidates)
    const first = offsetAt(before, zone)
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2)
      if (offsetAt(middle, zone) === first) before = middle
      else after = middle
    }
    return after
  } catch {
    return undefined // not a time zone this browser knows
  }
}

// Rules ----------------------------------------------------------------------------------

export type FieldKind = 'tags' | 'channel' | 'date' | 'phoneCountry' | 'optedOut' | 'attribute'
export type ValueKind =
  'none' | 'text' | 'days' | 'date' | 'bool' | 'channel' | 'country' | 'number'

/** Operators per kind of field and the value each takes (server/app/validators/segments.ts). */
export const OPERATORS: Record<FieldKind, Partial<Record<Operator, ValueKind>>> = {
  tags: { contains: 'text', notContains: 'text', exists: 'none', notExists: 'none' },
  channel: { is: 'channel', isNot: 'channel' },
  date: {
    withinDays: 'days',
    olderThanDays: 'days',
    gt: 'date',
    lt: 'date',
    exists: 'none',
    notExists: 'none',
  },
  phoneCountry: { is: 'country', isNot: 'country', exists: 'none', notExists: 'none' },
  optedOut: { is: 'bool' },
  attribute: {
    is: 'text',
    isNot: 'text',
    contains: 'text',
    notContains: 'text',
    gt: 'number',
    lt: 'number',
    exists: 'none',
    notExists: 'none',
  },
}
export const FIELDS = ['tags', 'channel', 'createdAt', 'lastInboundAt', 'phoneCountry', 'optedOut']

export function fieldKind(field: string): FieldKind {
  if (field === 'createdAt' || field === 'lastInboundAt') return 'date'
  if (field.startsWith('attributes.')) return 'attribute'
  return field as FieldKind
}

/** A new rule for `field`, with its first operator and a value of the right type. */
export function newRule(field = 'tags'): Rule {
  const ops = OPERATORS[fieldKind(field)]
  const operator = Object.keys(ops)[0] as Operator
  return { field, operator, ...defaultValue(ops[operator]!) }
}
export function defaultValue(kind: ValueKind): { value?: Rule['value'] } {
  if (kind === 'none') return {}
  if (kind === 'days') return { value: 30 }
  if (kind === 'bool') return { value: false }
  if (kind === 'channel') return { value: 'whatsapp' }
  if (kind === 'number') return { value: 0 }
  return { value: '' }
}
export const MAX_DEPTH = 4

// Pace -------------------------------------------------------------------------------------

/** WhatsApp's per-number defaults (server/app/services/whatsapp/pacing.ts). */
export const PACING = {
  minIntervalSeconds: 6,
  jitterSeconds: 6,
  dailyCap: 300,
  warmupDays: 14,
  warmupStartPerDay: 20,
}
export type Pacing = typeof PACING

/** A number as GET /v1/whatsapp/numbers shows it (what the estimate needs). */
export interface SendingNumber {
  status: string
  pacing?: Pacing
  warmupStartedAt?: string | null
}

/** The day's cap of a number `day` days into its warm-up (null: warmed up). */
export function capOnDay(p: Pacing, day: number | null) {
  if (day === null || p.warmupDays <= 1 || day >= p.warmupDays - 1) return p.dailyCap
  const start = Math.min(p.warmupStartPerDay, p.dailyCap)
  const growth = (p.dailyCap / start) ** (1 / (p.warmupDays - 1))
  return Math.max(1, Math.floor(start * growth ** Math.max(0, day)))
}

/**
 * How long `recipients` WhatsApp messages take over `numbers` (open ones; none known: one new
 * number): each number sends one message every interval + half the jitter on average, at most its
 * day's cap. Returns seconds, the days it spans, the senders and what they may send today.
 */
export function estimateWhatsApp(recipients: number, numbers: SendingNumber[], now = Date.now()) {
  const open = numbers.filter((n) => n.status === 'open')
  const senders = open.length ? open : [{ status: 'open', warmupStartedAt: null, pacing: PACING }]
  const started = (n: SendingNumber) =>
    n.warmupStartedAt ? Math.floor((now - Date.parse(n.warmupStartedAt)) / 86_400_000) : 0
  let left = recipients
  let days = 0
  let seconds = 0
  while (left > 0 && days < 3650) {
    const caps = senders.map((n) => capOnDay(n.pacing ?? PACING, started(n) + days))
    const today = caps.reduce((a, b) => a + b, 0)
    if (left <= today) {
      const p = senders[0].pacing ?? PACING
      const perMessage = p.minIntervalSeconds + p.jitterSeconds / 2
      seconds = days * 86_400 + Math.ceil(left / senders.length) * perMessage
      left = 0
    } else left -= today
    days++
  }
  const today = senders.reduce((sum, n) => sum + capOnDay(n.pacing ?? PACING, started(n)), 0)
  return { seconds, days, numbers: senders.length, today }
}

/** Seconds as "about 3 h 20 min" / "about 2 days". */
export function duration(seconds: number, locale: string) {
  const unit = (value: number, u: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: u,
      unitDisplay: 'long',
      maximumFractionDigits: 0,
    }).format(value)
  if (seconds >= 86_400) return unit(Math.ceil(seconds / 86_400), 'day')
  if (seconds >= 3600) return unit(Math.round(seconds / 3600), 'hour')
  return unit(Math.max(1, Math.round(seconds / 60)), 'minute')
}

/** Delay units of drip steps, in minutes. */
export const DELAY_UNITS = { minutes: 1, hours: 60, days: 1440, weeks: 10080 } as const
export type DelayUnit = keyof typeof DELAY_UNITS
/** The largest unit a delay is a whole number of. */
export function delayParts(minutes: number): { amount: number; unit: DelayUnit } {
  for (const unit of ['weeks', 'days', 'hours'] as const)
    if (minutes && minutes % DELAY_UNITS[unit] === 0)
      return { amount: minutes / DELAY_UNITS[unit], unit }
  return { amount: minutes, unit: 'minutes' }
}
