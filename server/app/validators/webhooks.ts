import vine from '@vinejs/vine'
import { WEBHOOK_EVENTS } from '#services/webhooks'
import { cursor, pageLimit } from '#validators/rules'

export const createWebhookValidator = vine.create(
  vine.object({
    url: vine.string().trim().maxLength(2048),
    events: vine.array(vine.enum(WEBHOOK_EVENTS)).minLength(1).distinct(),
    description: vine.string().trim().maxLength(200).optional(),
  })
)

export const webhookDeliveriesValidator = vine.create(
  vine.object({ limit: pageLimit(), cursor: cursor() })
)
