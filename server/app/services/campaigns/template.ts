/**
 * Campaign message templates: `Hi {{ contact.firstName | default: "there" }}`.
 *
 * A small parser of our own rather than liquidjs (whose syntax this borrows): we need a closed set of fields
 * and filters, no tags, every problem reported with its line:column for 422 details, and limits — with
 * liquidjs that means disabling most of it and mapping its errors; here it is one short file we control.
 *
 * Parse once (`parseTemplate`), render per contact (`template.render(context)`). Rendering walks the parsed
 * nodes and only ever appends a contact's values as text, so data that looks like `{{ … }}` stays literal.
 * Output is plain text: the channels render text, so nothing is HTML-escaped.
 */

export const TEMPLATE_MAX_LENGTH = 4096
export const TEMPLATE_MAX_EXPRESSIONS = 50

/** Fields offered by the variables picker; `contact.attributes.<key>` is allowed besides these. */
export const TEMPLATE_FIELDS = [
  'contact.firstName',
  'contact.lastName',
  'contact.name',
  'contact.phone',
  'contact.email',
  'workspace.name',
] as const
export const TEMPLATE_FILTERS = ['default', 'upcase', 'downcase', 'capitalize'] as const

export interface TemplateContext {
  contact: {
    name?: string | null
    phone?: string | null
    email?: string | null
    attributes?: Record<string, unknown> | null
  }
  workspace: { name?: string | null }
}

export interface TemplateIssue {
  /** Ends with "at line:column" (1-based, columns in code points), ready for a 422 detail. */
  message: string
  line: number
  column: number
}

type Resolver = (context: TemplateContext) => string
type Filter = (value: string) => string
type Node = string | { resolve: Resolver; filters: Filter[] }

export class MessageTemplate {
  constructor(
    private readonly nodes: readonly Node[],
    /** The fields the template uses, e.g. to say which attributes it needs. */
    readonly fields: readonly string[]
  ) {}

  render(context: TemplateContext): string {
    let out = ''
    for (const node of this.nodes) {
      if (typeof node === 'string') {
        out += node
        continue
      }
      let value = node.resolve(context)
      for (const filter of node.filters) value = filter(value)
      out += value
    }
    return out
  }
}

export type ParseResult =
  { ok: true; template: MessageTemplate } | { ok: false; errors: TemplateIssue[] }

const isBlank = (value: string) => value.trim() === ''

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

/** Splits a full name on any Unicode whitespace: "José María García" → ["José", "María García"]. */
function nameParts(name: string | null | undefined): [string, string] {
  const trimmed = (name ?? '').trim()
  if (trimmed === '') return ['', '']
  const match = /^(\S+)\s+([\s\S]*)$/u.exec(trimmed)
  return match ? [match[1], match[2]] : [trimmed, '']
}

/** An attribute of that name wins; a missing or blank one falls back to the part of `name`. */
function derived(attribute: 'firstName' | 'lastName', part: 0 | 1): Resolver {
  return ({ contact }) => {
    const own =
      contact.attributes && Object.hasOwn(contact.attributes, attribute)
        ? text(contact.attributes[attribute])
        : ''
    return isBlank(own) ? nameParts(contact.name)[part] : own
  }
}

const FIELDS: Record<string, Resolver> = {
  'contact.firstName': derived('firstName', 0),
  'contact.lastName': derived('lastName', 1),
  'contact.name': ({ contact }) => text(contact.name),
  'contact.phone': ({ contact }) => text(contact.phone),
  'contact.email': ({ contact }) => text(contact.email),
  'workspace.name': ({ workspace }) => text(workspace.name),
}

const ATTRIBUTE = /^contact\.attributes\.([\p{L}\p{N}_-]+)$/u
const PATH = /[\p{L}\p{N}_.-]/u
const WHITESPACE = /\s/u

function capitalize(value: string): string {
  const [first = '', ...rest] = Array.from(value)
  return first.toUpperCase() + rest.join('').toLowerCase()
}

const NO_ARGUMENT_FILTERS: Record<string, Filter> = {
  upcase: (value) => value.toUpperCase(),
  downcase: (value) => value.toLowerCase(),
  capitalize,
}

class Failure extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  const line = before.split('\n').length
  return { line, column: Array.from(source.slice(lineStart, offset)).length + 1 }
}

