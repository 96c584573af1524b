import type { Env, MiddlewareHandler } from 'hono'

const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * What is read and dropped of a chunked body past the limit before answering 413. A body left
 * half read on a kept-alive connection is taken for the next request (workerd), or the connection
 * is cut before the 413 goes out (Node). Past this, the stream is cancelled and the connection
 * goes with it.
 */
const DRAIN_BYTES = 8 * 1024 * 1024

/**
 * A request body up to `maxSize` bytes. Reads have no body to limit, and a body with a
 * Content-Length (which Node's parser holds the body to) is judged by that header, without reading
 * it. A chunked body is read here, counted as it comes (the handlers read it whole anyway); past
 * the limit, what is left is drained so that the client gets its 413 and the connection serves
 * the next request.
 */
export function limitBody<E extends Env>(options: { maxSize: number; onError: () => never }): MiddlewareHandler<E> {
  return async (c, next) => {
    if (BODILESS.has(c.req.method)) return next()
    const length = c.req.header('content-length')
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > options.maxSize ? options.onError() : next()
    }
    const body = c.req.raw.body
    if (!body) return next()
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > options.maxSize) {
        await drain(reader)
        return options.onError()
      }
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    let at = 0
    for (const chunk of chunks) {
      whole.set(chunk, at)
      at += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    for (let dropped = 0; dropped < DRAIN_BYTES; ) {
      const { done, value } = await reader.read()
      if (done) return
      dropped += value.byteLength
    }
    await reader.cancel()
  } catch {
    // The client went away: nothing is left to answer.
  }
}
