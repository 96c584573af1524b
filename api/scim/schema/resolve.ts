import { commonAttributes } from './common.js'
import { enterpriseUserSchema, managerAttribute } from './enterprise-user.js'
import { groupSchema } from './group.js'
import { isPlainObject, type JsonObject } from './json.js'
import type { SchemaAttribute, ScimResourceType, ScimSchema } from './types.js'
import { userSchema } from './user.js'

const RESOURCE_SCHEMAS: Record<ScimResourceType, readonly ScimSchema[]> = {
  User: [userSchema, enterpriseUserSchema],
  Group: [groupSchema],
}

// Schema URNs of SCIM 1.1 and of drafts of 2.0 that provider templates still carry (OneLogin's SCIM
// v2 connector ships `urn:scim:schemas:extension:enterprise:2.0`): read as the RFC 7643 schema they
// mean, longest first, so that `urn:scim:schemas:core:2.0:User:x` is not split after `2.0`.
const LEGACY_URNS: Record<ScimResourceType, readonly (readonly [string, ScimSchema])[]> = {
  User: [
    ['urn:scim:schemas:extension:enterprise:2.0:user', enterpriseUserSchema],
    ['urn:scim:schemas:extension:enterprise:2.0', enterpriseUserSchema],
    ['urn:scim:schemas:extension:enterprise:1.0', enterpriseUserSchema],
    ['urn:scim:schemas:core:2.0:user', userSchema],
    ['urn:scim:schemas:core:2.0', userSchema],
    ['urn:scim:schemas:core:1.0', userSchema],
  ],
  Group: [
    ['urn:scim:schemas:core:2.0:group', groupSchema],
    ['urn:scim:schemas:core:2.0', groupSchema],
    ['urn:scim:schemas:core:1.0', groupSchema],
  ],
}

// SCIM 1.1 names of sub-attributes, sent inside 2.0 bodies by the same templates: a manager's id
// as `managerId`.
const LEGACY_SUB_ATTRIBUTES = new Map<readonly SchemaAttribute[] | undefined, Readonly<Record<string, string>>>([
  [managerAttribute.subAttributes, { managerid: 'value' }],
])

/** The core schema first, then the extensions. */
export const schemasOf = (resource: ScimResourceType): readonly ScimSchema[] => RESOURCE_SCHEMAS[resource]

export const isExtension = (resource: ScimResourceType, schema: ScimSchema) => schema !== RESOURCE_SCHEMAS[resource][0]

/** A path resolved against the definitions. */
export interface ResolvedAttribute {
  /** Canonical path: `name.givenName`, or URN-qualified for an extension: `urn:…:User:manager.value`. */
  path: string
  /** The schema the attribute belongs to (the core schema for id, externalId, meta and schemas). */
  schema: ScimSchema
  /** Undefined when the path names a whole extension, e.g. `urn:…:enterprise:2.0:User`. */
  attribute?: SchemaAttribute
  subAttribute?: SchemaAttribute
}

export function findAttribute(attributes: readonly SchemaAttribute[] | undefined, name: string) {
  if (typeof name !== 'string') return undefined
  const lower = name.toLowerCase()
  const canonical = LEGACY_SUB_ATTRIBUTES.get(attributes)?.[lower] ?? lower
  return attributes?.find((a) => a.name.toLowerCase() === canonical)
}

/** The attributes a path in this schema may name: the core schema also holds the common ones. */
export const attributesOf = (resource: ScimResourceType, schema: ScimSchema): readonly SchemaAttribute[] =>
  isExtension(resource, schema) ? schema.attributes : [...schema.attributes, ...commonAttributes]

/**
 * Splits the schema URN off a path, case-insensitively: `rest` is what follows it ('' for the URN alone).
 * An unqualified path belongs to the core schema; an unknown URN gives undefined.
 */
export function splitSchema(resource: ScimResourceType, legacyOrRfcPath: string): { schema: ScimSchema; rest: string } | undefined {
  const path = rfcPath(resource, legacyOrRfcPath)
  const lower = path.toLowerCase()
  for (const schema of schemasOf(resource)) {
    const urn = schema.id.toLowerCase()
    if (lower === urn) return { schema, rest: '' }
    if (lower.startsWith(`${urn}:`)) return { schema, rest: path.slice(urn.length + 1) }
  }
  if (!lower.startsWith('urn:')) return { schema: schemasOf(resource)[0]!, rest: path }
  return undefined
}

