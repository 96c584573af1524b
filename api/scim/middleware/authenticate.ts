import type { Context, MiddlewareHandler } from 'hono'
import { authenticateApiToken, type AuthenticatedToken } from '../../core/api-tokens.js'
import { ScimError } from '../errors.js'
import type { ScimEnv } from '../env.js'

/**
 * Bearer-token authentication. Every failure (no header, wrong scheme, unknown or revoked token)
 * gets the same answer, so a caller learns nothing about which tokens exist.
 */
export function authenticate(options: { requestsPerSecond: number }): MiddlewareHandler<ScimEnv> {
  if (!(options.requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive')
  return async (c, next) => {
    const found = await presentedToken(c)
    if (!found || 'revoked' in found) {
      // The same answer for every bad token; a revoked one is still logged in its account, so
      // administrators see an identity provider that kept the old token.
      if (found) c.set('revokedToken', found.revoked)
      c.header('WWW-Authenticate', 'Bearer realm="SCIM"')
      throw new ScimError(401, 'Authentication failed: send a valid bearer token.')
    }
    c.set('token', found.live)
    refuseOverLimit(c, found.live, options.requestsPerSecond)
    await next()
  }
}

/** The token the request's bearer header holds (live or revoked; counted for the rate limit), or null. */
export async function presentedToken(c: Context<ScimEnv>) {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
  const { db, clock } = c.get('services')
  return bearer ? authenticateApiToken(db, bearer, clock.now()) : null
}

/** 429 with Retry-After for a token past its requests a second (counted in the database, across isolates). */
export function refuseOverLimit(c: Context<ScimEnv>, token: AuthenticatedToken, requestsPerSecond: number) {
  if (token.requestsThisSecond <= requestsPerSecond) return
  c.header('Retry-After', '1')
  throw new ScimError(429, `More than ${requestsPerSecond} requests a second with this token; retry after a second.`)
}
