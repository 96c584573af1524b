import { attribute, complex, defineSchema, string } from './define.js'
import { ENTERPRISE_USER_SCHEMA } from './types.js'

export const managerAttribute = complex(
  'manager',
  "The User's manager, referencing the id of another User.",
  [
    string('value', "The id of the manager's User resource."),
    attribute('$ref', 'reference', "The URI of the manager's User resource.", { referenceTypes: ['User'] }),
    string('displayName', "The manager's displayName.", { mutability: 'readOnly' }),
  ],
)

export const enterpriseUserSchema = defineSchema({
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    string('employeeNumber', 'A numeric or alphanumeric identifier assigned to the person, e.g. by order of hire.'),
    string('costCenter', 'The name of a cost center.'),
    string('organization', 'The name of an organization.'),
    string('division', 'The name of a division.'),
    string('department', 'The name of a department.'),
    managerAttribute,
  ],
})
