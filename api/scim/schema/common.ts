import { attribute, complex, deepFreeze, string } from './define.js'
import type { SchemaAttribute } from './types.js'

const readOnly = { mutability: 'readOnly' } as const

/**
 * RFC 7643 §3.1 attributes of every resource. They belong to no schema, so /Schemas does not list them,
 * but paths and bodies name them.
 */
export const commonAttributes: readonly SchemaAttribute[] = deepFreeze([
  attribute('schemas', 'reference', 'The schema URIs the resource uses.', {
    ...readOnly,
    multiValued: true,
    required: true,
    caseExact: true,
    returned: 'always',
  }),
  string('id', 'The identifier the service provider gave the resource.', {
    ...readOnly,
    caseExact: true,
    returned: 'always',
    uniqueness: 'server',
  }),
  string('externalId', "The provisioning client's identifier of the resource.", { caseExact: true }),
  complex(
    'meta',
    'Resource metadata.',
    [
      string('resourceType', 'The name of the resource type.', { ...readOnly, caseExact: true }),
      attribute('created', 'dateTime', 'When the resource was added.', readOnly),
      attribute('lastModified', 'dateTime', 'When the resource was last changed.', readOnly),
      attribute('location', 'reference', 'The URI of the resource.', { ...readOnly, referenceTypes: ['uri'] }),
      string('version', 'The version (ETag) of the resource.', { ...readOnly, caseExact: true }),
    ],
    readOnly,
  ),
])
