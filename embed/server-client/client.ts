import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './schema.js'
import { ParleyApiError } from './errors.js'
import { retryingFetch, type RetryOptions } from './retrying-fetch.js'

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete'
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

/** The JSON body a route takes, from the contract. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never
/** The query parameters a route takes, from the contract. */
export type QueryParams<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never
/** What a route answers on success (its 2xx JSON), from the contract. */
export type ResponseBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? Json<R[Extract<keyof R, 200 | 201 | 202>]>
    : never

/** A route's answer: its 2xx JSON, or a thrown ParleyApiError. */
type Answer<P extends keyof paths, M extends Method> = Promise<ResponseBody<P, M>>

/** The typed openapi-fetch client over every route of the contract (GET, POST, … by path). */
export type ParleyRawClient = Client<paths>

export interface ParleyClientOptions extends RetryOptions {
  /** The tenant's secret key, `sk_…`. Server side only: never ship it to a browser. */
  secretKey: string
  /** Where Parley runs, e.g. `https://parley.example.net` (no /v1). */
  baseUrl: string
  /** A fetch of your own (proxies, tests); default globalThis.fetch. */
  fetch?: (request: Request) => Promise<Response>
}

/**
 * Turns openapi-fetch's `{ data, error, response }` into the data, or a thrown ParleyApiError.
 * The data is typed by the caller's Answer<path, method>: the contract's 2xx schema as
 * openapi-typescript wrote it (openapi-fetch's own data type drops members typed `null`).
 */
async function unwrap<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>
): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok) throw ParleyApiError.from(response, error ?? null)
  return data as T
}

