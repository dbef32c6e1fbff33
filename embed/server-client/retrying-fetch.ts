import { retryAfterSeconds } from './errors.js'

/** Methods that may be sent twice with the same effect (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

export interface RetryOptions {
  /** Further attempts after the first (default 2). 0 turns retries off. */
  maxRetries?: number
  /** The longest wait the client accepts; a longer Retry-After is returned to you (default 30 s). */
  maxDelayMs?: number
  /** The first backoff when the server names no Retry-After, doubled each time (default 500 ms). */
  baseDelayMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Wraps fetch so an idempotent request answered 429 or 5xx, or lost on the network, is sent
 * again: after the server's Retry-After when it gives one, else an exponential backoff with
 * jitter. POST and PATCH are never repeated (a lost answer may hide a done write).
 */
export function retryingFetch(
  fetchImpl: (request: Request) => Promise<Response>,
  { maxRetries = 2, maxDelayMs = 30_000, baseDelayMs = 500 }: RetryOptions = {}
) {
  return async (request: Request): Promise<Response> => {
    if (!IDEMPOTENT.has(request.method) || maxRetries <= 0) return fetchImpl(request)
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries
      let response: Response
      try {
        // A clone per attempt: a Request's body can be read once.
        response = await fetchImpl(last ? request : request.clone())
      } catch (error) {
        if (last || request.signal.aborted) throw error
        await sleep(backoff(attempt, baseDelayMs))
        continue
      }
      if (last || !(response.status === 429 || response.status >= 500)) return response
      const asked = retryAfterSeconds(response.headers.get('retry-after'))
      const delay = asked === null ? backoff(attempt, baseDelayMs) : asked * 1000
      if (delay > maxDelayMs) return response
      await response.body?.cancel()
      await sleep(delay)
    }
  }
}

const backoff = (attempt: number, base: number) => base * 2 ** attempt * (0.5 + Math.random() / 2)
