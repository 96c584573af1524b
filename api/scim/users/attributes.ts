import type { ProvisionedAttributes } from '../../core/memberships/provisioned.js'
import { invalidValue } from '../errors.js'

/** What a User body carries that is not kept in `memberships.scim`. */
const NOT_STORED = new Set(['id', 'meta', 'schemas', 'userName', 'externalId', 'active', 'password', 'groups'])

// An address invitations can be sent to: one @, a dot in the domain, and none of the characters
// that would make it a list of addresses or a display name in a mail header. Looser than the admin
// UI's rule on purpose: a directory's international addresses (müller@firma.de) are its own.
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/u
const isEmail = (value: string) => EMAIL.test(value)

// Every user's attributes come back in each page of the user list, the admin API's included: a
// provider cannot grow one user without bound (a body alone may be 1 MiB). What is stored already
// stays acceptable, so that a deactivation of a user stored before these bounds never fails on them.
export const MAX_VALUE_LENGTH = 4_096
export const MAX_ATTRIBUTES_BYTES = 32 * 1_024

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

function assertBounded(value: unknown, path: string, stored: unknown): void {
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH && value !== stored) {
    throw invalidValue(`${path} is ${value.length.toLocaleString('en')} characters long; a value is at most ${MAX_VALUE_LENGTH.toLocaleString('en')}.`)
  }
  if (Array.isArray(value)) value.forEach((item, i) => assertBounded(item, `${path}[${i}]`, Array.isArray(stored) ? stored[i] : undefined))
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) assertBounded(item, path ? `${path}.${key}` : key, isObject(stored) ? stored[key] : undefined)
  }
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length

export function toBoolean(value: unknown, attribute: string): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true'
  throw invalidValue(`${attribute} must be a boolean.`)
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(dropNulls)
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) result[k] = dropNulls(v)
    return result
  }
  return value
}

/**
 * A canonical User body as what the domain core keeps: nulls are absent, unknown keys already gone.
 * `stored`: what an update starts from, whose values pass the bounds as they are.
 */
export function provisionedAttributes(
  body: Record<string, unknown>,
  stored: { externalId: string | null; scim: Record<string, unknown> } = { externalId: null, scim: {} },
): ProvisionedAttributes {
  const clean = dropNulls(body) as Record<string, unknown>
  const userName = clean.userName
  if (typeof userName !== 'string' || !userName.trim()) throw invalidValue('userName is required.')
  if (userName.length > 300) throw invalidValue('userName is at most 300 characters.')
  const externalId = clean.externalId === undefined ? null : String(clean.externalId)
  const scim: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(clean)) if (!NOT_STORED.has(key)) scim[key] = value
  assertBounded({ externalId, ...scim }, '', { externalId: stored.externalId, ...stored.scim })
  const bytes = jsonBytes(scim)
  if (bytes > MAX_ATTRIBUTES_BYTES && bytes > jsonBytes(stored.scim)) {
    throw invalidValue(`The user's attributes take ${bytes.toLocaleString('en')} bytes of JSON; at most ${MAX_ATTRIBUTES_BYTES.toLocaleString('en')} are kept.`)
  }
  const name = scim.name as { givenName?: unknown; familyName?: unknown } | undefined
  return {
    userName: userName.trim(),
    externalId,
    scim,
    active: toBoolean(clean.active, 'active') ?? true,
    name: name ? { givenName: stringOr(name.givenName), familyName: stringOr(name.familyName) } : undefined,
  }
}

const stringOr = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** The address invitations go to: the primary email, the first one, or a userName that is an email. */
export function emailOf(attributes: ProvisionedAttributes): string {
  const emails = Array.isArray(attributes.scim.emails) ? (attributes.scim.emails as { value?: unknown; primary?: unknown }[]) : []
  const candidates = [
    ...emails.filter((e) => e.primary === true || e.primary === 'True' || e.primary === 'true'),
    ...emails,
  ].map((e) => e.value)
  const email = [...candidates, attributes.userName].find((v): v is string => typeof v === 'string' && isEmail(v.trim()))
  if (!email) throw invalidValue('An email address is required: in emails, or as a userName that is an email address.')
  return email.trim()
}

/** A first name (and a last name when there is one) even when the provider sends only a displayName or nothing. */
export function namesOf(attributes: ProvisionedAttributes, email: string) {
  const displayName = typeof attributes.scim.displayName === 'string' ? attributes.scim.displayName.trim() : ''
  const [first, ...rest] = displayName.split(/\s+/)
  const firstName = attributes.name?.givenName?.trim() || first || email.split('@')[0]!
  // No family name stays none: a made-up one would come back to the provider as if it had sent it.
  const lastName = attributes.name?.familyName?.trim() || rest.join(' ')
  return { firstName: firstName.slice(0, 100), lastName: lastName.slice(0, 100) }
}
