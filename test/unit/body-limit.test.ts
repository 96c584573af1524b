import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { limitBody } from '../../api/middleware/body-limit.js'

function app() {
  const hono = new Hono()
  hono.use(
    limitBody({
      maxSize: 10,
      onError: () => {
        throw new HTTPException(413, { message: 'too large' })
      },
    }),
  )
  hono.all('/', async (c) => c.text(`read ${(await c.req.text()).length}`))
  return hono
}

/** A body without a Content-Length: it arrives chunked and is counted as it streams. */
function streamed(text: string) {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4) controller.enqueue(bytes.slice(i, i + 4))
      controller.close()
    },
  })
}

describe('limitBody', () => {
  it('judges a body by its Content-Length', async () => {
    expect((await app().request('/', { method: 'POST', body: '12345', headers: { 'content-length': '5' } })).status).toBe(200)
    expect((await app().request('/', { method: 'POST', body: 'x'.repeat(11), headers: { 'content-length': '11' } })).status).toBe(413)
  })

  it('counts a chunked body as it streams in', async () => {
    const small = await app().request('/', { method: 'POST', body: streamed('1234567'), duplex: 'half' } as RequestInit)
    expect(await small.text()).toBe('read 7')
    const large = await app().request('/', { method: 'PUT', body: streamed('x'.repeat(40)), duplex: 'half' } as RequestInit)
    expect(large.status).toBe(413)
  })

  it('reads what is left of a chunked body over the limit before the 413, for the connection to serve the next request', async () => {
    let pulled = 0
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 10) return controller.close()
        controller.enqueue(new Uint8Array(8))
      },
      cancel: () => void (cancelled = true),
    })
    const answer = await app().request('/', { method: 'POST', body, duplex: 'half' } as RequestInit)
    expect(answer.status).toBe(413)
    expect(pulled).toBe(11) // every chunk, and the end
    expect(cancelled).toBe(false)
  })

  it('cancels a chunked body that goes on past what is worth draining', async () => {
    let sent = 0
    let cancelled = false
    const chunk = new Uint8Array(64 * 1024)
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => void ((sent += chunk.byteLength), controller.enqueue(chunk)),
      cancel: () => void (cancelled = true),
    })
    const answer = await app().request('/', { method: 'POST', body: endless, duplex: 'half' } as RequestInit)
    expect(answer.status).toBe(413)
    expect(cancelled).toBe(true)
    expect(sent).toBeLessThan(10 * 1024 * 1024)
  })

  it('lets reads through untouched', async () => {
    expect((await app().request('/', { method: 'GET' })).status).toBe(200)
  })
})
