import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'

/**
 * Refuses a request body that is not JSON with 415, before the body parser sees it. The
 * exceptions: CSV on import routes (`…/import`), multipart on uploads (`…/attachments`,
 * `…/recordings/upload`, `/v1/branding/logo|font`), raw audio on recording chunks.
 */
export default class JsonBodyMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    if (request.url().endsWith('/import') && request.is(['text/csv'])) return next()
    const url = request.url()
    // Uploads are read by their routes, after authorisation, within limits (services/uploads.ts).
    if (url.endsWith('/attachments') && request.is(['multipart'])) return next()
    if (url.endsWith('/recordings/upload') && request.is(['multipart'])) return next()
    if (/^\/v1\/branding\/(logo|font)$/.test(url) && request.is(['multipart'])) return next()
    // Recording chunks are raw bytes, likewise.
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
