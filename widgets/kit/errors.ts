/** The contract's error codes (docs/api.md), as the widgets see them. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'AUTHENTICATION_ERROR'
  | 'AUTHORIZATION_ERROR'
  | 'TENANT_SUSPENDED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'VALIDATION_ERROR'
  | 'QUOTA_EXCEEDED'
  | 'PROVIDER_NOT_CONFIGURED'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE'

/** An error answer of the Parley API, with its code, field details and request id. */
export class ParleyApiError extends Error {
  constructor(
    public code: ErrorCode,
    message: string,
    public status: number,
    public details: { field: string; message: string }[] = [],
    public requestId?: string
  ) {
    super(message)
    this.name = 'ParleyApiError'
  }
}

/** The server could not be reached (offline, DNS, CORS refusal, a dropped connection). */
export class ParleyNetworkError extends Error {
  code = 'NETWORK' as const
  constructor(message = 'Network request failed') {
    super(message)
    this.name = 'ParleyNetworkError'
  }
}

/** What any thrown value says, read the way the API's errors are shaped (a code, or `UNKNOWN`). */
export function describeError(error: unknown) {
  const e: Partial<ParleyApiError> | undefined =
    typeof error === 'object' && error !== null ? error : undefined
  return {
    code: e?.code ?? 'UNKNOWN',
    message: e?.message ?? '',
    requestId: e?.requestId,
    details: e?.details ?? [],
  }
}
