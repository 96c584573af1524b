import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, pgErrorCode } from './core/errors.js'
import type { AppEnv } from './services.js'

/** The one catalogue of REST error codes and their statuses. */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  mailbox_disabled: 404,
  method_not_allowed: 405,
  gone: 410,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof errorStatus

/** The REST error body: one shape for every failure. */
export interface ErrorBody {
  code: ErrorCode
  message: string
  errors?: Record<string, string>
  requestId: string
}

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(errorStatus[code], { message })
  }
}

function fromHttpException(error: HTTPException): { code: ErrorCode; message: string } {
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'bad_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    410: 'gone',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'rate_limited',
  }
  const code = byStatus[error.status] ?? 'bad_request'
  const message = error.status === 413 ? 'The request body is too large.' : error.message || 'The request is not valid.'
  return { code, message }
}

export function errorBody(c: Context<AppEnv>, error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  const requestId = c.get('requestId') ?? 'unknown'
  if (error instanceof ApiError) {
    return { status: errorStatus[error.code], body: { code: error.code, message: error.message, errors: error.fields, requestId } }
  }
  if (error instanceof DomainError) {
    return { status: errorStatus[error.code], body: { code: error.code, message: error.message, errors: error.fields, requestId } }
  }
  if (error instanceof HTTPException) {
    const { code, message } = fromHttpException(error)
    return { status: errorStatus[code], body: { code, message, requestId } }
  }
  // Invalid text for a typed column and the like: the client's input, not our bug.
  if (pgErrorCode(error)?.startsWith('22')) {
    return { status: 400, body: { code: 'bad_request', message: 'A value in the request is not valid.', requestId } }
  }
  return { status: 500, body: { code: 'internal_error', message: 'Something went wrong on our side. Quote the request id when you report it.', requestId } }
}

/** The one error handler: every failure leaves as an ErrorBody; only true bugs are 500 and logged. */
export function onError(error: Error, c: Context<AppEnv>) {
  const { status, body } = errorBody(c, error)
  if (status >= 500) {
    const log = c.get('services')?.log
    ;(log?.error ?? console.error)('unhandled error', { requestId: body.requestId, error: String(error?.stack ?? error) })
  }
  return c.json(body, status)
}
