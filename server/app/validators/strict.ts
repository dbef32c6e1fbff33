import type { HttpRequest } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'

type SchemaNode = {
  type: string
  fieldName?: string
  allowUnknownProperties?: boolean
  properties?: SchemaNode[]
  each?: SchemaNode
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Fields present in `input` that the schema does not name (VineJS would drop them silently). */
export function unknownFields(node: SchemaNode, input: unknown, path = ''): ErrorDetail[] {
  if (node.type === 'object' && isPlainObject(input)) {
    if (node.allowUnknownProperties) return []
    const known = new Map((node.properties ?? []).map((p) => [p.fieldName!, p]))
    return Object.keys(input).flatMap((key) => {
      const field = path ? `${path}.${key}` : key
      const child = known.get(key)
      return child
        ? unknownFields(child, input[key], field)
        : [{ field, message: `Unknown field "${field}"` }]
    })
  }
  if (node.type === 'array' && node.each && Array.isArray(input)) {
    return input.flatMap((item, index) => unknownFields(node.each!, item, `${path}.${index}`))
  }
  return []
}

/** A validator's schema tree, read once: `toJSON()` deep-clones it on every call. */
const schemas = new WeakMap<VineValidator<any, any>, SchemaNode>()
function schemaOf(validator: VineValidator<any, any>) {
  let schema = schemas.get(validator)
  if (!schema) {
    schema = (validator.toJSON() as { schema: { schema: SchemaNode } }).schema.schema
    schemas.set(validator, schema)
  }
  return schema
}

/**
 * Validates the JSON body (only the body: never the query string) and refuses unknown fields,
 * so a typo in a field name is an error rather than a silently ignored setting.
 */
export async function validateBody<T extends VineValidator<any, any>>(
  request: HttpRequest,
  validator: T
): Promise<Awaited<ReturnType<T['validate']>>> {
  const body = request.body()
  if (!isPlainObject(body)) throw ApiError.validation([], 'The request body must be a JSON object')
  const unknown = unknownFields(schemaOf(validator), body)
  if (unknown.length)
    throw ApiError.validation([...unknown, ...(await otherErrors(validator, body))])
  return validator.validate(body)
}

/** What the validator finds besides unknown fields, so one answer names every bad field. */
async function otherErrors(validator: VineValidator<any, any>, input: unknown) {
  const [error] = await validator.tryValidate(input)
  const messages = (error?.messages ?? []) as { field: string; message: string }[]
  return messages.map(({ field, message }) => ({ field, message }))
}

/** Validates the query string with the same refusal of unknown parameters. */
export async function validateQuery<T extends VineValidator<any, any>>(
  request: HttpRequest,
  validator: T,
  ignore: string[] = []
): Promise<Awaited<ReturnType<T['validate']>>> {
  const qs = { ...request.qs() }
  for (const name of ignore) delete qs[name]
  const unknown = unknownFields(schemaOf(validator), qs)
  if (unknown.length) throw ApiError.validation([...unknown, ...(await otherErrors(validator, qs))])
  return validator.validate(qs)
}
