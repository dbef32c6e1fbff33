import vine from '@vinejs/vine'

/** POST /v1/realtime/ticket: optionally the stream id to resume (the session's own). */
export const ticketValidator = vine.create(
  vine.object({ stream: vine.string().trim().maxLength(64).optional() })
)

/** POST /__transmit/subscribe and /__transmit/unsubscribe, as @adonisjs/transmit-client sends them. */
export const subscriptionValidator = vine.create(
  vine.object({
    uid: vine.string().trim().maxLength(64),
    channel: vine.string().trim().maxLength(200),
  })
)

/** GET /v1/events?stream=&after=&limit= */
export const eventsValidator = vine.create(
  vine.object({
    stream: vine.string().trim().maxLength(200),
    after: vine
      .string()
      .trim()
      .regex(/^\d{1,16}-\d{1,10}$/)
      .optional(),
    limit: vine.number().withoutDecimals().range([1, 1000]).optional(),
  })
)
