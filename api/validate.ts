import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { ApiError } from './errors.js'

/** zValidator whose failures become our validation error, with one message per field. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (result.success) return
    const fields: Record<string, string> = {}
    for (const issue of result.error.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_'
      fields[key] ??= issue.message
    }
    const first = Object.entries(fields)[0]
    const message = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : 'The request is not valid.'
    throw new ApiError('validation_failed', message, fields)
  })
}
