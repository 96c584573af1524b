import { invalidValue } from '../errors.js'
import {
  ENTERPRISE_USER_SCHEMA,
  isExtension,
  isPlainObject,
  managerAttribute,
  type JsonObject,
  type SchemaAttribute,
  type ScimUserBody,
  userSchema,
} from '../schema/index.js'
import { LISTS_FROM_PERSON } from '../users/representation.js'
import { patchMultiValued } from './multi-valued.js'
import { assertSameId, normalizeOperation } from './normalize.js'
import { describePath } from './path.js'
import type { PatchOperation } from './types.js'

/**
 * Applies PATCH operations, in order, to a canonical User body (no id or meta). Pure: returns a new
 * body and never changes `user`, so a PATCH that fails half-way leaves nothing behind.
 * `userId` lets a path-less value repeat the user's own id (any other id is a mutability error).
 * A password is never stored in the body: read it with `patchedPassword`.
 */
export function applyUserPatch(user: ScimUserBody, ops: readonly PatchOperation[], userId?: string): ScimUserBody {
  const body = structuredClone(user) as JsonObject
  delete body.password
  for (const operation of ops) {
    for (const op of normalizeOperation('User', operation)) applyOperation(body, op, userId)
  }
  dropEntriesWithoutValue(body)
  listExtension(body)
  return body as ScimUserBody
}

// An entry without its value (RFC 7643 §2.4: the significant sub-attribute), or with an empty one,
// is no entry at all, however it was written: a filtered path can leave {"type": "work"} behind as well as a whole array.
// An address has no value: one with nothing but its type (Entra's null-valued work address) is none.
const MULTI_VALUED = userSchema.attributes.filter((attribute) => attribute.multiValued && attribute.type === 'complex')
const DESCRIBING = new Set(['type', 'primary', 'display'])
// An empty or blank string is Entra's way of clearing a value, as much as null is.
const hasContent = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
function isEntry(attribute: SchemaAttribute, entry: unknown): boolean {
  if (!isPlainObject(entry)) return true
  if (attribute.subAttributes?.some((sub) => sub.name === 'value')) return hasContent(entry.value)
  return Object.entries(entry).some(([key, value]) => !DESCRIBING.has(key) && hasContent(value))
}
function dropEntriesWithoutValue(body: JsonObject) {
  for (const attribute of MULTI_VALUED) {
    const { name } = attribute
    const entries = body[name]
    if (!Array.isArray(entries)) continue
    const kept = entries.filter((entry) => isEntry(attribute, entry))
    if (kept.length === entries.length) continue
    // Emptied, emails and phone numbers stay as an empty list: the provider says "none", which
    // must also hide what the view would otherwise take from the person (users/representation.ts).
    // Any other emptied list is simply gone.
    if (kept.length || LISTS_FROM_PERSON.has(name)) body[name] = kept
    else delete body[name]
  }
}

/** The password the operations set (the last one), null if they remove it, undefined if they leave it. */
export function patchedPassword(ops: readonly PatchOperation[]): string | null | undefined {
  let password: string | null | undefined
  for (const operation of ops) {
    for (const op of normalizeOperation('User', operation)) {
      if (op.path?.attribute !== 'password') continue
      password = typeof op.value === 'string' ? op.value : null
    }
  }
  return password
}

function applyOperation(body: JsonObject, op: PatchOperation, userId: string | undefined) {
  const target = describePath('User', op.path!)!
  const { attribute, schema } = target
  // Only a remove (or a replace with null) of the whole extension gets here: the rest is expanded.
  if (!attribute) return void delete body[schema.id]
  const extension = isExtension('User', schema)
  if (!extension && attribute.name === 'id') return assertSameId(op.value, userId)
  if (!extension && attribute.name === 'password') return
  if (extension && !isPlainObject(body[schema.id])) body[schema.id] = {}
  const holder = extension ? (body[schema.id] as JsonObject) : body
  if (attribute.multiValued) {
    const existed = Array.isArray(holder[attribute.name])
    const entries = patchMultiValued(holder[attribute.name], attribute, op)
    // Emptied or sent empty, emails and phone numbers stay an empty list (the provider's "none",
    // as in dropEntriesWithoutValue); removing a list that was never there leaves none.
    const saysNone = existed || op.value !== undefined
    if (!extension && LISTS_FROM_PERSON.has(attribute.name) && entries.length === 0 && saysNone) holder[attribute.name] = []
    else setOrDelete(holder, attribute.name, entries)
  } else patchSingle(holder, attribute, op)
  if (extension && Object.keys(holder).length === 0) delete body[schema.id]
}

function setOrDelete(holder: JsonObject, key: string, value: unknown) {
  const empty = value === undefined || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0)
  if (empty) delete holder[key]
  else holder[key] = value
}

function patchSingle(holder: JsonObject, attribute: SchemaAttribute, { path, value }: PatchOperation) {
  const sub = path!.subAttribute
  const current = isPlainObject(holder[attribute.name]) ? (holder[attribute.name] as JsonObject) : {}
  if (value === undefined) {
    if (sub) {
      const { [sub]: _removed, ...rest } = current
      setOrDelete(holder, attribute.name, managerAttribute === attribute ? onlyManagerId(rest) : rest)
      return
    }
    if (attribute.required) throw invalidValue(`${attribute.name} is required and cannot be removed.`)
    delete holder[attribute.name]
    return
  }
  if (attribute.required && value === '') throw invalidValue(`${attribute.name} cannot be empty.`)
  const copy = structuredClone(value)
  // RFC 7644 §3.5.2.3: replacing a complex attribute sets the given sub-attributes and keeps the others.
  let next: unknown = sub ? { ...current, [sub]: copy } : attribute.type === 'complex' ? { ...current, ...(copy as JsonObject) } : copy
  if (attribute === managerAttribute) next = onlyManagerId(next as JsonObject)
  setOrDelete(holder, attribute.name, next)
}

/** A manager is stored as `{ value: id }` and nothing else; without an id there is no manager. */
function onlyManagerId(manager: JsonObject): JsonObject | undefined {
  return typeof manager.value === 'string' && manager.value !== '' ? { value: manager.value } : undefined
}

/** Keeps a `schemas` list, when the body has one, in step with the enterprise extension. */
function listExtension(body: JsonObject) {
  if (!Array.isArray(body.schemas)) return
  const isEnterprise = (s: unknown) => typeof s === 'string' && s.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase()
  const present = isPlainObject(body[ENTERPRISE_USER_SCHEMA])
  if (body.schemas.some(isEnterprise) === present) return
  body.schemas = present ? [...body.schemas, ENTERPRISE_USER_SCHEMA] : body.schemas.filter((s) => !isEnterprise(s))
}
