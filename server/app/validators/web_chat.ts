import vine from '@vinejs/vine'
import { cursor, displayName, externalId, pageLimit } from '#validators/rules'

const body = () => vine.string().trim().maxLength(10_000).optional()
const attachmentIds = () => vine.array(vine.string().uuid()).maxLength(10).distinct().optional()

/** POST /v1/chat/visitors (publishable key) */
export const startVisitorValidator = vine.create(
  vine.object({
    workspace: externalId(),
    /** The token a returning visitor's widget kept; a new visitor is made without it. */
    visitorToken: vine.string().trim().maxLength(200).optional(),
    name: displayName().optional(),
    email: vine.string().trim().email().maxLength(254).optional(),
  })
)

/** POST /v1/chat/sessions (secret key): one of the host's signed-in users. */
export const startContactSessionValidator = vine.create(
  vine.object({
    workspace: vine.object({ id: externalId() }),
    contact: vine.object({
      id: externalId(),
      name: displayName().optional(),
      email: vine.string().trim().email().maxLength(254).optional(),
    }),
    ttlSeconds: vine.number({ strict: true }).withoutDecimals().range([60, 86_400]).optional(),
  })
)

export const chatConversationValidator = vine.create(
  vine.object({
    subject: vine.string().trim().maxLength(300).optional(),
    body: body(),
    attachmentIds: attachmentIds(),
  })
)

export const chatMessageValidator = vine.create(
  vine.object({
    body: body(),
    attachmentIds: attachmentIds(),
    idempotencyKey: vine.string().trim().minLength(1).maxLength(100).optional(),
  })
)

export const chatPageValidator = vine.create(vine.object({ limit: pageLimit(), cursor: cursor() }))

/** PATCH /v1/workspaces/:id (secret key) */
export const updateWorkspaceValidator = vine.create(
  vine.object({
    name: displayName().optional(),
    webChat: vine.object({ enabled: vine.boolean({ strict: true }) }).optional(),
    /** `suspended` refuses the workspace's sessions, visitors and streams until `active` again. */
    status: vine.enum(['active', 'suspended'] as const).optional(),
    /** Minutes of transcription a month; null returns to the tenant's default. */
    transcriptionMinutesQuota: vine
      .number({ strict: true })
      .withoutDecimals()
      .range([0, 1_000_000])
      .nullable()
      .optional(),
  })
)
