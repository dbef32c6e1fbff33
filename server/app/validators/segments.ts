import vine from '@vinejs/vine'
import { isSupportedCountry } from 'libphonenumber-js'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'
import { notBlank } from '#validators/rules'

/**
 * A segment's rules: nested AND/OR groups of (field, operator, value?). VineJS has no recursive
 * schemas, so the bodies take `rules` as any JSON and `checkRules` walks the tree, naming each
 * error by its path (`rules.0.rules.2.operator`) like VineJS would.
 */
export const MAX_DEPTH = 4
export const MAX_RULES = 50

export type Match = 'all' | 'any'
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
export type RuleValue = string | number | boolean
export interface Rule {
  field: string
  operator: Operator
  value?: RuleValue
}
export interface RuleGroup {
  match: Match
  rules: (Rule | RuleGroup)[]
}

type Kind = 'tags' | 'channel' | 'date' | 'phoneCountry' | 'optedOut' | 'attribute'
type ValueCheck = (value: unknown) => string | null

const ATTRIBUTE_KEY = /^attributes\.([A-Za-z0-9_][A-Za-z0-9_.-]{0,63})$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/

const none: ValueCheck = (v) => (v === undefined ? null : 'This operator takes no value')
const text: ValueCheck = (v) =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= 200
    ? null
    : 'The value must be a non-empty text of at most 200 characters'
const days: ValueCheck = (v) =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 3650
    ? null
    : 'The value must be a whole number of days from 1 to 3650'
/**
 * A day that exists: Date.parse rolls 2026-02-30 over to March 2 and takes year 0000, which
 * PostgreSQL's timestamptz refuses ("date/time field value out of range").
 */
const calendarDay = (v: string) => {
  const [year, month, day] = v.slice(0, 10).split('-').map(Number)
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  )
}
const date: ValueCheck = (v) =>
  typeof v === 'string' && ISO_DATE.test(v) && calendarDay(v) && !Number.isNaN(Date.parse(v))
    ? null
    : 'The value must be an ISO-8601 date, e.g. 2026-11-01 or 2026-11-01T09:00:00Z'
const bool: ValueCheck = (v) => (typeof v === 'boolean' ? null : 'The value must be true or false')
const channel: ValueCheck = (v) =>
  v === 'whatsapp' || v === 'web' ? null : 'The value must be "whatsapp" or "web"'
const country: ValueCheck = (v) =>
  typeof v === 'string' && /^[A-Z]{2}$/.test(v) && isSupportedCountry(v)
    ? null
    : 'The value must be a two-letter ISO country code, e.g. "PT"'
const scalar: ValueCheck = (v) =>
  (typeof v === 'string' && v.length <= 200) ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v))
    ? null
    : 'The value must be a text, a number or true/false'
const number: ValueCheck = (v) =>
  typeof v === 'number' && Number.isFinite(v) ? null : 'The value must be a number'

/** Which operators each kind of field takes, and the value each expects. */
export const OPERATORS: Record<Kind, Partial<Record<Operator, ValueCheck>>> = {
  tags: { contains: text, notContains: text, exists: none, notExists: none },
  channel: { is: channel, isNot: channel },
  date: {
    gt: date,
    lt: date,
    withinDays: days,
    olderThanDays: days,
    exists: none,
    notExists: none,
  },
  phoneCountry: { is: country, isNot: country, exists: none, notExists: none },
  optedOut: { is: bool },
  attribute: {
    is: scalar,
    isNot: scalar,
    contains: text,
    notContains: text,
    exists: none,
    notExists: none,
    gt: number,
    lt: number,
  },
}

/** The kind of a field name, or null when the field is unknown. */
export function fieldKind(field: string): Kind | null {
  if (field === 'tags' || field === 'channel' || field === 'phoneCountry' || field === 'optedOut')
    return field
  if (field === 'createdAt' || field === 'lastInboundAt') return 'date'
  return ATTRIBUTE_KEY.test(field) ? 'attribute' : null
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every problem of a rule tree (empty when it is valid). */
export function ruleErrors(tree: unknown, path = 'rules'): ErrorDetail[] {
  const errors: ErrorDetail[] = []
  let count = 0
  const group = (node: unknown, at: string, depth: number) => {
    if (!isObject(node)) return errors.push({ field: at, message: 'Expected a group of rules' })
    if (depth > MAX_DEPTH)
      return errors.push({ field: at, message: `Groups can be nested at most ${MAX_DEPTH} deep` })
    for (const key of Object.keys(node))
      if (key !== 'match' && key !== 'rules')
        errors.push({ field: `${at}.${key}`, message: `Unknown field "${at}.${key}"` })
    if (node.match !== 'all' && node.match !== 'any')
      errors.push({ field: `${at}.match`, message: 'The match must be "all" or "any"' })
    if (!Array.isArray(node.rules) || node.rules.length === 0)
      return errors.push({ field: `${at}.rules`, message: 'A group needs at least one rule' })
    node.rules.forEach((child, i) => {
      const childAt = `${at}.rules.${i}`
      if (isObject(child) && 'match' in child) group(child, childAt, depth + 1)
      else rule(child, childAt)
    })
  }
  const rule = (node: unknown, at: string) => {
    count++
    if (!isObject(node)) return errors.push({ field: at, message: 'Expected a rule or a group' })
    for (const key of Object.keys(node))
      if (key !== 'field' && key !== 'operator' && key !== 'value')
        errors.push({ field: `${at}.${key}`, message: `Unknown field "${at}.${key}"` })
    const kind = typeof node.field === 'string' ? fieldKind(node.field) : null
    if (!kind)
      return errors.push({
        field: `${at}.field`,
        message:
          'Unknown field: use tags, channel, createdAt, lastInboundAt, phoneCountry, optedOut or attributes.<key>',
      })
    const allowed = OPERATORS[kind]
    const check = typeof node.operator === 'string' ? allowed[node.operator as Operator] : undefined
    if (!check)
      return errors.push({
        field: `${at}.operator`,
        message: `The operator for ${node.field} must be one of: ${Object.keys(allowed).join(', ')}`,
      })
    const problem = check(node.value)
    if (problem) errors.push({ field: `${at}.value`, message: problem })
  }
  group(tree, path, 1)
  if (count > MAX_RULES)
    errors.push({ field: path, message: `A segment can have at most ${MAX_RULES} rules` })
  return errors
}

/** The tree, typed, or 422 VALIDATION_ERROR with every problem's path. */
export function checkRules(tree: unknown, path = 'rules'): RuleGroup {
  const errors = ruleErrors(tree, path)
  if (errors.length) throw ApiError.validation(errors)
  return tree as RuleGroup
}

const name = () => vine.string().trim().minLength(1).maxLength(120)
const rules = () => vine.any()

export const previewSegmentValidator = vine.create(
  vine.object({ rules: rules(), channel: vine.enum(['whatsapp', 'web'] as const) })
)

export const createSegmentValidator = vine.create(vine.object({ name: name(), rules: rules() }))

export const updateSegmentValidator = vine.create(
  vine.object({ name: name().use(notBlank()).optional(), rules: rules().optional() })
)
