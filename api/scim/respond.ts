import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ScimError } from './errors.js'
import { illFormedStringAt } from '../well-formed.js'
import type { ScimEnv } from './env.js'

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8'

export function scimJson(c: Context<ScimEnv>, body: unknown, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(body), status, { 'Content-Type': SCIM_CONTENT_TYPE })
}

/**
 * The ETag is a hash of what the resource is made of (its stored values as text), so any change,
 * even two within one millisecond, gives a new version, and an unchanged resource keeps its version.
 */
export function versionOf(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 0x01000193)
    h2 = Math.imul(h2 ^ code, 0x5bd1e995)
  }
  return `W/"${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}"`
}

/** If-Match: a client editing a stale version gets 412 instead of overwriting a newer one. */
export function checkIfMatch(c: Context<ScimEnv>, currentVersion: string) {
  const ifMatch = c.req.header('if-match')
  if (!ifMatch || ifMatch.trim() === '*') return
  const tags = ifMatch.split(',').map((t) => t.trim())
  if (!tags.includes(currentVersion)) throw new ScimError(412, 'The resource has changed since you read it (If-Match).')
}

/**
 * If-None-Match on a GET: a client holding the current version gets 304 and no body
 * (RFC 7644 §3.14, RFC 9110 §13.1.2; weak comparison, so W/ tags match).
 */
export function notModified(c: Context<ScimEnv>, currentVersion: string): Response | undefined {
  const header = c.req.header('if-none-match')
  if (!header) return undefined
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  const tags = header.split(',').map(opaque)
  if (!tags.includes('*') && !tags.includes(opaque(currentVersion))) return undefined
  c.header('ETag', currentVersion)
  return c.body(null, 304)
}

/** Reads a JSON body sent as application/scim+json or application/json. */
export async function readJson(c: Context<ScimEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? ''
  if (!/^\s*application\/(scim\+)?json\s*(;|$)/i.test(type)) {
    throw new ScimError(415, 'Send the body as application/scim+json or application/json.')
  }
  const text = await c.req.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax')
  }
  const at = illFormedStringAt(json)
  if (at) throw new ScimError(400, `${at.join('.') || 'The body'} holds a character that is not valid text (NUL, or half of a surrogate pair).`, 'invalidValue')
  return json
}

/**
 * The id in a resource's URL, as stored: a provider may send a uuid in capitals (RFC 4122 reads
 * them alike), and the core compares ids as text (a group that is the token's own, say).
 */
export function resourceId(c: Context<ScimEnv>): string {
  return c.req.param('id')!.toLowerCase()
}
