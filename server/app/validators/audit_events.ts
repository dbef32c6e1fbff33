import vine from '@vinejs/vine'
import { cursor, instant, pageLimit, UUID_PATTERN } from '#validators/rules'

const ACTOR_TYPES = [
  'operator',
  'secret_key',
  'session',
  'system',
  'console_user',
  'platform_user',
] as const

/**
 * GET /v1/audit-events filters: `action` is one action (`key.revoked`) or a family (`key.*`);
 * `from`/`to` bound the time (from inclusive, to exclusive); the rest match exactly.
 */
export const auditEventsQueryValidator = vine.create(
  vine.object({
    limit: pageLimit(),
    cursor: cursor(),
    action: vine
      .string()
      .trim()
      .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*(\.\*)?$/)
      .maxLength(64)
      .optional(),
    actorType: vine.enum(ACTOR_TYPES).optional(),
    actorId: vine.string().trim().minLength(1).maxLength(128).optional(),
    targetType: vine
      .string()
      .trim()
      .regex(/^[a-z][a-z_]*$/)
      .maxLength(32)
      .optional(),
    targetId: vine.string().trim().minLength(1).maxLength(128).optional(),
    workspaceId: vine.string().trim().regex(UUID_PATTERN).optional(),
    from: instant().optional(),
    to: instant().optional(),
  })
)
