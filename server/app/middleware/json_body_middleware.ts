import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import env from '#start/env'

/**
 * Refuses a request body that is not JSON with 415, before the body parser sees it. The
 * exceptions: CSV on import routes (`…/import`), multipart on uploads (`…/attachments`,
 * `…/recordings/upload`), raw audio on recording chunks.
 */
export default class JsonBodyMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    if (request.url().endsWith('/import') && request.is(['text/csv'])) return next()
    const url = request.url()
    if (url.endsWith('/attachments') && request.is(['multipart'])) {
      // The multipart limit is sized for recordings; attachments are refused early, unread.
      const limit = (env.get('ATTACHMENT_MAX_MB') + 1) * 1024 * 1024
      if (Number(request.header('content-length') ?? 0) > limit) {
        throw new ApiError(
          'PAYLOAD_TOO_LARGE',
          `Attachments can be at most ${env.get('ATTACHMENT_MAX_MB')} MB`
        )
      }
      return next()
    }
    if (url.endsWith('/recordings/upload') && request.is(['multipart'])) return next()
    // Recording chunks are raw bytes, read as a stream by the route (never by the body parser).
    if (request.method() === 'PUT' && /\/recordings\/[^/]+\/chunks\/[^/]+$/.test(url)) return next()
    const hasBody =
      Number(request.header('content-length') ?? 0) > 0 ||
      request.header('transfer-encoding') !== undefined
    if (hasBody && !request.is(['json'])) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json')
    }
    return next()
  }
}
