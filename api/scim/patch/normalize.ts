import { ScimError, invalidPath, invalidSyntax, invalidValue, mutability, noTarget } from '../errors.js'
import { isPlainObject, type JsonObject, type ResolvedAttribute, type ScimResourceType } from '../schema/index.js'
import { describePath, parsePath, pathText } from './path.js'
import { MAX_OPERATIONS, PATCH_OP_SCHEMA, type ParsedPath, type PatchOp, type PatchOperation } from './types.js'
import { coerceValue } from './values.js'

export { matchesValueFilter } from './value-filter.js'

const OPS = new Set<string>(['add', 'replace', 'remove'])
const REPEATED_AS_READ = new Set(['schemas', 'meta'])

/** A member of a JSON object by name, in any case (RFC 7643 §2.1). */
function member(object: JsonObject, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name]
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : object[key]
}

/**
 * A PATCH body (RFC 7644 §3.5.2) as Entra ID and Okta send it, turned into canonical operations:
 * one per attribute, each with a parsed path and a value of the attribute's type.
 */
export function normalizePatch(body: unknown, resource: ScimResourceType): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax('The PATCH body must be a JSON object.')
  const schemas = member(body, 'schemas')
  const isPatchOp = (s: unknown) => typeof s === 'string' && s.trim().toLowerCase() === PATCH_OP_SCHEMA.toLowerCase()
  // Left out, as POST and PUT may leave it out: a body that names other schemas is another message.
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.some(isPatchOp))) throw invalidSyntax(`schemas must contain ${PATCH_OP_SCHEMA}.`)
  const operations = member(body, 'Operations')
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax('Operations must be a non-empty array.')
  if (operations.length > MAX_OPERATIONS) throw invalidSyntax(`A PATCH has at most ${MAX_OPERATIONS} operations.`)
  return operations.flatMap((raw, index) => {
    try {
      return readOperation(resource, raw)
    } catch (error) {
      if (error instanceof ScimError) throw new ScimError(error.status, `Operations[${index}]: ${error.detail}`, error.scimType)
      throw error
    }
  })
}

function readOperation(resource: ScimResourceType, raw: unknown): PatchOperation[] {
  if (!isPlainObject(raw)) throw invalidSyntax('An operation must be an object.')
  const name = member(raw, 'op')
  const op = typeof name === 'string' ? name.trim().toLowerCase() : undefined
  if (!op || !OPS.has(op)) throw invalidSyntax('op must be "add", "replace" or "remove".')
  const text = member(raw, 'path')
  const value = member(raw, 'value')
  if (text !== undefined && text !== null && typeof text !== 'string') throw invalidPath('path must be a string.')
  if (typeof text === 'string' && text.trim() !== '') {
    // RFC 7644 §3.5.2.1 and .3: add and replace carry a value. Without one, a client's slip would
    // empty the target (a replace of members with no value removes every member); null is sent on purpose.
    if (op !== 'remove' && value === undefined) throw invalidValue(`${op === 'add' ? 'An add' : 'A replace'} operation needs a value (null to clear ${text.trim()}).`)
    return normalizeTarget(resource, op as PatchOp, parsePath(resource, text), value, text.trim(), false)
  }
  return expandPathless(resource, op as PatchOp, value)
}

/**
 * Re-checks one operation, normalized or built by hand: `applyUserPatch` and `planGroupPatch` run
 * every operation through it, so that they never trust their input. Normalized operations come back unchanged.
 */
export function normalizeOperation(resource: ScimResourceType, operation: PatchOperation): PatchOperation[] {
  if (!isPlainObject(operation) || !OPS.has(operation.op)) throw invalidSyntax('op must be "add", "replace" or "remove".')
  if (operation.path === undefined) return expandPathless(resource, operation.op, operation.value)
  if (!isPlainObject(operation.path)) throw invalidPath('path must be a parsed path.')
  const text = typeof operation.path.attribute === 'string' ? pathText(operation.path) : '?'
  return normalizeTarget(resource, operation.op, describable(resource, operation.path), operation.value, text, true)
}

const describable = (resource: ScimResourceType, path: ParsedPath) => (describePath(resource, path) ? path : undefined)

/**
 * A path-less add or replace: each key of the value is an attribute path (`name.givenName`,
 * `urn:…:enterprise:2.0:User:employeeNumber`, `emails[type eq "work"].value`, `active`), one operation each.
 */
