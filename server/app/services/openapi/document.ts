import { ERROR_STATUS, type ErrorCode } from '#exceptions/api_error'
import { publicRoutes, type ContractRoute } from '#services/openapi/routes'

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
      'The partner console or platform admin session cookie. Unsafe methods also echo the XSRF-TOKEN cookie in X-XSRF-TOKEN (csrfToken).',
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
  const cookie = unsafe ? { consoleSession: [], csrfToken: [] } : { consoleSession: [] }
  for (const { name, args } of route.middleware) {
    if (name === 'secretKey') return [{ secretKey: [] }]
    if (name === 'publishableKey') return [{ publishableKey: [] }]
    if (name === 'tenantSettings') return [{ secretKey: [] }, cookie]
    if (name === 'consoleSession') return [cookie]
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

/** The error codes a route can answer, from what its credentials and shape imply. */
export function errorCodesOf(route: ContractRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(['BAD_REQUEST'])
  const security = securityOf(route)
  if (security.length) {
    codes.add('AUTHENTICATION_ERROR')
    codes.add('AUTHORIZATION_ERROR')
  }
  if (security.some((s) => s.sessionToken || s.visitorToken || s.consoleSession)) {
    codes.add('TENANT_SUSPENDED')
  }
  if (route.params.length) codes.add('NOT_FOUND')
  if (route.method !== 'get') codes.add('VALIDATION_ERROR')
  codes.add('RATE_LIMITED')
  codes.add('INTERNAL_ERROR')
  codes.add('SERVICE_UNAVAILABLE')
  return [...codes]
}

function errorResponses(codes: ErrorCode[]): Json {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) {
    const status = ERROR_STATUS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const responses: Json = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Error: ${list.join(', ')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    }
  }
  return responses
}

function operationOf(route: ContractRoute): Json {
  const tag = route.pattern.split('/')[2]
  return {
    operationId: route.name,
    summary: route.name,
    tags: [tag],
    security: securityOf(route),
    parameters: route.params.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema: {} } } },
      ...errorResponses(errorCodesOf(route)),
    },
  }
}

/** The OpenAPI 3.1 document of every public (/v1) route. The router must be committed. */
export function buildOpenApiDocument(): Json {
  const paths: Json = {}
  for (const route of publicRoutes()) {
    paths[route.path] ??= {}
    paths[route.path][route.method] = operationOf(route)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parley API',
      version: '1',
      description:
        'The public contract of Parley: the reseller API (secret key), the widgets (session and visitor tokens, publishable key), the partner console and platform admin (cookie session + CSRF). Errors share one shape.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: { Error: ERROR_SCHEMA },
    },
  }
}
