import type { Env, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Hono's bodyLimit, without its cost where it is not needed. Asking a Node request for its body
 * builds a whole fetch Request (a quarter of a millisecond): reads have no body to limit, and a
 * body with a Content-Length (which Node's parser holds the body to) is judged by that header.
 * Only a chunked body is counted as it streams in.
 */
export function limitBody<E extends Env>(options: { maxSize: number; onError: () => never }): MiddlewareHandler<E> {
  const limit = bodyLimit({ maxSize: options.maxSize, onError: options.onError })
  return (c, next) => {
    if (BODILESS.has(c.req.method)) return next()
    const length = c.req.header('content-length')
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > options.maxSize ? options.onError() : next()
    }
    return limit(c, next)
  }
}
