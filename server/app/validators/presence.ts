import vine from '@vinejs/vine'
import { PRESENCE_STATUSES } from '#services/presence'

/** POST /v1/presence { status } */
export const presenceValidator = vine.create(vine.object({ status: vine.enum(PRESENCE_STATUSES) }))
