import vine from '@vinejs/vine'
import type { HttpRequest } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'
import { parseTemplate } from '#services/campaigns/template'
import { canonicalZone, localMillis, scheduleInstant } from '#services/campaigns/schedule'
import { cursor, notBlank, pageLimit } from '#validators/rules'
import { ruleErrors } from '#validators/segments'
import { unknownFields } from '#validators/strict'

/**
 * Campaign bodies (API.md, "Campaigns"). VineJS checks the shape; what it cannot say (a template
 * that does not parse, a rule tree, which audience, A/B with one variant, a time zone, a time that
 * has passed) is checked on the same body, and one 422 names every problem with its path, e.g.
 * `steps.0.variants.1.body` "Unknown field contact.fristName at 1:6".
 */

export const MAX_STEPS = 20
export const MAX_VARIANTS = 5
export const MAX_CONTACT_IDS = 10_000
/** Eight weeks: the longest wait between two steps of a drip. */
export const MAX_DELAY_MINUTES = 8 * 7 * 24 * 60

const integer = (min: number, max: number) =>
  vine.number({ strict: true }).withoutDecimals().range([min, max])
const id = () => vine.string().uuid()
const clock = () =>
  vine
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .maxLength(5)

const variant = () =>
  vine.object({
    body: vine.string().minLength(1),
    attachmentId: id().nullable().optional(),
    weight: integer(1, 100).optional(),
  })

const step = () =>
  vine.object({
    delayMinutes: integer(0, MAX_DELAY_MINUTES),
    variants: vine.array(variant()).minLength(1).maxLength(MAX_VARIANTS),
    abTest: vine
      .object({
        testShare: vine.number({ strict: true }).range([0.05, 0.5]),
        decideAfterHours: integer(1, 168),
      })
      .nullable()
      .optional(),
  })

const fields = {
  name: vine.string().trim().minLength(1).maxLength(120),
  kind: vine.enum(['broadcast', 'drip'] as const),
  channel: vine.enum(['whatsapp', 'web'] as const),
  // Exactly one of the three: checked below, with the rule tree (VineJS has no recursion).
  audience: vine.object({
    segmentId: id().optional(),
    rules: vine.any().optional(),
    contactIds: vine.array(id()).minLength(1).maxLength(MAX_CONTACT_IDS).optional(),
  }),
  steps: vine.array(step()).minLength(1).maxLength(MAX_STEPS),
  schedule: vine
    .object({ sendAt: vine.string().maxLength(19), timezone: vine.string().maxLength(64) })
    .nullable(),
  limits: vine.object({
    quietHours: vine.object({ start: clock(), end: clock() }).nullable().optional(),
    frequencyCap: vine
      .object({ messages: integer(1, 100), days: integer(1, 90) })
      .nullable()
      .optional(),
    stopOnReply: vine.boolean({ strict: true }).optional(),
    perMinute: integer(1, 600).nullable().optional(),
  }),
}

export const createCampaignValidator = vine.create(
  vine.object({
    ...fields,
    schedule: fields.schedule.optional(),
    limits: fields.limits.optional(),
  })
)

export const updateCampaignValidator = vine.create(
  vine.object({
    // A blank name, kind or channel arrives as null (the body parser), which optional() would
    // take as left out: refused, as none of them can be emptied.
    name: fields.name.clone().use(notBlank()).optional(),
    kind: fields.kind.clone().use(notBlank()).optional(),
    channel: fields.channel.clone().use(notBlank()).optional(),
    audience: fields.audience.optional(),
    steps: fields.steps.optional(),
    schedule: fields.schedule.optional(),
    limits: fields.limits.optional(),
  })
)

export const previewCampaignValidator = vine.create(vine.object({ contactId: id() }))

/** At most this many contacts per enrolment request (a list beyond it is a segment's job). */
export const MAX_ENROLMENT_IDS = 1000

export const enrolContactsValidator = vine.create(
  vine.object({ contactIds: vine.array(id()).minLength(1).maxLength(MAX_ENROLMENT_IDS) })
)

export const RECIPIENT_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'skipped',
  'exited',
] as const

export const listCampaignsValidator = vine.create(
  vine.object({
    status: vine
      .enum([
        'draft',
        'scheduled',
        'running',
        'paused',
        'completed',
        'cancelled',
        'failed',
      ] as const)
      .optional(),
    limit: pageLimit(),
    cursor: cursor(),
  })
)

export const listRecipientsValidator = vine.create(
  vine.object({
    status: vine.enum(RECIPIENT_STATUSES).optional(),
    limit: pageLimit(),
    cursor: cursor(),
  })
)

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Problems of the audience VineJS cannot see: which one of the three, and the rule tree. A null
 * (or "", which the body parser turns into null) is not given: VineJS drops it as optional, so
 * counting it let `{ contactIds: null }` through as an audience of nobody.
 */
