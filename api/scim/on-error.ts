import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { AlreadyTakenError, DomainError, pgErrorCode } from '../core/errors.js'
import { ScimError } from './errors.js'
import type { ScimEnv } from './env.js'
import { SCIM_CONTENT_TYPE } from './respond.js'

/** Every SCIM failure leaves as an RFC 7644 error body, with `status` as a string. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error
  if (error instanceof DomainError) {
    switch (error.code) {
      case 'not_found':
      case 'gone':
        return new ScimError(404, error.message)
      case 'conflict':
        return new ScimError(409, error.message, error instanceof AlreadyTakenError ? 'uniqueness' : undefined)
      case 'validation_failed':
        return new ScimError(400, error.message, 'invalidValue')
      case 'invalid_state':
      case 'forbidden':
        return new ScimError(400, error.message, 'mutability')
      case 'rate_limited':
        return new ScimError(429, error.message)
      default:
        return new ScimError(400, error.message)
    }
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) return new ScimError(413, 'The request body is too large.')
    return new ScimError(error.status, error.message || 'The request is not valid.', error.status === 400 ? 'invalidSyntax' : undefined)
  }
  if (pgErrorCode(error)?.startsWith('22')) return new ScimError(400, 'A value in the request is not valid.', 'invalidValue')
  return new ScimError(500, 'Something went wrong on our side.')
}

export function onScimError(error: Error, c: Context<ScimEnv>) {
  const scim = toScimError(error)
  if (scim.status >= 500 && scim.status !== 501) c.get('services')?.log.error('SCIM request failed', { requestId: c.get('requestId'), error: String(error?.stack ?? error) })
  c.set('scimSummary', scim.detail)
  return c.body(JSON.stringify(scim.body()), scim.status as 400, { 'Content-Type': SCIM_CONTENT_TYPE })
}
