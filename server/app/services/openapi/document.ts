import type { VineValidator } from '@vinejs/vine'
import { ERROR_STATUS, type ErrorCode } from '#exceptions/api_error'
import { publicRoutes, type ContractRoute } from '#services/openapi/routes'
import { controllerOperations, transformerSchemas } from '#services/openapi/shapes.generated'
import { PROPERTY_NOTES, ROUTE_NOTES } from '#services/openapi/route_notes'

type Json = Record<string, any>

/** Authentication schemes, named as the routes' middleware decides them (API.md "Auth"). */
const SECURITY_SCHEMES: Json = {
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sk_…',
    description: "The tenant's secret key, server to server only: `Authorization: Bearer sk_…`.",
  },
  sessionToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A session token minted by POST /v1/sessions (a signed-in member of a workspace), sent by the widgets.',
  },
  visitorToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'c1.…',
    description:
      'A web chat visitor token (`c1.…`) from POST /v1/chat/visitors or /v1/chat/sessions.',
  },
  publishableKey: {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description:
      "The tenant's publishable key (`pk_…`), accepted only from an allowed Origin (also as the X-Parley-Key header).",
  },
  consoleSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'parley_console',
    description:
      'The partner console session cookie. Unsafe methods also echo the XSRF-TOKEN cookie in X-XSRF-TOKEN (csrfToken).',
  },
  adminSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'parley_admin',
    description:
      'The platform admin session cookie (TOTP always). Unsafe methods also echo the XSRF-TOKEN cookie in X-XSRF-TOKEN (csrfToken).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-XSRF-TOKEN',
    description:
      'The XSRF-TOKEN cookie echoed back on POST, PUT, PATCH and DELETE of cookie sessions.',
  },
  stripeSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Stripe-Signature',
    description: 'Stripe signs its webhook calls; the signature is checked over the raw body.',
  },
}

const ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
        requestId: { type: 'string' },
      },
      additionalProperties: true,
    },
  },
  example: {
    error: {
      code: 'NOT_FOUND',
      message: 'Conversation not found',
      requestId: 'req_01HZX3Y2V6',
    },
  },
}

/** Which credentials a route takes, read from its middleware. */
export function securityOf(route: ContractRoute): Json[] {
  const unsafe = route.method !== 'get'
  const cookie = (scheme: string) => (unsafe ? { [scheme]: [], csrfToken: [] } : { [scheme]: [] })
  for (const { name, args } of route.middleware) {
    if (name === 'secretKey') return [{ secretKey: [] }]
    if (name === 'publishableKey') return [{ publishableKey: [] }]
    if (name === 'tenantSettings') return [{ secretKey: [] }, cookie('consoleSession')]
    if (name === 'consoleSession') {
      return [cookie(args?.kind === 'admin' ? 'adminSession' : 'consoleSession')]
    }
    if (name === 'sessionToken') {
      const accept = args?.accept ?? 'members'
      if (accept === 'visitors') return [{ visitorToken: [] }]
      if (accept === 'both') return [{ sessionToken: [] }, { visitorToken: [] }]
      return [{ sessionToken: [] }]
    }
  }
  if (route.pattern.startsWith('/v1/stripe/webhooks')) return [{ stripeSignature: [] }]
  return []
}

/** Errors the error handler can answer on any route (malformed input, limits, Redis away, a bug). */
const ANY_ROUTE: ErrorCode[] = [
  'BAD_REQUEST',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
]
const WITH_BODY: ErrorCode[] = [
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'CONFLICT',
]

const operationOfRoute = (route: ContractRoute) =>
  route.controller
    ? controllerOperations[`${route.controller.module}.${route.controller.method}`]
    : undefined

