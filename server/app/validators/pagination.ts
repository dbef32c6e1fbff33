import vine from '@vinejs/vine'
import { cursor, pageLimit } from '#validators/rules'

/** `?limit=&cursor=` on every list route. */
export const pageValidator = vine.create(
  vine.object({
    limit: pageLimit(),
    cursor: cursor(),
  })
)
