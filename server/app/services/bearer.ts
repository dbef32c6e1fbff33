import type { HttpContext } from '@adonisjs/core/http'

/** The credential of `Authorization: Bearer <credential>`, or undefined. */
export function bearer({ request }: HttpContext): string | undefined {
  const header = request.header('authorization')
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1]
}
