import http from 'node:http'
import { check } from './runner.js'

export interface ScimResponse {
  status: number
  body: any
}

/**
 * A SCIM client over keep-alive HTTP/1.1 (node:http, one socket per request in flight): light on
 * the load generator's CPU, which shares the machine with the server and PostgreSQL.
 */
export function scimHttp(options: { port: number; token?: string; concurrency: number; prefix?: string }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency })
  const prefix = options.prefix ?? '/scim/v2'
  const authorization = options.token ? { authorization: `Bearer ${options.token}` } : {}

  function send(method: string, path: string, body?: unknown): Promise<ScimResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const headers: http.OutgoingHttpHeaders = { ...authorization, accept: 'application/scim+json' }
    if (payload) {
      headers['content-type'] = 'application/scim+json'
      headers['content-length'] = payload.length
    }
    return new Promise((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: options.port, method, path: `${prefix}${path}`, agent, headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let parsed: unknown = text
          try {
            parsed = text ? JSON.parse(text) : undefined
          } catch {
            // left as text; the status check reports it
          }
          resolve({ status: response.statusCode ?? 0, body: parsed })
        })
      })
      request.on('error', reject)
      request.end(payload)
    })
  }

  /** Sends and insists on the expected status; anything else stops the benchmark. */
  async function expect(status: number, method: string, path: string, body?: unknown): Promise<any> {
    const response = await send(method, path, body)
    check(response.status === status, () => `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`)
    return response.body
  }

  return { send, expect, close: () => agent.destroy() }
}

export type ScimHttp = ReturnType<typeof scimHttp>

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

export const filterPath = (userName: string) => `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`

/** A POST /Users body as Microsoft Entra ID sends it. */
export function entraUser(i: number, userName: string) {
  const given = `Given${i}`
  const family = `Family${i}`
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    externalId: crypto.randomUUID(),
    userName,
    active: true,
    displayName: `${given} ${family}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
    [ENTERPRISE_SCHEMA]: { department: `Department ${i % 50}` },
  }
}

export const deactivation = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }
