import { attribute, complex, defineSchema, string } from './define.js'
import { GROUP_SCHEMA } from './types.js'

const immutable = { mutability: 'immutable' } as const

export const groupSchema = defineSchema({
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    // §8.7.1 says required: false while its own description says REQUIRED; every group here has a name.
    // Names are unique per account regardless of case (a duplicate is 409 uniqueness), which §7 calls "server".
    string('displayName', 'A human-readable name for the Group.', { required: true, uniqueness: 'server' }),
    complex(
      'members',
      'The members of the Group.',
      [
        string('value', 'The identifier of the member.', immutable),
        attribute('$ref', 'reference', 'The URI of the member resource.', { ...immutable, referenceTypes: ['User', 'Group'] }),
        string('display', 'A human-readable name of the member.', { mutability: 'readOnly' }),
        string('type', "The type of the member: 'User' or 'Group'.", { ...immutable, canonicalValues: ['User', 'Group'] }),
      ],
      { multiValued: true },
    ),
  ],
})