/** The error codes a route can answer: its code's, its credentials' and the handler's. */
export function errorCodesOf(route: ContractRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>((operationOfRoute(route)?.errors ?? []) as ErrorCode[])
  const security = securityOf(route)
  if (security.some((s) => !s.stripeSignature) && security.length) {
    codes.add('AUTHENTICATION_ERROR')
  }
  if (security.some((s) => s.publishableKey || s.consoleSession || s.adminSession || s.secretKey)) {
    // Origins not allowed, a role without the area, CSRF.
    codes.add('AUTHORIZATION_ERROR')
  }
  if (security.some((s) => s.sessionToken || s.visitorToken || s.consoleSession)) {
    codes.add('TENANT_SUSPENDED')
  }
  if (route.params.length) codes.add('NOT_FOUND')
  if (route.method !== 'get') WITH_BODY.forEach((c) => codes.add(c))
  for (const code of ROUTE_NOTES[route.name]?.errors ?? []) codes.add(code)
  ANY_ROUTE.forEach((c) => codes.add(c))
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b))
}

const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: 'The request body is not valid JSON',
  AUTHENTICATION_ERROR: 'Authentication required',
  QUOTA_EXCEEDED: 'The plan allows no more of this until its period resets',
  AUTHORIZATION_ERROR: 'Not allowed',
  TENANT_SUSPENDED: 'This service is unavailable',
  NOT_FOUND: 'Resource not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'This conflicts with an existing resource',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'This file type is not accepted',
  VALIDATION_ERROR: 'The request is invalid',
  PROVIDER_NOT_CONFIGURED: 'This needs a provider the tenant has not configured',
  RATE_LIMITED: 'Too many requests; retry later',
  INTERNAL_ERROR: 'Something went wrong',
  SERVICE_UNAVAILABLE: 'A service this request needs is not answering; retry shortly',
}

function errorResponses(codes: ErrorCode[]): Json {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) {
    const status = ERROR_STATUS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const responses: Json = {}
  for (const [status, list] of byStatus) {
    const examples = Object.fromEntries(
      list.map((code) => [
        code,
        {
          value: {
            error: {
              code,
              message: ERROR_MESSAGES[code],
              ...(code === 'VALIDATION_ERROR'
                ? { details: [{ field: 'name', message: 'The name field must be defined' }] }
                : {}),
              requestId: 'b3c1f1e2-5d0a-4c1e-9f57-3f6d2a0c9e11',
            },
          },
        },
      ])
    )
    responses[String(status)] = {
      description: `Error: ${list.join(', ')}`,
      ...(status === 429 || status === 503
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } } }
        : {}),
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples },
      },
    }
  }
  return responses
}

const RAW_CONTENT = { '*/*': { schema: { type: 'string', format: 'binary' } } }

/** The success responses: the shapes the controller answers with (shapes.generated.ts). */
function successResponses(route: ContractRoute): Json {
  const noted = ROUTE_NOTES[route.name]?.responses
  const found = { ...operationOfRoute(route)?.responses, ...noted }
  const responses: Json = {}
  for (const [status, shape] of Object.entries(found)) {
    if (shape === 'empty') responses[status] = { description: 'No content' }
    else if (shape === 'raw') responses[status] = { description: 'The bytes', content: RAW_CONTENT }
    else if (typeof shape === 'object' && shape.content) responses[status] = shape
    else {
      responses[status] = {
        description: status === '201' ? 'Created' : 'OK',
        content: { 'application/json': { schema: shape } },
      }
    }
  }
  if (!Object.keys(responses).length) responses['200'] = { description: 'OK' }
  return responses
}

type ValidatorRef = { module: string; name: string }

/** A validator's JSON Schema (VineJS's toJSONSchema), imported by its module and name. */
async function validatorSchema(ref: ValidatorRef | undefined): Promise<Json | undefined> {
  if (!ref) return undefined
  const module = (await import(ref.module)) as Record<string, VineValidator<any, any>>
  const validator = module[ref.name]
  if (!validator?.toJSONSchema) return undefined
  const schema = validator.toJSONSchema() as Json
  // validateUsing's data also carries the route params: the path parameters tell those.
  if (schema.properties?.params) {
    delete schema.properties.params
    schema.required = (schema.required ?? []).filter((r: string) => r !== 'params')
  }
  return schema
}

const PAGINATION: Json = {
  cursor: 'Where the page starts: the `nextCursor` of the previous page (opaque).',
  limit: 'How many items a page holds at most.',
}

