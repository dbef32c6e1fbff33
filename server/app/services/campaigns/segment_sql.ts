import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js'
import type { Operator, Rule, RuleGroup, RuleValue } from '#validators/segments'

/**
 * Compiles a (validated) rule tree to a SQL condition over `contacts`. Every value and every
 * attribute key is a bound parameter (`attributes->>?`): nothing a person typed is ever spliced
 * into the SQL text. The caller scopes the query (tenant, workspace, RLS transaction).
 */
export interface SqlCondition {
  sql: string
  bindings: (string | number | boolean)[]
}

/** LIKE's wildcards in a value are literal characters. */
const likeEscape = (text: string) => text.replace(/[%_\\]/g, '\\$&')

const DATE_COLUMNS: Record<string, string> = {
  createdAt: 'contacts.created_at',
  lastInboundAt: 'contacts.last_inbound_at',
}

/**
 * Whether the contact has a conversation on the channel. `contacts.channels` is kept by triggers
 * on conversations (migration 0030): an EXISTS into conversations per contact took seconds at
 * 100,000 contacts under RLS. The segment rule and a web campaign's reach both use this (`table`:
 * the alias contacts go by in the caller's query).
 */
export function hasConversation(channel: string, negate = false, table = 'contacts'): SqlCondition {
  return {
    sql: `${negate ? 'NOT ' : ''}(${table}.channels @> ARRAY[?::text])`,
    bindings: [channel],
  }
}

function dateRule(column: string, operator: Operator, value: RuleValue | undefined): SqlCondition {
  switch (operator) {
    case 'gt':
      return { sql: `${column} > ?::timestamptz`, bindings: [value as string] }
    case 'lt':
      return { sql: `${column} < ?::timestamptz`, bindings: [value as string] }
    case 'withinDays':
      return {
        sql: `${column} >= now() - make_interval(days => ?::int)`,
        bindings: [value as number],
      }
    case 'olderThanDays':
      return {
        sql: `${column} < now() - make_interval(days => ?::int)`,
        bindings: [value as number],
      }
    case 'exists':
      return { sql: `${column} IS NOT NULL`, bindings: [] }
    default:
      return { sql: `${column} IS NULL`, bindings: [] }
  }
}

function attributeRule(
  key: string,
  operator: Operator,
  value: RuleValue | undefined
): SqlCondition {
  const a = 'contacts.attributes'
  // Text compares the text form ("5" is 5); numbers and booleans compare as JSON values.
  const equal =
    typeof value === 'string'
      ? { sql: `${a}->>? = ?`, bindings: [key, value] }
      : { sql: `${a}->? = ?::jsonb`, bindings: [key, JSON.stringify(value)] }
  // A list attribute contains an item equal to the text; any other contains it as a substring.
  const contains = () => ({
    sql: `coalesce(CASE WHEN jsonb_typeof(${a}->?) = 'array' THEN ${a}->? @> jsonb_build_array(?::text)
      ELSE ${a}->>? ILIKE ? END, false)`,
    bindings: [key, key, value as string, key, `%${likeEscape(value as string)}%`],
  })
  const numeric = (op: string) => ({
    sql: `coalesce(CASE WHEN jsonb_typeof(${a}->?) = 'number' THEN (${a}->>?)::numeric ${op} ? END, false)`,
    bindings: [key, key, value as number],
  })
  switch (operator) {
    case 'is':
      return { sql: `coalesce(${equal.sql}, false)`, bindings: equal.bindings }
    case 'isNot':
      return { sql: `NOT coalesce(${equal.sql}, false)`, bindings: equal.bindings }
    case 'contains':
      return contains()
    case 'notContains': {
      const c = contains()
      return { sql: `NOT ${c.sql}`, bindings: c.bindings }
    }
    case 'gt':
      return numeric('>')
    case 'lt':
      return numeric('<')
    // Present, not JSON null and not blank.
    case 'exists':
      return { sql: `nullif(btrim(${a}->>?), '') IS NOT NULL`, bindings: [key] }
    default:
      return { sql: `nullif(btrim(${a}->>?), '') IS NULL`, bindings: [key] }
  }
}

function compileRule({ field, operator, value }: Rule): SqlCondition {
  if (field.startsWith('attributes.'))
    return attributeRule(field.slice('attributes.'.length), operator, value)
  if (field in DATE_COLUMNS) return dateRule(DATE_COLUMNS[field], operator, value)
  switch (field) {
    case 'tags':
      // `@>` rather than `= ANY`, so the GIN index on tags serves it.
      if (operator === 'contains')
        return { sql: `contacts.tags @> ARRAY[?::text]`, bindings: [value!] }
      if (operator === 'notContains')
        return { sql: `NOT (contacts.tags @> ARRAY[?::text])`, bindings: [value!] }
      return {
        sql: `cardinality(contacts.tags) ${operator === 'exists' ? '>' : '='} 0`,
        bindings: [],
      }
    case 'channel':
      return hasConversation(value as string, operator === 'isNot')
    case 'phoneCountry': {
      if (operator === 'exists') return { sql: 'contacts.phone IS NOT NULL', bindings: [] }
      if (operator === 'notExists') return { sql: 'contacts.phone IS NULL', bindings: [] }
      // Phones are stored as E.164, so the country is the calling code's prefix (countries
      // that share one, like +1, match together).
      const prefix = `+${getCountryCallingCode(value as CountryCode)}%`
      return operator === 'is'
        ? { sql: 'contacts.phone LIKE ?', bindings: [prefix] }
        : { sql: `coalesce(contacts.phone, '') NOT LIKE ?`, bindings: [prefix] }
    }
    case 'optedOut':
      return { sql: `contacts.opted_out_at IS ${value ? 'NOT ' : ''}NULL`, bindings: [] }
    default:
      throw new Error(`Unvalidated segment field ${field}`)
  }
}

/** The whole tree as one parenthesised condition. */
export function compileSegment(group: RuleGroup): SqlCondition {
  const parts = group.rules.map((node) =>
    'match' in node ? compileSegment(node) : compileRule(node)
  )
  return {
    sql: `(${parts.map((p) => `(${p.sql})`).join(group.match === 'all' ? ' AND ' : ' OR ')})`,
    bindings: parts.flatMap((p) => p.bindings),
  }
}
