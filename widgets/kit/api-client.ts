import { ParleyApiError, ParleyNetworkError, type ErrorCode } from './errors.js'

export interface ApiClientOptions {
  /** Origin (and optional path) of the Parley server, e.g. https://widgets.reseller.com */
  baseUrl: string
  /** The host page's callback: returns a fresh session token minted by the host's backend. */
  session: () => Promise<string>
  /** Refresh this many seconds before the token expires (default 60). */
  refreshMarginSeconds?: number
  /** Attempts for retryable failures (network, 429, 502–504), default 4. */
  maxAttempts?: number
  fetch?: typeof fetch
  /** Waits between retries; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | undefined>
  /** Makes a POST safe to retry: the server drops duplicates with the same key. */
  idempotencyKey?: string
  signal?: AbortSignal
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504])

/** Seconds since the epoch at which a session token expires, read from its payload. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1]
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const exp = JSON.parse(json).exp
    return typeof exp === 'number' ? exp : null
  } catch {
    return null
  }
}

/**
 * The widgets' client of the Parley API. It asks the host for a session token when it has none,
 * refreshes it before it expires (and once more if the server says it expired), retries network
 * failures and 429/5xx answers with jittered exponential backoff (POSTs only with an idempotency
 * key), and turns error answers into typed `ParleyApiError`s.
 */
export class ApiClient {
  #token?: string
  #expiresAt = 0
  #pending?: Promise<string>
  readonly #options: Required<Omit<ApiClientOptions, 'fetch' | 'sleep'>> &
    Pick<ApiClientOptions, 'fetch' | 'sleep'>

  constructor(options: ApiClientOptions) {
    this.#options = { refreshMarginSeconds: 60, maxAttempts: 4, ...options }
  }

  get baseUrl() {
    return this.#options.baseUrl
  }

  /** A valid session token, asking the host for a new one when the current one is about to expire. */
  async token(force = false): Promise<string> {
    const now = Date.now() / 1000
    if (!force && this.#token && now < this.#expiresAt - this.#options.refreshMarginSeconds)
      return this.#token
    // Concurrent callers share one refresh. Whatever way the host's callback fails (it throws, its
    // own fetch fails, it returns nothing), the widget has no session: one code, one message.
    this.#pending ??= Promise.resolve()
      .then(() => this.#options.session())
      .catch((error: unknown) => {
        if (error instanceof ParleyApiError && error.code === 'TENANT_SUSPENDED') throw error
        throw new ParleyApiError(
          'AUTHENTICATION_ERROR',
          `The session callback failed: ${(error as Error)?.message ?? String(error)}`,
          401
        )
      })
      .then((token) => {
        if (typeof token !== 'string' || !token)
          throw new ParleyApiError(
            'AUTHENTICATION_ERROR',
            'The session callback returned no token',
            401
          )
        this.#token = token
        this.#expiresAt = tokenExpiry(token) ?? now + 300
        return token
      })
      .finally(() => (this.#pending = undefined))
    return this.#pending
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET'
    const retrySafe = method !== 'POST' || Boolean(options.idempotencyKey)
    const url = new URL(path, this.#options.baseUrl)
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    let refreshed = false
    for (let attempt = 1; ; attempt++) {
      const token = await this.token()
      let response: Response
      try {
        response = await (this.#options.fetch ?? fetch)(url, {
          method,
          signal: options.signal,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        })
      } catch (error) {
        if (options.signal?.aborted) throw error
        if (retrySafe && attempt < this.#options.maxAttempts) {
          await this.#wait(attempt)
          continue
        }
        throw new ParleyNetworkError((error as Error).message)
      }

      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T
      const error = await this.#toError(response)
      if (error.code === 'AUTHENTICATION_ERROR' && !refreshed) {
        refreshed = true
        await this.token(true)
        continue
      }
      if (
        retrySafe &&
        RETRYABLE_STATUS.has(response.status) &&
        attempt < this.#options.maxAttempts
      ) {
        const retryAfter = Number(response.headers.get('retry-after'))
        await this.#wait(
          attempt,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined
        )
        continue
      }
      throw error
    }
  }

  async #toError(response: Response): Promise<ParleyApiError> {
    const body = (await response.json().catch(() => null)) as {
      error?: {
        code: ErrorCode
        message: string
        details?: { field: string; message: string }[]
        requestId?: string
      }
    } | null
    const e = body?.error
    return new ParleyApiError(
      e?.code ?? (response.status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
      e?.message ?? response.statusText,
      response.status,
      e?.details ?? [],
      e?.requestId ?? response.headers.get('x-request-id') ?? undefined
    )
  }

  /** Exponential backoff with full jitter: up to 250 ms, 500 ms, 1 s… capped at 8 s. */
  #wait(attempt: number, atLeast = 0) {
    const ms = Math.max(atLeast, Math.random() * Math.min(8000, 250 * 2 ** (attempt - 1)))
    return (this.#options.sleep ?? ((t) => new Promise((r) => setTimeout(r, t))))(ms)
  }
}
