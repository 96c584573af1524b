import { ENTERPRISE_SCHEMA, USER_SCHEMA, scimBaseUrl } from '../env.js'
import { isPlainObject } from '../schema/index.js'
import type { ScimUserRow } from './store.js'
import { fullName } from '../../core/people.js'

/**
 * A membership as a SCIM User: the provider's own attributes as it last set them, and, for
 * members added in the admin UI, the person's name, email and phone.
 */
export function toScimUser(row: ScimUserRow, appUrl: string) {
  const stored = row.scim
  const base = scimBaseUrl(appUrl)
  // Anything but an object where the name belongs (stored before validation) counts as no name.
  const name = isPlainObject(stored.name) ? stored.name : {
    ...(row.firstName ? { givenName: row.firstName } : {}),
    ...(row.lastName ? { familyName: row.lastName } : {}),
    formatted: fullName(row),
  }
  const { name: _name, emails, phoneNumbers, displayName, ...rest } = stored
  const resource = {
    schemas: stored[ENTERPRISE_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName ?? row.email,
    name,
    displayName: displayName ?? fullName(row),
    // A stored empty list is the provider's "none" (its entries' values were removed): it hides
    // the person's own email or phone, which show only where the provider stored nothing.
    ...shownList('emails', emails, [{ value: row.email, type: 'work', primary: true }]),
    ...shownList('phoneNumbers', phoneNumbers, row.phone ? [{ value: row.phone, type: 'work' }] : undefined),
    ...rest,
    active: row.state !== 'blocked',
    groups: row.groups.map((g) => ({ value: g.value, display: g.display, $ref: `${base}/Groups/${g.value}` })),
    meta: {
      resourceType: 'User',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${base}/Users/${row.id}`,
      version: row.version,
    },
  }
  return resource
}

/**
 * The lists the view takes from the person where the provider stored none. A stored empty list is
 * the provider's "none": it hides the person's own (and GET shows it as nothing).
 */
export const LISTS_FROM_PERSON: ReadonlySet<string> = new Set(['emails', 'phoneNumbers'])

function shownList(key: 'emails' | 'phoneNumbers', stored: unknown, fromPerson: unknown[] | undefined) {
  const list = stored ?? fromPerson
  return list === undefined || (Array.isArray(list) && list.length === 0) ? {} : { [key]: list }
}