function expandPathless(resource: ScimResourceType, op: PatchOp, value: unknown, prefix?: string): PatchOperation[] {
  if (op === 'remove') throw noTarget('A remove operation needs a path.')
  if (!isPlainObject(value)) {
    throw invalidValue(prefix ? `${prefix} must be an object of its attributes.` : 'An operation without path needs an object value whose keys are attributes.')
  }
  return Object.entries(value).flatMap(([key, child]) => {
    // Inside an extension object keys are plain names: a nested URN is malformed, so nesting cannot recurse.
    const text = prefix ? `${prefix}:${key.trim()}` : key
    const path = parsePath(resource, text)
    // A client PATCHing back what it read repeats schemas and meta: ignored, as PUT ignores them (RFC 7644 §3.5.1).
    if (!prefix && path && REPEATED_AS_READ.has(path.attribute)) return []
    return normalizeTarget(resource, op, path, child, text.trim(), true)
  })
}

function normalizeTarget(
  resource: ScimResourceType,
  op: PatchOp,
  path: ParsedPath | undefined,
  value: unknown,
  text: string,
  fromValueKey: boolean,
): PatchOperation[] {
  const target = path && describePath(resource, path)
  // An attribute this server does not know is ignored by add and replace; so is the remove of one
  // in a schema it does not know (an Entra mapping of a custom extension attribute, removed once
  // the source is cleared, must not fail on every retry). A core name it does not know is a typo.
  if (!path || !target) {
    if (op === 'remove' && !text.includes(':')) throw invalidPath(`Unknown attribute: ${text}`)
    return []
  }
  const { attribute, subAttribute } = target
  if (path.filter && !(attribute?.multiValued && attribute.subAttributes)) throw invalidPath(`${text} takes no filter.`)
  if (!attribute) {
    const whole = { attribute: target.path }
    if (op === 'remove') return [{ op, path: whole }]
    if (value === null || value === undefined) return op === 'replace' ? [{ op, path: whole }] : []
    return expandPathless(resource, op, value, target.schema.id)
  }
  if (isId(target)) {
    // Okta repeats the group's id in a path-less rename: the caller, who knows the id, compares it.
    if (!fromValueKey || op === 'remove' || subAttribute) throw mutability('id is readOnly.')
    return [{ op, path: { attribute: 'id' }, value }]
  }
  assertWritable(target)
  const canonical = canonicalPath(target, path)
  const definition = subAttribute ?? attribute
  if (op === 'remove') {
    const removal = definition.multiValued && !path.filter && value != null ? coerceValue(definition, value, target.path) : undefined
    return [removal === undefined ? { op, path: canonical } : { op, path: canonical, value: removal }]
  }
  const coerced = coerceValue(definition, value, target.path, Boolean(path.filter && !subAttribute))
  if (coerced === undefined) {
    // Only a manager given as "" or { value: "" } comes back undefined from a non-null value: that clears it, whatever the op.
    const unassign = op === 'replace' || (value !== null && value !== undefined)
    return unassign ? [{ op: 'replace', path: canonical }] : []
  }
  return [{ op, path: canonical, value: coerced }]
}

/** The path in canonical case, for operations built by hand (parsePath's are already). */
function canonicalPath(target: ResolvedAttribute, path: ParsedPath): ParsedPath {
  const sub = target.subAttribute
  const attribute = sub ? target.path.slice(0, -(sub.name.length + 1)) : target.path
  return { attribute, ...(path.filter ? { filter: path.filter } : {}), ...(sub ? { subAttribute: sub.name } : {}) }
}

const isId = (target: ResolvedAttribute) => target.attribute?.name === 'id' && !target.path.startsWith('urn:')

function assertWritable({ path, attribute, subAttribute }: ResolvedAttribute) {
  for (const definition of [attribute, subAttribute]) {
    if (definition?.mutability === 'readOnly' || definition?.mutability === 'immutable') {
      throw mutability(`${path} is ${definition.mutability}.`)
    }
  }
}

/** For the `id` operations normalizePatch lets through: only the resource's own id may be repeated. */
export function assertSameId(value: unknown, resourceId: string | undefined) {
  if (typeof value === 'string' && resourceId !== undefined && value.trim().toLowerCase() === resourceId.toLowerCase()) return
  throw mutability('id is readOnly: a value may only repeat the resource id.')
}
