import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.js'
import type { AppEnv } from '../services.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence for cookie-authenticated requests, besides SameSite cookies: a browser always says
 * where a state-changing request comes from, and we refuse other sites. Clients without a browser
 * (curl) send no Origin and are not a CSRF vector.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const fetchSite = c.req.header('sec-fetch-site')
      const origin = c.req.header('origin')
      const allowed = new Set([new URL(c.get('services').config.appUrl).origin, new URL(c.req.url).origin])
      // "Origin: null" comes from privacy settings and sandboxed frames alike; only the browser's own
      // Sec-Fetch-Site (which pages cannot forge) can vouch that it is our page.
      const opaqueOrigin = origin === 'null' && fetchSite !== 'same-origin'
      if (fetchSite === 'cross-site' || (origin && origin !== 'null' && !allowed.has(origin)) || opaqueOrigin) {
        throw new ApiError('forbidden', 'Cross-site requests are not allowed.')
      }
    }
    await next()
  }
}
