import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedEmail {
  headers: IncomingHttpHeaders
  body: { from: string; to: string | string[]; subject: string; html: string; text: string }
}

/**
 * A stand-in for Resend's HTTP API on 127.0.0.1, for the real `resend` SDK. The test decides how
 * it answers (`respond`), and it keeps Resend's idempotency: a repeated key returns the first id.
 */
export async function startFakeResend() {
  const received: ReceivedEmail[] = []
  const byKey = new Map<string, string>()
  let respond: (email: ReceivedEmail) => { status: number; body: unknown } | undefined = () => undefined
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const email = { headers: req.headers, body: JSON.parse(raw || '{}') }
      const custom = respond(email)
      res.setHeader('content-type', 'application/json')
      if (custom) {
        res.statusCode = custom.status
        res.end(JSON.stringify(custom.body))
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
    answerWith(fn: typeof respond) {
      respond = fn
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
