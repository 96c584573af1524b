import type { MiddlewareHandler } from 'hono'
import { authenticateApiToken } from '../../core/api-tokens.js'
import { ScimError } from '../errors.js'
import type { ScimEnv } from '../env.js'

/**
 * Bearer-token authentication. Every failure (no header, wrong scheme, unknown or revoked token)
 * gets the same answer, so a caller learns nothing about which tokens exist.
 */
export function authenticate(options: { requestsPerSecond: number }): MiddlewareHandler<ScimEnv> {
  if (!(options.requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive')
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    const { db, clock } = c.get('services')
    const found = match ? await authenticateApiToken(db, match[1]!, clock.now()) : null
    if (!found || 'revoked' in found) {
      // The same answer for every bad token; a revoked one is still logged in its account, so
      // administrators see an identity provider that kept the old token.
      if (found) c.set('revokedToken', found.revoked)
      c.header('WWW-Authenticate', 'Bearer realm="SCIM"')
      throw new ScimError(401, 'Authentication failed: send a valid bearer token.')
    }
    const token = found.live
    c.set('token', token)
    if (token.requestsThisSecond > options.requestsPerSecond) {
      c.header('Retry-After', '1')
      throw new ScimError(429, `More than ${options.requestsPerSecond} requests a second with this token; retry after a second.`)
    }
    await next()
  }
}
