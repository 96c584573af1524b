import { withAdminApp, type TestApp } from './app.js'
import type { Session } from './http.js'

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

/** Creates an API token through the admin REST API, as an administrator would on the page. */
export async function createToken(t: TestApp, admin: Session, body: Record<string, unknown> = {}) {
  const response = await admin.post(`/api/accounts/${t.acme.accountId}/api-tokens`, { name: `idp-${crypto.randomUUID().slice(0, 6)}`, ...body })
  if (response.status !== 201) throw new Error(`token: ${response.status} ${response.text}`)
  return response.body as { id: string; token: string; name: string; provisionGroupId: string }
}

export type CreatedToken = Awaited<ReturnType<typeof createToken>>

/**
 * Before the file's tests: an app, its signed-in administrator of Acme, a token made with `body`
 * and a SCIM client holding it, handed to `receive`; the app is closed after them.
 */
export function withScimToken(
  body: Record<string, unknown>,
  receive: (bed: { t: TestApp; admin: Session; token: CreatedToken; scim: ScimClient }) => void,
) {
  withAdminApp(async ({ t, admin }) => {
    const token = await createToken(t, admin, body)
    receive({ t, admin, token, scim: scimClient(t, token.token) })
  })
}

/** A SCIM client holding a bearer token, speaking application/scim+json unless told otherwise. */
export function scimClient(t: TestApp, token: string, base = '/scim/v2') {
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await t.http.send(method, `${base}${path}`, {
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...headers },
    })
    return response
  }
  return {
    send,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => send('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => send('PUT', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => send('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => send('DELETE', path, undefined, headers),
  }
}

export type ScimClient = ReturnType<typeof scimClient>

export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`
