import type { AttributeType, SchemaAttribute, ScimSchema } from './types.js'

type Options = Partial<Omit<SchemaAttribute, 'name' | 'type' | 'description'>>

/** An attribute with the RFC 7643 §2.2 defaults written out, so that /Schemas can serve it as it is. */
export function attribute(name: string, type: AttributeType, description: string, options: Options = {}): SchemaAttribute {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  }
}

export const string = (name: string, description: string, options?: Options) =>
  attribute(name, 'string', description, options)

export const complex = (name: string, description: string, subAttributes: SchemaAttribute[], options: Options = {}) =>
  attribute(name, 'complex', description, { ...options, subAttributes })

interface MultiValuedOptions {
  valueType?: AttributeType
  valueDescription: string
  referenceTypes?: string[]
  typeValues?: string[]
}

/** The value/display/type/primary shape that RFC 7643 §2.4 gives most multi-valued attributes. */
export function multiValued(name: string, description: string, options: MultiValuedOptions): SchemaAttribute {
  const { valueType = 'string', valueDescription, referenceTypes, typeValues } = options
  return complex(
    name,
    description,
    [
      attribute('value', valueType, valueDescription, referenceTypes ? { referenceTypes } : {}),
      string('display', 'A human-readable name, primarily used for display purposes.'),
      string('type', "A label indicating the attribute's function.", typeValues ? { canonicalValues: typeValues } : {}),
      attribute('primary', 'boolean', "Whether this is the preferred value of the attribute; 'true' appears at most once."),
    ],
    { multiValued: true },
  )
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** Frozen, because the same objects are served by /Schemas and read by every PATCH. */
export const defineSchema = (schema: ScimSchema): ScimSchema => deepFreeze(schema)
