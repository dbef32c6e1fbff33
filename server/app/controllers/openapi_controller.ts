import type { HttpContext } from '@adonisjs/core/http'
import { buildOpenApiDocument } from '#services/openapi/document'

let cached: string | undefined

/** The OpenAPI 3.1 document: public, the same for everyone, built once per process. */
export default class OpenApiController {
  async show({ response }: HttpContext) {
    cached ??= JSON.stringify(await buildOpenApiDocument())
    response.header('Content-Type', 'application/json; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=300')
    // No credentials involved: any page (the API reference, a reseller's tooling) may read it.
    response.header('Access-Control-Allow-Origin', '*')
    return response.send(cached)
  }
}