function rawClient(baseUrl: string, token: string, fetch: (request: Request) => Promise<Response>) {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${token}` },
    fetch,
  })
}

/**
 * The Parley API for a reseller's backend, typed from the OpenAPI contract. Each method answers
 * the route's JSON or throws a ParleyApiError; `raw` reaches any other route, typed by path.
 *
 * ```ts
 * const parley = createParleyClient({ secretKey: process.env.PARLEY_SECRET_KEY!, baseUrl })
 * const { token } = await parley.sessions.create({ workspace: { id: 'acme' }, user: { id: 'u_1', role: 'agent' } })
 * ```
 */
export function createParleyClient(options: ParleyClientOptions) {
  const { secretKey, baseUrl } = options
  if (!secretKey?.startsWith('sk_'))
    throw new TypeError('createParleyClient needs a secret key (sk_…)')
  if (!baseUrl) throw new TypeError('createParleyClient needs the baseUrl of the Parley server')
  const fetch = retryingFetch(options.fetch ?? ((request) => globalThis.fetch(request)), options)
  const raw = rawClient(baseUrl, secretKey, fetch)

  return {
    raw,

    /** Member sessions for the widgets (POST /v1/sessions): creates the workspace and member on first use. */
    sessions: {
      create: (body: RequestBody<'/v1/sessions', 'post'>): Answer<'/v1/sessions', 'post'> =>
        unwrap(raw.POST('/v1/sessions', { body })),
    },

    /** Visitor tokens for a signed-in end user's web chat (POST /v1/chat/sessions). */
    chatSessions: {
      create: (
        body: RequestBody<'/v1/chat/sessions', 'post'>
      ): Answer<'/v1/chat/sessions', 'post'> => unwrap(raw.POST('/v1/chat/sessions', { body })),
    },

    /** The tenant's theme tokens. */
    theme: {
      get: (): Answer<'/v1/theme', 'get'> => unwrap(raw.GET('/v1/theme')),
      put: (body: RequestBody<'/v1/theme', 'put'>): Answer<'/v1/theme', 'put'> =>
        unwrap(raw.PUT('/v1/theme', { body })),
    },

    /** Billing plans, kept in sync with the tenant's Stripe account (424 until it is configured). */
    plans: {
      list: (): Answer<'/v1/plans', 'get'> => unwrap(raw.GET('/v1/plans')),
      create: (body: RequestBody<'/v1/plans', 'post'>): Answer<'/v1/plans', 'post'> =>
        unwrap(raw.POST('/v1/plans', { body })),
      get: (id: string): Answer<'/v1/plans/{id}', 'get'> =>
        unwrap(raw.GET('/v1/plans/{id}', { params: { path: { id } } })),
      update: (
        id: string,
        body: RequestBody<'/v1/plans/{id}', 'patch'>
      ): Answer<'/v1/plans/{id}', 'patch'> =>
        unwrap(raw.PATCH('/v1/plans/{id}', { params: { path: { id } }, body })),
      /** Archives the plan (and its Stripe objects); workspaces on it keep it. */
      archive: (id: string): Promise<void> =>
        unwrap(raw.DELETE('/v1/plans/{id}', { params: { path: { id } } })),
    },

    /** API keys: a created secret key is answered once. */
    keys: {
      list: (): Answer<'/v1/keys', 'get'> => unwrap(raw.GET('/v1/keys')),
      create: (body: RequestBody<'/v1/keys', 'post'>): Answer<'/v1/keys', 'post'> =>
        unwrap(raw.POST('/v1/keys', { body })),
      revoke: (id: string): Promise<void> =>
        unwrap(raw.DELETE('/v1/keys/{id}', { params: { path: { id } } })),
    },

    /** Custom domains for the widgets, verified by a DNS TXT record. */
    domains: {
      list: (): Answer<'/v1/domains', 'get'> => unwrap(raw.GET('/v1/domains')),
      create: (body: RequestBody<'/v1/domains', 'post'>): Answer<'/v1/domains', 'post'> =>
        unwrap(raw.POST('/v1/domains', { body })),
      get: (id: string): Answer<'/v1/domains/{id}', 'get'> =>
        unwrap(raw.GET('/v1/domains/{id}', { params: { path: { id } } })),
      verify: (id: string): Answer<'/v1/domains/{id}/verify', 'post'> =>
        unwrap(raw.POST('/v1/domains/{id}/verify', { params: { path: { id } } })),
      delete: (id: string): Promise<void> =>
        unwrap(raw.DELETE('/v1/domains/{id}', { params: { path: { id } } })),
    },

    /** The origins allowed to use the publishable key. */
    origins: {
      get: (): Answer<'/v1/origins', 'get'> => unwrap(raw.GET('/v1/origins')),
      put: (body: RequestBody<'/v1/origins', 'put'>): Answer<'/v1/origins', 'put'> =>
        unwrap(raw.PUT('/v1/origins', { body })),
    },

    /**
     * Routes that act as a member of one workspace (webhooks live in a workspace): pass a session
     * token from `sessions.create` with the role the route needs (webhooks: admin or owner).
     */
    withSession: (token: string): ParleyMemberClient =>
      memberClient(rawClient(baseUrl, token, fetch)),
  }
}

/** What a member session reaches: the workspace's webhooks (admins and owners). */
function memberClient(raw: ParleyRawClient): { raw: ParleyRawClient; webhooks: ParleyWebhooks } {
  return {
    raw,
    webhooks: webhooksOf(raw),
  }
}

function webhooksOf(raw: ParleyRawClient) {
  return {
    list: (): Answer<'/v1/webhooks', 'get'> => unwrap(raw.GET('/v1/webhooks')),
    /** The answer holds the endpoint's `secret` (whsec_…), shown only here: store it. */
    create: (body: RequestBody<'/v1/webhooks', 'post'>): Answer<'/v1/webhooks', 'post'> =>
      unwrap(raw.POST('/v1/webhooks', { body })),
    delete: (id: string): Promise<void> =>
      unwrap(raw.DELETE('/v1/webhooks/{id}', { params: { path: { id } } })),
    deliveries: (
      id: string,
      query?: QueryParams<'/v1/webhooks/{id}/deliveries', 'get'>
    ): Answer<'/v1/webhooks/{id}/deliveries', 'get'> =>
      unwrap(raw.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id }, query } })),
    /** Sends a delivery again (the way to re-test an endpoint with a real event). */
    redeliver: (
      id: string,
      deliveryId: string
    ): Answer<'/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', 'post'> =>
      unwrap(
        raw.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { id, deliveryId } },
        })
      ),
  }
}

export type ParleyClient = ReturnType<typeof createParleyClient>
export type ParleyMemberClient = ReturnType<typeof memberClient>
export type ParleyWebhooks = ReturnType<typeof webhooksOf>
