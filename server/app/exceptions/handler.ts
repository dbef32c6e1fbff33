import app from '@adonisjs/core/services/app'
import { isRedisUnavailable } from '#services/redis_errors'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { ApiError, ERROR_STATUS, type ErrorCode, type ErrorDetail } from '#exceptions/api_error'
import { closeAfterAnswer } from '#services/uploads'

/**
 * The limiter's figures as headers: how many requests the window allows, how many are left and
 * when it resets (ISO 8601), and on a 429 how many seconds to wait.
 */
export function rateLimitHeaders(
  response: { limit: number; remaining: number; availableIn: number } | undefined,
  { refused = true } = {}
): Record<string, string> {
  const availableIn = response?.availableIn ?? 60
  return {
    ...(response
      ? {
          'X-RateLimit-Limit': String(response.limit),
          'X-RateLimit-Remaining': String(response.remaining),
          'X-RateLimit-Reset': new Date(Date.now() + availableIn * 1000).toISOString(),
        }
      : {}),
    ...(refused ? { 'Retry-After': String(availableIn) } : {}),
  }
}

interface Rendered {
  status: number
  code: ErrorCode
  message: string
  details?: ErrorDetail[]
  headers?: Record<string, string>
  data?: Record<string, unknown>
}

/**
 * Turns every error, from every route, into the contract's one shape with its status. Anything
 * not recognised becomes INTERNAL_ERROR with no stack, SQL or secret in the body.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = false

  async handle(error: unknown, ctx: HttpContext) {
    const rendered = this.toContract(error)
    ctx.response.header('X-Request-Id', ctx.request.id() ?? '')
    // A body still arriving is not read after an error (an upload refused by role or over its
    // limit): the connection closes after the answer instead of draining it.
    if (!ctx.request.request.complete) closeAfterAnswer(ctx)
    for (const [name, value] of Object.entries(rendered.headers ?? {})) {
      ctx.response.header(name, value)
    }
    ctx.response.status(rendered.status).json({
      error: {
        code: rendered.code,
        message: rendered.message,
        ...(rendered.details ? { details: rendered.details } : {}),
        ...rendered.data,
        requestId: ctx.request.id(),
      },
    })
  }

  async report(error: unknown, ctx: HttpContext) {
    const rendered = this.toContract(error)
    if (rendered.status >= 500) {
      ctx.logger.error({ err: error }, 'request failed')
    } else if (!app.inTest) {
      // The request's own line (request_context_middleware) already says the status.
      ctx.logger.debug({ code: rendered.code, status: rendered.status }, rendered.message)
    }
  }

  private toContract(error: unknown): Rendered {
    if (error instanceof ApiError) {
      return {
        status: error.status,
        code: error.errorCode,
        message: error.message,
        details: error.details,
        headers: error.headers,
        data: error.data,
      }
    }
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      const details = (error.messages as { field: string; message: string }[]).map((m) => ({
        field: m.field,
        message: m.message,
      }))
      return { status: 422, code: 'VALIDATION_ERROR', message: 'The request is invalid', details }
    }

    const err = error as { code?: string; status?: number; type?: string; response?: any }
    switch (err?.code) {
      case 'E_AUTHORIZATION_FAILURE':
        // A policy said no (Bouncer): its reason is the message.
        return {
          status: 403,
          code: 'AUTHORIZATION_ERROR',
          message:
            (error as { response?: { message?: string } }).response?.message ?? 'Not allowed',
        }
      case 'E_ROUTE_NOT_FOUND':
        return { status: 404, code: 'NOT_FOUND', message: 'No such route' }
      case 'E_ROW_NOT_FOUND':
        return { status: 404, code: 'NOT_FOUND', message: 'Resource not found' }
      case 'E_TOO_MANY_REQUESTS':
        return {
          status: 429,
          code: 'RATE_LIMITED',
          message: 'Too many requests; retry later',
          headers: rateLimitHeaders(err.response),
        }
      // PostgreSQL's unique and foreign-key violations: two requests wanting the same row, or
      // one pointing at a row that went away. Routes where that is a normal case handle it
      // themselves (web chat sessions, CSV import); anywhere else it is a conflict, not a 500.
      case '23505':
        return {
          status: 409,
          code: 'CONFLICT',
          message: 'This conflicts with an existing resource',
        }
      case '23503':
        return {
          status: 409,
          code: 'CONFLICT',
          message: 'This refers to a resource that does not exist or is still in use',
        }
    }
    // Redis is away (rate limits, tickets, presence, typing need it): retry shortly. Writes do
    // not: they commit to PostgreSQL and their effects wait in the outbox.
    if (isRedisUnavailable(error)) {
      return {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'A service this request needs is not answering; retry shortly',
        headers: { 'Retry-After': '5' },
      }
    }
    if (err?.type === 'entity.too.large' || err?.status === 413) {
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' }
    }
    if (
      error instanceof SyntaxError ||
      (err?.status === 400 && err?.type === 'entity.parse.failed')
    ) {
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' }
    }
    if (err?.status === 422 && (error as Error).message?.startsWith('Invalid JSON')) {
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body must be a JSON object' }
    }
    if (err?.status && err.status >= 400 && err.status < 500) {
      const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find(
        (c) => ERROR_STATUS[c] === err.status
      )
      return {
        status: err.status,
        code: code ?? 'BAD_REQUEST',
        message: 'The request could not be processed',
      }
    }
    return { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' }
  }
}