/** Parses one `{{ … }}` starting after its opening braces; returns the node and the offset after `}}`. */
function parseExpression(source: string, start: number, fields: Set<string>) {
  let i = start
  const skipSpace = () => {
    while (i < source.length && WHITESPACE.test(source[i])) i++
  }
  const unexpected = (): never => {
    if (i >= source.length) throw new Failure('Unclosed {{', start - 2)
    const char = String.fromCodePoint(source.codePointAt(i)!)
    throw new Failure(`Unexpected "${char}"`, i)
  }
  const word = () => {
    const from = i
    while (i < source.length && PATH.test(source[i])) i++
    return source.slice(from, i)
  }

  skipSpace()
  const pathAt = i
  const path = word()
  if (path === '') {
    if (source.startsWith('}}', i)) throw new Failure('Expected a field name', i)
    unexpected()
  }
  // Own keys only: `constructor` or `toString` must not reach Object.prototype.
  let resolve = Object.hasOwn(FIELDS, path) ? FIELDS[path] : undefined
  const attribute = ATTRIBUTE.exec(path)
  if (!resolve && attribute) {
    const key = attribute[1]
    resolve = ({ contact }) =>
      contact.attributes && Object.hasOwn(contact.attributes, key)
        ? text(contact.attributes[key])
        : ''
  }
  if (!resolve) throw new Failure(`Unknown field ${path}`, pathAt)
  fields.add(path)

  const filters: Filter[] = []
  skipSpace()
  while (source[i] === '|') {
    i++
    skipSpace()
    const nameAt = i
    const name = word()
    if (name === '') throw new Failure('Expected a filter name', i)
    if (name !== 'default' && !Object.hasOwn(NO_ARGUMENT_FILTERS, name)) {
      throw new Failure(`Unknown filter ${name}`, nameAt)
    }
    skipSpace()
    let argument: string | undefined
    if (source[i] === ':') {
      i++
      skipSpace()
      const literal = parseString(source, i)
      if (!literal) throw new Failure(`Filter ${name} needs a quoted text`, i)
      argument = literal.value
      i = literal.end
      skipSpace()
    }
    if (name === 'default') {
      if (argument === undefined)
        throw new Failure('Filter default needs a text: default: "…"', nameAt)
      const fallback = argument
      filters.push((value) => (isBlank(value) ? fallback : value))
    } else {
      if (argument !== undefined) throw new Failure(`Filter ${name} takes no argument`, nameAt)
      filters.push(NO_ARGUMENT_FILTERS[name])
    }
  }
  if (!source.startsWith('}}', i)) unexpected()
  return { node: { resolve, filters }, end: i + 2 }
}

/** A "…" or '…' literal with \" \' \\ escapes and the offset after it, or undefined when none starts at `at`. */
function parseString(source: string, at: number): { value: string; end: number } | undefined {
  const quote = source[at]
  if (quote !== '"' && quote !== "'") return undefined
  let value = ''
  for (let i = at + 1; i < source.length; i++) {
    const char = source[i]
    if (char === quote) return { value, end: i + 1 }
    if (char === '\\' && i + 1 < source.length) {
      value += source[++i]
      continue
    }
    value += char
  }
  throw new Failure('Unterminated text', at)
}

export function parseTemplate(source: string): ParseResult {
  if (Array.from(source).length > TEMPLATE_MAX_LENGTH) {
    return {
      ok: false,
      errors: [
        {
          message: `Template is longer than ${TEMPLATE_MAX_LENGTH} characters at 1:1`,
          line: 1,
          column: 1,
        },
      ],
    }
  }
  const nodes: Node[] = []
  const fields = new Set<string>()
  const errors: TemplateIssue[] = []
  const report = (message: string, offset: number) => {
    const { line, column } = position(source, offset)
    errors.push({ message: `${message} at ${line}:${column}`, line, column })
  }
  let literal = ''
  let expressions = 0
  let i = 0
  while (i < source.length) {
    if (source.startsWith('{%', i)) {
      report('Tags ({% … %}) are not supported', i)
      i += 2
      continue
    }
    if (!source.startsWith('{{', i)) {
      literal += source[i++]
      continue
    }
    if (++expressions > TEMPLATE_MAX_EXPRESSIONS) {
      report(`Too many {{ }} expressions (at most ${TEMPLATE_MAX_EXPRESSIONS})`, i)
      break
    }
    if (literal) nodes.push(literal)
    literal = ''
    try {
      const { node, end } = parseExpression(source, i + 2, fields)
      nodes.push(node)
      i = end
    } catch (error) {
      if (!(error instanceof Failure)) throw error
      report(error.message, error.offset)
      // Resume after this expression's closing braces so later problems are reported too.
      const close = source.indexOf('}}', i + 2)
      if (close === -1) break
      i = close + 2
    }
  }
  if (literal) nodes.push(literal)
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, template: new MessageTemplate(nodes, [...fields]) }
}