function audienceProblems(audience: unknown): ErrorDetail[] {
  if (!isObject(audience)) return []
  const given = ['segmentId', 'rules', 'contactIds'].filter(
    (key) => audience[key] !== undefined && audience[key] !== null
  )
  if (given.length !== 1) {
    return [
      {
        field: 'audience',
        message: 'Give exactly one of audience.segmentId, audience.rules or audience.contactIds',
      },
    ]
  }
  return given[0] === 'rules' ? ruleErrors(audience.rules, 'audience.rules') : []
}

/** Templates that do not parse (each problem at its line:column), empty bodies, A/B with one variant. */
function stepProblems(steps: unknown): ErrorDetail[] {
  if (!Array.isArray(steps)) return []
  const problems: ErrorDetail[] = []
  steps.forEach((s, i) => {
    if (!isObject(s) || !Array.isArray(s.variants)) return
    s.variants.forEach((v, j) => {
      if (!isObject(v) || typeof v.body !== 'string') return
      const field = `steps.${i}.variants.${j}.body`
      if (v.body.trim() === '') return problems.push({ field, message: 'The message is empty' })
      const parsed = parseTemplate(v.body)
      if (!parsed.ok) problems.push(...parsed.errors.map(({ message }) => ({ field, message })))
    })
    if (isObject(s.abTest) && s.variants.length < 2)
      problems.push({
        field: `steps.${i}.abTest`,
        message: 'An A/B test needs at least two variants',
      })
  })
  return problems
}

/** A broadcast is one message; a drip is a sequence of them. */
export function kindProblems(kind: unknown, steps: unknown): ErrorDetail[] {
  return kind === 'broadcast' && Array.isArray(steps) && steps.length !== 1
    ? [{ field: 'steps', message: 'A broadcast has exactly one step (use a drip for more)' }]
    : []
}

/** The time zone, the local time, and that it is still ahead. */
function scheduleProblems(schedule: unknown, now: number): ErrorDetail[] {
  if (!isObject(schedule)) return []
  const problems: ErrorDetail[] = []
  const { sendAt, timezone } = schedule
  const zone = typeof timezone === 'string' ? canonicalZone(timezone) : null
  if (typeof timezone === 'string' && !zone)
    problems.push({
      field: 'schedule.timezone',
      message: 'Not a known IANA time zone, e.g. "Europe/Lisbon" or "America/New_York"',
    })
  if (typeof sendAt !== 'string') return problems
  if (localMillis(sendAt) === null) {
    problems.push({
      field: 'schedule.sendAt',
      message:
        'A local date and time without offset, e.g. "2026-12-01T09:00:00" (the time zone says where)',
    })
  } else if (zone) {
    const at = scheduleInstant({ sendAt, timezone: zone })
    if (at.toMillis() <= now)
      problems.push({
        field: 'schedule.sendAt',
        message: `${sendAt} in ${zone} (${at.toISO()}) has already passed; give a later time, or null to send on launch`,
      })
  }
  return problems
}

function quietHoursProblems(limits: unknown): ErrorDetail[] {
  if (!isObject(limits) || !isObject(limits.quietHours)) return []
  const { start, end } = limits.quietHours
  return typeof start === 'string' && start === end
    ? [{ field: 'limits.quietHours', message: 'Quiet hours must start and end at different times' }]
    : []
}

/** Everything about a campaign body that the shape alone does not say (on the raw body: best effort). */
export function campaignProblems(body: Record<string, unknown>, now = Date.now()): ErrorDetail[] {
  return [
    ...audienceProblems(body.audience),
    ...stepProblems(body.steps),
    ...kindProblems(body.kind, body.steps),
    ...scheduleProblems(body.schedule, now),
    ...quietHoursProblems(body.limits),
  ]
}

/**
 * The body validated, or one 422 with every problem: unknown fields, the shape's, and
 * `campaignProblems`. The schedule's time zone comes back in its canonical spelling.
 */
export async function validateCampaignBody<T extends VineValidator<any, any>>(
  request: HttpRequest,
  validator: T
): Promise<Awaited<ReturnType<T['validate']>>> {
  const body = request.body()
  if (!isObject(body)) throw ApiError.validation([], 'The request body must be a JSON object')
  const schema = (validator.toJSON() as { schema: { schema: any } }).schema.schema
  const [error, value] = await validator.tryValidate(body)
  const shape = ((error?.messages ?? []) as ErrorDetail[]).map(({ field, message }) => ({
    field,
    message,
  }))
  const problems = [...unknownFields(schema, body), ...shape, ...campaignProblems(body)]
  const seen = new Set<string>()
  const unique = problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
  if (unique.length) throw ApiError.validation(unique)
  if (value.schedule) value.schedule.timezone = canonicalZone(value.schedule.timezone)!
  return value
}
