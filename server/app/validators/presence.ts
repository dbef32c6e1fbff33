import vine from '@vinejs/vine'
import { PRESENCE_STATUSES } from '#services/presence'

/** POST /v1/presence { status, clientId? }: clientId names one open widget (a tab, a launcher). */
export const presenceValidator = vine.create(
  vine.object({
    status: vine.enum(PRESENCE_STATUSES),
    clientId: vine
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
  })
)
