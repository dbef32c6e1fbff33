/**
 * The console's calls to Parley's API, first-party: the session cookie goes along
 * (`credentials: 'same-origin'`) and every unsafe request echoes the `XSRF-TOKEN` cookie in an
 * `X-XSRF-TOKEN` header (Shield's CSRF convention, API.md "Console").
 */

export interface ProblemDetail {
  field?: string
  message: string
}

/** An answer other than 2xx, with the API's error shape when it sent one. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ProblemDetail[] = [],
    readonly retryAfter?: number,
    /** The whole answer, for members beyond the error shape (sign-in's `totpRequired`). */
    readonly body?: Record<string, unknown>
  ) {
    super(message)
  }
}

/** Dispatched on window when an API call answers 401 while signed in. */
export const SESSION_ENDED = 'console-session-ended'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The XSRF-TOKEN cookie's value (URL-decoded), if the server set one. */
export function xsrfToken(cookies = document.cookie): string | undefined {
  for (const pair of cookies.split(/;\s*/)) {
    const [name, ...rest] = pair.split('=')
    if (name === 'XSRF-TOKEN') return decodeURIComponent(rest.join('='))
  }
  return undefined
}

/** A JSON request to the API; resolves to the body (undefined for 204), rejects with ConsoleApiError. */
export async function consoleFetch<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {}
): Promise<T> {
  const method = init.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  const token = UNSAFE.has(method) ? xsrfToken() : undefined
  if (token) headers['x-xsrf-token'] = token
  let response: Response
  try {
    // window.fetch at call time: the theme preview routes its own fake origin and passes the rest on.
    response = await window.fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ConsoleApiError(0, 'NETWORK', 'network error')
  }
  if (response.status === 204) return undefined as T
  const body = await response.json().catch(() => undefined)
  // A session that ended (expired, revoked elsewhere) while the console was open: the app
  // listens and goes back to sign-in. Sign-in's own 401s and the first "who am I" are answers,
  // not an ending.
  if (response.status === 401 && !/^\/v1\/(console|admin)\/(sessions|me|invitations)/.test(path))
    window.dispatchEvent(new Event(SESSION_ENDED))
  if (!response.ok) {
    const error = (
      body as { error?: { code?: string; message?: string; details?: ProblemDetail[] } }
    )?.error
    const retryAfter = Number(response.headers.get('retry-after')) || undefined
    throw new ConsoleApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.details ?? [],
      retryAfter,
      body as Record<string, unknown> | undefined
    )
  }
  return body as T
}

/** GET /v1/console/me: who is signed in (shape per console-auth; read defensively). */
export interface ConsoleMe {
  user: { id: string; email: string; name?: string | null; role: string }
  tenant?: { id: string; name: string }
}

export interface SignIn {
  email: string
  password: string
  code?: string
  recoveryCode?: string
  /** Only when the email has console accounts in several tenants (the server answers 409). */
  tenantId?: string
}

/** The sign-in answers the form acts on. */
export type SignInOutcome =
  | { kind: 'signedIn'; me?: ConsoleMe; totpSetupRequired?: boolean }
  | { kind: 'totpRequired' }
  | { kind: 'chooseTenant'; tenantIds: string[] }

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/**
 * POST /v1/console/sessions. A code due (or wrong) is a 401 carrying `totpRequired: true` (a 200
 * with it is taken the same way); one email in several tenants is a 409 naming them in the
 * `tenantId` detail. Other refusals reject with ConsoleApiError.
 */
async function signIn(body: SignIn, prefix = '/v1/console'): Promise<SignInOutcome> {
  try {
    const answer = await consoleFetch<
      (Partial<ConsoleMe> & { totpRequired?: boolean; totpSetupRequired?: boolean }) | undefined
    >(`${prefix}/sessions`, { method: 'POST', body })
    if (answer?.totpRequired) return { kind: 'totpRequired' }
    return {
      kind: 'signedIn',
      me: answer?.user ? (answer as ConsoleMe) : undefined,
      totpSetupRequired: answer?.totpSetupRequired,
    }
  } catch (error) {
    if (error instanceof ConsoleApiError && error.status === 401 && error.body?.totpRequired)
      return { kind: 'totpRequired' }
    if (error instanceof ConsoleApiError && error.status === 409) {
      const detail = error.details.find((d) => d.field === 'tenantId')
      const tenantIds = detail?.message.match(UUID) ?? []
      if (tenantIds.length) return { kind: 'chooseTenant', tenantIds }
    }
    throw error
  }
}

/**
 * Signing in and out under an API prefix: `/v1/console` for the console, `/v1/admin` for the
 * platform admin (the same session routes and answers, API.md).
 */
export function sessionApi(prefix: string) {
  return {
    me: () => consoleFetch<ConsoleMe>(`${prefix}/me`),
    signIn: (body: SignIn) => signIn(body, prefix),
    signOut: () => consoleFetch<void>(`${prefix}/sessions`, { method: 'DELETE' }),
  }
}
export type SessionApi = ReturnType<typeof sessionApi>

export const consoleApi = {
  ...sessionApi('/v1/console'),
  /** POST /v1/console/invitations/:token/accept: creates the user (does not sign in). */
  acceptInvitation: (token: string, body: { name: string; password: string }) =>
    consoleFetch<{ user: ConsoleMe['user'] }>(
      `/v1/console/invitations/${encodeURIComponent(token)}/accept`,
      { method: 'POST', body }
    ),
  theme: () => consoleFetch<{ theme: { tokens: Record<string, unknown> } }>('/v1/theme'),
  publishTheme: (tokens: unknown) =>
    consoleFetch<{ theme: { tokens: Record<string, unknown> }; warnings?: ProblemDetail[] }>(
      '/v1/theme',
      { method: 'PUT', body: { tokens } }
    ),
}
