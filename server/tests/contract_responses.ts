/*
| The functional tests' responses, checked against the OpenAPI document (issue 18): every answer
| of a /v1 route must be one its entry lists (status), in the shape it gives (JSON Schema).
|
| OPENAPI_RESPONSES=enforce (default) fails the request, hence its test, on a mismatch;
| OPENAPI_RESPONSES=collect appends mismatches to tmp/openapi-mismatches.jsonl instead;
| OPENAPI_RESPONSES=off does nothing.
*/

import { appendFileSync, mkdirSync } from 'node:fs'
import { ApiClient, type ApiResponse } from '@japa/api-client'
import router from '@adonisjs/core/services/router'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'

type Json = Record<string, any>
const MODE = process.env.OPENAPI_RESPONSES ?? 'enforce'
const MISMATCHES = new URL('../../tmp/openapi-mismatches.jsonl', import.meta.url)

let contract: Promise<{ document: Json; ajv: Ajv2020 }> | undefined
const validators = new Map<string, ValidateFunction>()

/** The document, built once, registered whole with Ajv so its $refs resolve. */
function loadContract() {
  contract ??= (async () => {
    const { buildOpenApiDocument } = await import('#services/openapi/document')
    const document = await buildOpenApiDocument()
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
    ajv.addSchema(document, 'openapi')
    return { document, ajv }
  })()
  return contract
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

/** What is wrong with a response, as the contract sees it; undefined when nothing is. */
export async function contractMismatch(
  method: string,
  url: URL,
  status: number,
  contentType: string,
  body: unknown
): Promise<string | undefined> {
  if (!url.pathname.startsWith('/v1/') || method === 'HEAD' || method === 'OPTIONS') return
  const matched = router.match(url.pathname, method, false)
  if (!matched) return
  const { document, ajv } = await loadContract()
  const path = matched.route.pattern.replace(/:([A-Za-z0-9_]+)\??/g, '{$1}')
  const operation = document.paths[path]?.[method.toLowerCase()]
  const where = `${method} ${matched.route.pattern} (${matched.route.name})`
  if (!operation) return `${where} has no entry in the OpenAPI document`
  const answer = operation.responses[String(status)]
  if (!answer) {
    const codes = (body as Json)?.error?.code ? ` (${(body as Json).error.code})` : ''
    return `${where} answered ${status}${codes}, a status its entry does not list (${Object.keys(operation.responses).join(', ')})`
  }
  const schema = answer.content?.['application/json']?.schema
  if (!schema || !contentType.includes('json')) return
  const ref = `openapi#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`
  let validate = validators.get(ref)
  if (!validate) {
    validate = ajv.compile({ $ref: ref })
    validators.set(ref, validate)
  }
  if (validate(body)) return
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`
    )
  return `${where} answered ${status} with a body its schema refuses:\n  ${errors.join('\n  ')}`
}

/** Registers the check on every request of the functional tests' API client. */
export function checkResponsesAgainstContract() {
  if (MODE === 'off') return
  ApiClient.teardown(async (response: ApiResponse) => {
    const sent = (response.request as unknown as { request: { method: string; url: string } })
      .request
    const mismatch = await contractMismatch(
      sent.method.toUpperCase(),
      new URL(sent.url),
      response.status(),
      response.header('content-type') ?? '',
      response.body()
    )
    if (!mismatch) return
    if (MODE === 'collect') {
      mkdirSync(new URL('.', MISMATCHES), { recursive: true })
      appendFileSync(MISMATCHES, JSON.stringify({ mismatch }) + '\n')
      return
    }
    throw new Error(`Response does not match the OpenAPI contract: ${mismatch}`)
  })
}
