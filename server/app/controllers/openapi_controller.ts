import { gzipSync } from 'node:zlib'
import type { HttpContext } from '@adonisjs/core/http'
import { buildOpenApiDocument } from '#services/openapi/document'

let cached: { json: string; gzip: Buffer } | undefined

/**
 * The OpenAPI 3.1 document: public, the same for everyone, built (and gzipped: 1.7 MB of JSON
 * is about a tenth of that compressed) once per process.
 */
export default class OpenApiController {
  async show({ request, response }: HttpContext) {
    if (!cached) {
      const json = JSON.stringify(await buildOpenApiDocument())
      cached = { json, gzip: gzipSync(json) }
    }
    response.header('Content-Type', 'application/json; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=300')
    response.header('Vary', 'Accept-Encoding')
    // No credentials involved: any page (the API reference, a reseller's tooling) may read it.
    response.header('Access-Control-Allow-Origin', '*')
    if (/\bgzip\b/.test(request.header('accept-encoding') ?? '')) {
      response.header('Content-Encoding', 'gzip')
      return response.send(cached.gzip)
    }
    return response.send(cached.json)
  }
}
