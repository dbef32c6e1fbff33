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
    readonly retryAfter?: number
  ) {
    super(message)
  }
}

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
      retryAfter
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
}

export const consoleApi = {
  me: () => consoleFetch<ConsoleMe>('/v1/console/me'),
  /** 201 signed in; 200 { totpRequired: true } when a code is due; 401 / 429 as errors. */
  signIn: (body: SignIn) =>
    consoleFetch<{ totpRequired?: boolean } | ConsoleMe | undefined>('/v1/console/sessions', {
      method: 'POST',
      body,
    }),
  signOut: () => consoleFetch<void>('/v1/console/sessions', { method: 'DELETE' }),
  theme: () => consoleFetch<{ theme: { tokens: Record<string, unknown> } }>('/v1/theme'),
  publishTheme: (tokens: unknown) =>
    consoleFetch<{ theme: { tokens: Record<string, unknown> }; warnings?: ProblemDetail[] }>(
      '/v1/theme',
      { method: 'PUT', body: { tokens } }
    ),
}
