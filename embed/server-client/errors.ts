import type { components } from './schema.js'

type ErrorBody = components['schemas']['Error']['error']

/** The contract's error codes (API.md "Errors"); v1 only adds, so unknown codes stay strings. */
export type ParleyErrorCode = ErrorBody['code'] | (string & {})

export interface ParleyErrorDetail {
  field: string
  message: string
}

/**
 * An answer other than 2xx, in the contract's one shape `{ error: { code, message, details?,
 * requestId? } }`. Extra members the server adds (a quota's feature, limit and resetsAt) are in
 * `data`. An answer that is not that shape (a proxy's HTML page) has code UNEXPECTED_RESPONSE.
 */
export class ParleyApiError extends Error {
  override name = 'ParleyApiError'
  readonly status: number
  readonly code: ParleyErrorCode
  readonly details: ParleyErrorDetail[]
  /** The server's X-Request-Id: quote it when asking for support. */
  readonly requestId: string | null
  /** Seconds the server asked to wait (429, 503), when it said so. */
  readonly retryAfter: number | null
  readonly data: Record<string, unknown>

  constructor(init: {
    status: number
    code: ParleyErrorCode
    message: string
    details?: ParleyErrorDetail[]
    requestId?: string | null
    retryAfter?: number | null
    data?: Record<string, unknown>
  }) {
    super(init.message)
    this.status = init.status
    this.code = init.code
    this.details = init.details ?? []
    this.requestId = init.requestId ?? null
    this.retryAfter = init.retryAfter ?? null
    this.data = init.data ?? {}
  }

  /** Builds the error from a failed response and its already-parsed body. */
  static from(response: Response, body: unknown) {
    const error = (body as { error?: Partial<ErrorBody> & Record<string, unknown> } | null)?.error
    const requestId = response.headers.get('x-request-id') || null
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'))
    if (!error || typeof error.code !== 'string') {
      return new ParleyApiError({
        status: response.status,
        code: 'UNEXPECTED_RESPONSE',
        message: `HTTP ${response.status} without the error shape`,
        requestId,
        retryAfter,
      })
    }
    const { code, message, details, requestId: bodyRequestId, ...data } = error
    return new ParleyApiError({
      status: response.status,
      code,
      message: String(message ?? code),
      details: Array.isArray(details) ? details : [],
      requestId: (bodyRequestId as string | undefined) ?? requestId,
      retryAfter,
      data,
    })
  }
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null): number | null {
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

export const isParleyApiError = (error: unknown): error is ParleyApiError =>
  error instanceof ParleyApiError
