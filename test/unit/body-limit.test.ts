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

  it('lets reads through untouched', async () => {
    expect((await app().request('/', { method: 'GET' })).status).toBe(200)
  })
})
