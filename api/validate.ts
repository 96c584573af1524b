import { zValidator } from '@hono/zod-validator'
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import type { z } from 'zod'
import { ApiError } from './errors.js'
import { illFormedStringAt } from './well-formed.js'

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;|$)/i

/**
 * zValidator whose failures become our validation error, with one message per field. A JSON body
 * sent under another media type is a 415: Hono would read it as `{}`, and an update would then
 * answer 200 having changed nothing, or a create complain about fields that were sent.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result) => {
    if (result.success) {
      const at = illFormedStringAt(result.data)
      if (at) {
        const key = at.length ? at.join('.') : '_'
        throw new ApiError('validation_failed', `${key}: Contains a character that is not valid text.`, { [key]: 'Contains a character that is not valid text.' })
      }
      return
    }
    const fields: Record<string, string> = {}
    for (const issue of result.error.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_'
      fields[key] ??= issue.message
    }
    const first = Object.entries(fields)[0]
    const message = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : 'The request is not valid.'
    throw new ApiError('validation_failed', message, fields)
  })
  if (target !== 'json') return validator
  const jsonOnly: MiddlewareHandler = async (c, next) => {
    if (!JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new ApiError('unsupported_media_type', 'Send the body as JSON, with content-type: application/json.')
    }
    return validator(c, next)
  }
  return jsonOnly as typeof validator
}
