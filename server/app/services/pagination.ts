import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import { ApiError } from '#exceptions/api_error'
import { UUID_PATTERN } from '#validators/rules'

export const DEFAULT_LIMIT = 50

/** Cursors are opaque to clients: base64url of the last row's id. */
export function encodeCursor(id: string) {
  return Buffer.from(id).toString('base64url')
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!UUID_PATTERN.test(id))
    throw ApiError.validation([{ field: 'cursor', message: 'Invalid cursor' }])
  return id
}

/**
 * Keyset pagination over time-ordered UUIDs, newest first: `{ data, nextCursor }` as API.md
 * names it. Reads one row more than asked to know whether another page exists.
 */
export async function paginate<Model extends LucidModel>(
  query: ModelQueryBuilderContract<Model, InstanceType<Model>>,
  page: { limit?: number; cursor?: string }
) {
  const limit = page.limit ?? DEFAULT_LIMIT
  if (page.cursor) query.where('id', '<', decodeCursor(page.cursor))
  const rows = await query.orderBy('id', 'desc').limit(limit + 1)
  const data = rows.slice(0, limit)
  const nextCursor =
    rows.length > limit ? encodeCursor(data[data.length - 1].$primaryKeyValue as string) : null
  return { data, nextCursor }
}
