import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { ApiError } from '#exceptions/api_error'
import env from '#start/env'

const CHUNK_NAME = /^[a-z][a-z0-9-]*-[A-Za-z0-9_-]{8}\.js$/
const publicDir = env.get('PARLEY_PUBLIC_DIR') ?? 'dist/public'
const publicPath = (file: string) => app.makePath(publicDir, file)

async function read(file: string) {
  try {
    return await readFile(publicPath(file))
  } catch {
    return null
  }
}

/**
 * What browsers download from Parley: the loader (short cache, so a deploy reaches every host
 * within minutes) and the hashed widget chunks (immutable, cached for a year). Built by
 * `npm run build:widgets` into dist/public.
 */
export default class AssetsController {
  /** GET /embed.js and /v1/embed.js */
  async loader({ request, response }: HttpContext) {
    const body = await read('embed.js')
    if (!body)
      throw new ApiError(
        'SERVICE_UNAVAILABLE',
        'The widgets are not built; run npm run build:widgets'
      )
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400')
    response.header('Cross-Origin-Resource-Policy', 'cross-origin')
    response.header('ETag', etag)
    if (request.header('if-none-match') === etag) return response.notModified()
    return response.send(body)
  }

  /** GET /widgets/:file: a hashed chunk, loaded by the loader with import() (a CORS request). */
  async chunk({ params, response }: HttpContext) {
    const file = String(params.file)
    const body = CHUNK_NAME.test(file) ? await read(`widgets/${file}`) : null
    if (!body) throw ApiError.notFound('Widget chunk')
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('Access-Control-Allow-Origin', '*')
    response.header('Cross-Origin-Resource-Policy', 'cross-origin')
    return response.send(body)
  }
}
