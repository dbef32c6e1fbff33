import vine from '@vinejs/vine'

const shortcut = () =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)
const body = () => vine.string().trim().minLength(1).maxLength(10_000)

export const createCannedResponseValidator = vine.create(
  vine.object({ shortcut: shortcut(), body: body() })
)

export const updateCannedResponseValidator = vine.create(
  vine.object({ shortcut: shortcut().optional(), body: body().optional() })
)

/** `?prefix=` completes `/shortcut` in the composer. */
export const listCannedResponsesValidator = vine.create(
  vine.object({ prefix: vine.string().trim().toLowerCase().maxLength(40).optional() })
)
