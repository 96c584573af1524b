import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedEmail {
  headers: IncomingHttpHeaders
  body: { from: string; to: string | string[]; subject: string; html: string; text: string }
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> } | { hang: true } | { delayMs: number } | undefined

/**
 * A stand-in for Resend's HTTP API on 127.0.0.1, for the real `resend` SDK. The test decides how
 * it answers (`answerWith`: a status, a delay, or a hang), and it keeps Resend's idempotency: a
 * repeated key returns the first id and makes no second message.
 */
export async function startFakeResend() {
  /** One entry per message really sent (first request of each idempotency key that succeeded). */
  const received: ReceivedEmail[] = []
  /** Every request that reached the server, successful or not. */
  const requests: ReceivedEmail[] = []
  const byKey = new Map<string, string>()
  let respond: (email: ReceivedEmail) => Answer = () => undefined
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', async () => {
      const email = { headers: req.headers, body: JSON.parse(raw || '{}') }
      requests.push(email)
      const answer = respond(email)
      res.setHeader('content-type', 'application/json')
      if (answer && 'hang' in answer) return // never answers; the client must time out
      if (answer && 'delayMs' in answer) await new Promise((r) => setTimeout(r, answer.delayMs))
      if (answer && 'status' in answer) {
        res.statusCode = answer.status
        for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v)
        res.end(JSON.stringify(answer.body))
        return
      }
      const key = String(req.headers['idempotency-key'] ?? '')
      const existing = key ? byKey.get(key) : undefined
      const id = existing ?? crypto.randomUUID()
      if (!existing) {
        received.push(email)
        if (key) byKey.set(key, id)
      }
      res.end(JSON.stringify({ id }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    requests,
    idFor: (key: string) => byKey.get(key),
    answerWith(fn: typeof respond) {
      respond = fn
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export const serverError = { status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'down' } }
