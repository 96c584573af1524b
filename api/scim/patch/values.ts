import { invalidValue } from '../errors.js'
import { findAttribute, isPlainObject, managerAttribute, type JsonObject, type SchemaAttribute } from '../schema/index.js'

const managerValue = findAttribute(managerAttribute.subAttributes, 'value')!

/**
 * A value checked against its definition and made canonical: keys in canonical case (unknown and
 * readOnly sub-attributes dropped), `"True"`/`"false"` as booleans, nulls gone (undefined = absent).
 * `element` asks for one entry of a multi-valued attribute. Idempotent.
 */
export function coerceValue(definition: SchemaAttribute, value: unknown, where: string, element = false): unknown {
  if (value === null || value === undefined) return undefined
  if (definition === managerAttribute) return coerceManager(value, where)
  if (definition === managerValue && value === '') return undefined
  if (definition.multiValued && !element) {
    const items = Array.isArray(value) ? value : definition.type === 'complex' && isPlainObject(value) ? [value] : undefined
    if (!items) throw invalidValue(`${where} must be an array.`)
    // Entries left without their value are dropped once the whole patch is applied (apply-user.ts).
    return items.map((item) => coerceValue(definition, item, `${where}[]`, true)).filter((item) => item !== undefined)
  }
  if (definition.type === 'complex') return coerceComplex(definition, value, where)
  return coerceScalar(definition, value, where)
}

function coerceComplex(definition: SchemaAttribute, value: unknown, where: string): JsonObject {
  if (!isPlainObject(value)) throw invalidValue(`${where} must be an object.`)
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    const sub = findAttribute(definition.subAttributes, key)
    if (!sub || sub.mutability === 'readOnly') continue
    const coerced = coerceValue(sub, child, `${where}.${sub.name}`)
    if (coerced !== undefined) out[sub.name] = coerced
  }
  return out
}

function coerceScalar(definition: SchemaAttribute, value: unknown, where: string): unknown {
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value
      // Entra sends "True" and "False".
      if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) return value.trim().toLowerCase() === 'true'
      throw invalidValue(`${where} must be a boolean.`)
    case 'integer':
      if (Number.isInteger(value)) return value
      throw invalidValue(`${where} must be an integer.`)
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value
      throw invalidValue(`${where} must be a number.`)
    default:
      if (typeof value === 'string') return value
      throw invalidValue(`${where} must be a string.`)
  }
}

/**
 * Entra sends `{ value: id }` or a bare id, and clears with `""` or `{ value: "" }`; SCIM 1.1
 * templates send `{ managerId: id }`. We keep `{ value: id }`.
 */
function coerceManager(value: unknown, where: string): { value: string } | undefined {
  if (typeof value === 'string') return value === '' ? undefined : { value }
  if (!isPlainObject(value)) throw invalidValue(`${where} must be an object with a value, or the manager's id.`)
  const key = Object.keys(value).find((k) => findAttribute(managerAttribute.subAttributes, k) === managerValue)
  const id = key === undefined ? undefined : value[key]
  if (id === undefined || id === null || id === '') return undefined
  if (typeof id !== 'string') throw invalidValue(`${where}.value must be a string.`)
  return { value: id }
}
