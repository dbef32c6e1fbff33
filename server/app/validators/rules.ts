import vine from '@vinejs/vine'

/** Small rule factories reused across validators. */

/** An id the reseller chose for its own objects (workspace, user). */
export const externalId = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(128)
    .regex(/^[A-Za-z0-9._:@|-]+$/)

export const displayName = () => vine.string().trim().minLength(1).maxLength(200)

export const pageLimit = () => vine.number().withoutDecimals().range([1, 200]).optional()

export const cursor = () => vine.string().trim().maxLength(200).optional()

/** A Parley id (UUID). Anything else cannot exist, so it answers 404 rather than 422. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