function queryParameters(schema: Json | undefined): Json[] {
  if (!schema?.properties) return []
  return Object.entries(schema.properties as Record<string, Json>).map(([name, property]) => ({
    name,
    in: 'query',
    required: (schema.required ?? []).includes(name),
    ...(PAGINATION[name] ? { description: PAGINATION[name] } : {}),
    schema: property,
  }))
}

/** `GET /v1/webhooks/:id/deliveries` → webhooks; console and admin routes are their own tags. */
function tagOf(route: ContractRoute) {
  const [, , first, second] = route.pattern.split('/')
  const tag = first === 'console' || first === 'admin' ? `${first} ${second}` : first
  return tag.replace(/\.[a-z]+$/, '')
}

const ACTIONS: Record<string, string> = {
  index: 'List',
  show: 'Get',
  store: 'Create',
  update: 'Update',
  destroy: 'Delete',
}

/** `webhooks.deliveries.index` → "List webhooks deliveries"; `campaigns.launch` → "Campaigns: launch". */
function humanised(route: ContractRoute) {
  const words = route.name.split('.').map((w) => w.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`))
  const action = words.pop()!
  const subject = words.join(' ')
  if (ACTIONS[action]) return `${ACTIONS[action]} ${subject}`
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${action}`
}

const sentence = (text: string) => {
  const first = text.split(/(?<=[.:])\s/)[0].replace(/[.:]$/, '')
  return first.length <= 120 ? first : `${first.slice(0, 117)}…`
}

async function operationOf(route: ContractRoute): Promise<Json> {
  const found = operationOfRoute(route)
  const notes = ROUTE_NOTES[route.name]
  const takesBody = route.method !== 'get' && route.method !== 'delete'
  const body = await validatorSchema(found?.body ?? (takesBody ? found?.validate : undefined))
  const query = await validatorSchema(found?.query ?? (takesBody ? undefined : found?.validate))
  const doc = found?.summary
  // A comment that opens with a sentence makes the summary; one that opens with the request
  // line or a shape (`POST …/sessions { email }`) is left to the description.
  const summary =
    notes?.summary ?? (doc && /^[A-Z][a-z]/.test(doc) ? sentence(doc) : humanised(route))
  return {
    operationId: route.name,
    summary,
    ...(doc && doc !== summary ? { description: doc } : {}),
    tags: [tagOf(route)],
    security: securityOf(route),
    parameters: [
      ...route.params.map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...queryParameters(query),
    ],
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: body } },
          },
        }
      : notes?.requestBody
        ? { requestBody: notes.requestBody }
        : {}),
    responses: { ...successResponses(route), ...errorResponses(errorCodesOf(route)) },
  }
}

const DESCRIPTION = `The public contract of Parley, generated from its routes, validators and response shapes.

- **Reseller backends** authenticate with the secret key (\`Authorization: Bearer sk_…\`).
- **Widgets** use a session token minted by \`POST /v1/sessions\`; web chat visitors a visitor token; the first calls of a page the publishable key.
- **The partner console and platform admin** use a cookie session; unsafe methods echo the \`XSRF-TOKEN\` cookie in \`X-XSRF-TOKEN\`.

Errors share one shape: \`{ "error": { "code", "message", "details"?, "requestId" } }\`, with the status of their code.
Lists are paginated by cursor: pass \`limit\` and the \`nextCursor\` of the previous page as \`cursor\`; \`nextCursor\` is \`null\` on the last page.`

/** The transformers' shapes, with the property notes applied. */
function componentSchemas() {
  const schemas: Json = structuredClone(transformerSchemas)
  for (const [component, properties] of Object.entries(PROPERTY_NOTES)) {
    for (const [name, schema] of Object.entries(properties)) {
      if (schemas[component]?.properties?.[name]) schemas[component].properties[name] = schema
    }
  }
  return schemas
}

/** The OpenAPI 3.1 document of every public (/v1) route. The router must be committed. */
export async function buildOpenApiDocument(): Promise<Json> {
  const paths: Json = {}
  for (const route of publicRoutes()) {
    paths[route.path] ??= {}
    paths[route.path][route.method] = await operationOf(route)
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Parley API', version: '1', description: DESCRIPTION },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: { Error: ERROR_SCHEMA, ...componentSchemas() },
    },
  }
}
