import vine from '@vinejs/vine'
import { KEY_TYPES } from '#models/api_key'
import { cursor, instant, notBlank, pageLimit } from '#validators/rules'

/** POST /v1/domains { hostname }: the name's shape is checked by normaliseHostname. */
export const createDomainValidator = vine.create(
  vine.object({ hostname: vine.string().trim().minLength(1).maxLength(253) })
)

/** GET /v1/domains/check?domain= (Caddy's `ask`). */
export const domainCheckValidator = vine.create(
  vine.object({ domain: vine.string().trim().minLength(1).maxLength(253) })
)

/**
 * An element prefix: with `acme` the loader defines <acme-inbox>, <acme-chat>… A custom element
 * name must start with a lower-case ASCII letter and contain a hyphen; the prefix supplies the
 * start and the loader the hyphen, so the prefix is a lower-case letter then letters and digits.
 */
export const ELEMENT_PREFIX = /^[a-z][a-z0-9]{1,30}$/
/** Prefixes refused: ours, and those whose names the HTML spec reserves or browsers ship. */
export const RESERVED_PREFIXES = new Set([
  'parley',
  'annotation',
  'color',
  'font',
  'missing',
  'xml',
  'html',
  'svg',
  'math',
  'selectedcontent',
])

export const updateBrandingValidator = vine.create(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120).use(notBlank()).optional(),
    logoUrl: vine
      .string()
      .trim()
      .maxLength(2048)
      .url({ protocols: ['https'] })
      .nullable()
      .optional(),
    fontUrl: vine
      .string()
      .trim()
      .maxLength(2048)
      .url({ protocols: ['https'] })
      .nullable()
      .optional(),
    elementPrefix: vine
      .string()
      .trim()
      .regex(ELEMENT_PREFIX)
      .notIn([...RESERVED_PREFIXES])
      .nullable()
      .optional(),
    parleyElements: vine.boolean({ strict: true }).optional(),
  })
)

export const createKeyValidator = vine.create(
  vine.object({
    type: vine.enum(KEY_TYPES),
    label: vine.string().trim().minLength(1).maxLength(120).optional(),
  })
)

export const putOriginsValidator = vine.create(
  vine.object({
    origins: vine.array(vine.string().trim().minLength(1).maxLength(2048)).maxLength(100),
  })
)

export const usageQueryValidator = vine.create(
  vine.object({
    from: instant().optional(),
    to: instant().optional(),
    granularity: vine.enum(['day', 'month'] as const).optional(),
  })
)

export const workspacesQueryValidator = vine.create(
  vine.object({
    limit: pageLimit(),
    cursor: cursor(),
    q: vine.string().trim().maxLength(200).optional(),
  })
)
