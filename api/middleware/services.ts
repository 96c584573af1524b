import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv, Services } from '../services.js'

export type ServicesProvider = Services | ((c: Context<AppEnv>) => Services)

/** Makes the request's services available as `c.get('services')`. */
export function services(provider: ServicesProvider): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('services', typeof provider === 'function' ? provider(c) : provider)
    await next()
  }
}
