import type { HttpContext } from '@adonisjs/core/http'
import { MultipartFile } from '@adonisjs/core/bodyparser'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'

/**
 * The one rule every string the server accepts must pass, whatever carries it (a JSON body, a
 * query string, a route parameter, a multipart field or file name, a CSV cell): no NUL byte and
 * no UTF-16 surrogate without its other half. PostgreSQL refuses the first in text and JSON
 * (a 500), and the second cannot be encoded as UTF-8 (stored as U+FFFD, or refused in jsonb).
 */
export function isAcceptableText(value: string) {
  return !value.includes('\u0000') && value.isWellFormed()
}

const MESSAGE = 'must not contain NUL bytes or unpaired UTF-16 surrogates'
const describe = (field: string) => `The ${field || 'body'} field ${MESSAGE}`
const MAX_DETAILS = 20

// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const UNPRINTABLE = /\u0000|[\uD800-\uDFFF]/g

/** A field name as it can be shown back: the offending characters written as `\uXXXX`. */
const printable = (key: string) =>
  isAcceptableText(key)
    ? key
    : key.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/**
 * Every string in `value` (and every object key) that breaks the rule, named by its path in
 * VineJS's style (`user.name`, `tags.0`). Walked without recursion, so a body nested 10,000
 * levels deep costs a loop, not the stack.
 */
export function textProblems(
  value: unknown,
  path = '',
  skip: (value: object) => boolean = () => false
): ErrorDetail[] {
  const problems: ErrorDetail[] = []
  const stack: [unknown, string][] = [[value, path]]
  while (stack.length && problems.length < MAX_DETAILS) {
    const [current, at] = stack.pop()!
    if (typeof current === 'string') {
      if (!isAcceptableText(current)) problems.push({ field: at, message: describe(at) })
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push([current[i], at ? `${at}.${i}` : String(i)])
      }
    } else if (typeof current === 'object' && current !== null && !skip(current)) {
      for (const [key, child] of Object.entries(current).reverse()) {
        const field = at ? `${at}.${printable(key)}` : printable(key)
        if (!isAcceptableText(key)) {
          problems.push({ field, message: `Field names ${MESSAGE}` })
        } else {
          stack.push([child, field])
        }
      }
    }
  }
  return problems
}

/** Throws VALIDATION_ERROR (422) naming each field that breaks the rule. */
export function assertAcceptableText(value: unknown, path = '') {
  const problems = textProblems(value, path)
  if (problems.length) throw ApiError.validation(problems)
}

/** The uploaded files' names, in the shape of the multipart field names that carried them. */
function clientNames(files: unknown): unknown {
  if (files instanceof MultipartFile) return files.clientName
  if (Array.isArray(files)) return files.map(clientNames)
  if (typeof files === 'object' && files !== null) {
    return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, clientNames(v)]))
  }
  return files
}

/**
 * The rule over a whole request: route parameters, the query string, the parsed body (JSON,
 * form, or multipart fields once read) and the names of uploaded files. Run by
 * middleware/text_input_middleware before every route, and again by a route once it has read
 * a multipart body itself.
 */
export function assertAcceptableRequest({ request, params }: HttpContext) {
  const problems = [
    ...textProblems(params),
    ...textProblems(request.qs()),
    // Uploaded files also appear in the body; their names are checked just below.
    ...textProblems(request.body(), '', (value) => value instanceof MultipartFile),
    ...textProblems(clientNames(request.allFiles())).map(({ field }) => ({
      field,
      message: `The file name in ${field} ${MESSAGE}`,
    })),
  ]
  if (problems.length) throw ApiError.validation(problems.slice(0, MAX_DETAILS))
}
