import vine from '@vinejs/vine'
import { ROLES } from '#models/member'
import { WIDGETS } from '#models/tenant'
import { displayName, externalId } from '#validators/rules'

export const MIN_TTL_SECONDS = 60
export const MAX_TTL_SECONDS = 3600
export const DEFAULT_TTL_SECONDS = 900

/** POST /v1/sessions */
export const createSessionValidator = vine.create(
  vine.object({
    workspace: vine.object({
      id: externalId(),
      name: displayName().optional(),
    }),
    user: vine.object({
      id: externalId(),
      name: displayName().optional(),
      email: vine.string().trim().email().maxLength(254).optional(),
      avatarUrl: vine
        .string()
        .url({ protocols: ['https'] })
        .maxLength(2048)
        .optional(),
      role: vine.enum(ROLES),
    }),
    widgets: vine.array(vine.enum(WIDGETS)).minLength(1).distinct().optional(),
    ttlSeconds: vine
      .number({ strict: true })
      .withoutDecimals()
      .range([MIN_TTL_SECONDS, MAX_TTL_SECONDS])
      .optional(),
  })
)

/** PUT /v1/session-policy */
export const sessionPolicyValidator = vine.create(
  vine.object({
    maxTtlSeconds: vine
      .number({ strict: true })
      .withoutDecimals()
      .range([MIN_TTL_SECONDS, MAX_TTL_SECONDS])
      .optional(),
    widgets: vine.array(vine.enum(WIDGETS)).minLength(1).distinct().optional(),
  })
)
