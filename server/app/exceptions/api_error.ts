import { Exception } from '@adonisjs/core/exceptions'

/** The error codes of the public contract (API.md), with their HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  AUTHENTICATION_ERROR: 401,
  QUOTA_EXCEEDED: 402,
  AUTHORIZATION_ERROR: 403,
  /** The tenant is suspended: its widgets are unavailable, its console reads only. */
  TENANT_SUSPENDED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  PROVIDER_NOT_CONFIGURED: 424,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface ErrorDetail {
  field: string
  message: string
}

/** An error a client is meant to see, rendered in the contract's one error shape. */
export class ApiError extends Exception {
  constructor(
    public errorCode: ErrorCode,
    message: string,
    public details?: ErrorDetail[],
    public headers: Record<string, string> = {},
    /** Extra members of the error object (e.g. a quota's feature, limit and resetsAt). */
    public data?: Record<string, unknown>
  ) {
    super(message, { status: ERROR_STATUS[errorCode], code: `E_PARLEY_${errorCode}` })
  }

  static unauthenticated(message = 'Authentication required') {
    return new ApiError('AUTHENTICATION_ERROR', message)
  }

  static forbidden(message = 'Not allowed') {
    return new ApiError('AUTHORIZATION_ERROR', message)
  }

  /**
   * A suspended tenant's widget or console write. Neutral words: widgets show them to end users,
   * who must learn neither the platform's name nor why.
   */
  static tenantSuspended(message = 'This service is unavailable', data?: Record<string, unknown>) {
    return new ApiError('TENANT_SUSPENDED', message, undefined, {}, data)
  }

  /** Also for another tenant's or workspace's ids: never reveal that they exist. */
  static notFound(what = 'Resource') {
    return new ApiError('NOT_FOUND', `${what} not found`)
  }

  static validation(details: ErrorDetail[], message = 'The request is invalid') {
    return new ApiError('VALIDATION_ERROR', message, details)
  }
}