/**
 * A path as RFC 7643 spells it: a legacy schema URN (LEGACY_URNS) replaced by the RFC one, and a
 * manager's `managerId` by `value`. For the parsers that resolve paths on their own: filters,
 * `sortBy`, `attributes` and `excludedAttributes`.
 */
export function rfcPath(resource: ScimResourceType, path: string): string {
  const trimmed = path.trim()
  const lower = trimmed.toLowerCase()
  if (!lower.startsWith('urn:scim:')) return path
  const legacy = LEGACY_URNS[resource].find(([urn]) => lower === urn || lower.startsWith(`${urn}:`))
  if (!legacy) return path
  const [urn, schema] = legacy
  const rest = trimmed.slice(urn.length + 1)
  return rest ? `${schema.id}:${withRfcSubAttribute(resource, schema, rest)}` : schema.id
}

/** `manager.managerId` as `manager.value`: LEGACY_SUB_ATTRIBUTES, for a path. */
function withRfcSubAttribute(resource: ScimResourceType, schema: ScimSchema, rest: string): string {
  const [name, sub, ...more] = rest.split('.')
  if (sub === undefined || more.length > 0) return rest
  const attribute = findAttribute(attributesOf(resource, schema), name!)
  const canonical = attribute && findAttribute(attribute.subAttributes, sub)
  return canonical ? `${name}.${canonical.name}` : rest
}

/** Resolves `attr`, `attr.sub`, optionally URN-qualified, in any case. No filters here. */
export function lookupAttribute(resource: ScimResourceType, path: string): ResolvedAttribute | undefined {
  const split = splitSchema(resource, path)
  if (!split) return undefined
  const { schema, rest } = split
  const extension = isExtension(resource, schema)
  if (rest === '') return extension ? { path: schema.id, schema } : undefined
  const prefix = extension ? `${schema.id}:` : ''
  const [attributeName, subName, ...more] = rest.split('.')
  if (more.length > 0) return undefined
  const attribute = findAttribute(attributesOf(resource, schema), attributeName!)
  if (!attribute) return undefined
  if (subName === undefined) return { path: prefix + attribute.name, schema, attribute }
  const subAttribute = findAttribute(attribute.subAttributes, subName)
  if (!subAttribute) return undefined
  return { path: `${prefix}${attribute.name}.${subAttribute.name}`, schema, attribute, subAttribute }
}

/** The canonical definition path of `path` (`NAME.GIVENNAME` → `name.givenName`), or undefined if unknown. */
export function resolveAttribute(resource: ScimResourceType, path: string): string | undefined {
  return lookupAttribute(resource, path.trim())?.path
}

/**
 * An incoming resource body with every key in canonical case, recursively; unknown keys are left out.
 * Values are untouched. Keys may be attribute paths (`name.givenName`, URN-qualified): they are nested.
 */
export function canonicalize(resource: ScimResourceType, json: unknown): JsonObject {
  const out: JsonObject = {}
  if (!isPlainObject(json)) return out
  for (const [key, value] of Object.entries(json)) {
    const resolved = lookupAttribute(resource, key.trim())
    if (!resolved) continue
    const definition = resolved.subAttribute ?? resolved.attribute
    const canonical = definition ? canonicalizeValue(definition, value) : canonicalizeObject(resolved.schema.attributes, value)
    const segments = [
      ...(isExtension(resource, resolved.schema) ? [resolved.schema.id] : []),
      ...(resolved.attribute ? [resolved.attribute.name] : []),
      ...(resolved.subAttribute ? [resolved.subAttribute.name] : []),
    ]
    place(out, segments, canonical)
  }
  return out
}

function canonicalizeValue(definition: SchemaAttribute, value: unknown): unknown {
  const subAttributes = definition.subAttributes
  if (!subAttributes) return value
  if (Array.isArray(value)) return definition.multiValued ? value.map((v) => canonicalizeObject(subAttributes, v)) : value
  return canonicalizeObject(subAttributes, value)
}

function canonicalizeObject(attributes: readonly SchemaAttribute[], value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    const attribute = findAttribute(attributes, key)
    if (attribute) place(out, [attribute.name], canonicalizeValue(attribute, child))
  }
  return out
}

/** Sets `value` at `segments`, merging objects that two spellings of the same key both produced. */
function place(target: JsonObject, segments: string[], value: unknown) {
  let node = target
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(node[segment])) node[segment] = {}
    node = node[segment] as JsonObject
  }
  const last = segments[segments.length - 1]!
  const existing = node[last]
  node[last] = isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value
}
