import { sql, type SQL } from 'drizzle-orm'
import { groupMembers, groups, memberships, people } from '../../../drizzle/schema.js'
import { invalidFilter } from '../errors.js'
import { compileAnyElement, jsonKey, type ScalarAttribute } from './comparison.js'
import { memberDetails } from '../../core/member-details.js'
import { groupLastModified } from '../groups/store.js'

export type AttributeType = 'string' | 'boolean' | 'dateTime' | 'id'
export type FilterAttribute =
  // `unique`: no two rows the filter runs over share a value (an index of the database, as it compares)
  // `trimmed`: stored without surrounding spaces, so `eq` and `ne` compare the value trimmed too
  | { kind: 'scalar'; type: AttributeType; sql: SQL; caseExact?: boolean; unique?: boolean; trimmed?: boolean }
  // a multi-valued complex attribute stored as a jsonb array; sub-attributes are keys of each element
  | { kind: 'multi'; elements: SQL; subAttributes: Record<string, { type: AttributeType; caseExact?: boolean }> }
  // anything else (e.g. group members stored as rows): you compile it
  | { kind: 'custom'; compile: (op: string, value: unknown, subAttribute: string | undefined) => SQL }
/** Keys are lower-cased paths without the core schema URN; sub-attribute keys keep their JSON spelling. */
export type AttributeMap = Record<string /* lower-cased path without the core schema URN */, FilterAttribute>

export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

type Scalar = Extract<FilterAttribute, { kind: 'scalar' }>
const text = (expr: SQL, caseExact = false): Scalar => ({ kind: 'scalar', type: 'string', sql: expr, caseExact })
const dateTime = (expr: SQL): Scalar => ({ kind: 'scalar', type: 'dateTime', sql: expr })
const id = (expr: SQL): Scalar => ({ kind: 'scalar', type: 'id', sql: expr })

const scim = sql`${memberships.scim}`
const scimString = (key: string) => sql`(${scim} ->> ${jsonKey(key)})`
const nameString = (key: string) => sql`(${scim} -> 'name' ->> ${jsonKey(key)})`
// What users/representation.ts shows: the provider's name object whole when it sent one, else
// the person's name; the provider's displayName, else the person's name.
const personName = sql`trim(${memberDetails.firstName} || ' ' || ${memberDetails.lastName})`
const nameOrPerson = (key: string, person: SQL) =>
  sql`(case when jsonb_typeof(${scim} -> 'name') = 'object' then ${nameString(key)} else ${person} end)`
const enterprise = sql`(${scim} -> ${jsonKey(ENTERPRISE_USER)})`
const enterpriseString = (key: string) => sql`(${enterprise} ->> ${jsonKey(key)})`
// Entra sends the manager as {"value": id} or as a bare string.
const managerValue = sql`coalesce(${enterprise} -> 'manager' ->> 'value',
  case when jsonb_typeof(${enterprise} -> 'manager') = 'string' then ${enterprise} ->> 'manager' end)`

const plural = { value: { type: 'string' }, display: { type: 'string' }, type: { type: 'string' }, primary: { type: 'boolean' } } as const
const scimArray = (key: string, subAttributes: Record<string, { type: AttributeType; caseExact?: boolean }>): FilterAttribute => ({
  kind: 'multi',
  elements: sql`(${scim} -> ${jsonKey(key)})`,
  subAttributes,
})
/** The stored array, or (when the identity provider never sent one, or sent null) what the person row implies. */
const scimArrayOr = (key: string, fallback: SQL): SQL =>
  sql`(case when jsonb_typeof(${scim} -> ${jsonKey(key)}) = 'array' then ${scim} -> ${jsonKey(key)} else ${fallback} end)`

/** A sub-attribute of related rows: the rows `from` reaches, and what it compares in them. */
interface Related {
  from: (condition: SQL) => SQL
  element: ScalarAttribute
}

/** Rows related to the filtered row (a user's groups, a group's members), with any-element semantics. */
function relatedRows(name: string, subAttributes: Record<string /* lower-cased */, Related>): FilterAttribute {
  return {
    kind: 'custom',
    compile(op, value, subAttribute) {
      const key = (subAttribute ?? 'value').toLowerCase()
      if (!Object.hasOwn(subAttributes, key)) throw invalidFilter(`Unknown attribute "${name}.${subAttribute}" in the filter`)
      const { from, element } = subAttributes[key]!
      return compileAnyElement((condition?: SQL) => from(condition ?? sql`true`), `${name}.${key}`, element, op, value)
    },
  }
}

/** Shown, but computed when the resource is read: RFC 7644 §3.4.2.2 lets a server refuse to filter on it. */
const notFilterable = (name: string, instead: string): FilterAttribute => ({
  kind: 'custom',
  compile() {
    throw invalidFilter(`Filtering on ${name} is not supported: ${instead}`)
  },
})
const metaNotFilterable = {
  'meta.version': notFilterable('meta.version', 'send it in If-None-Match or If-Match on the resource instead'),
  'meta.location': notFilterable('meta.location', 'filter on id instead'),
}

// A user's groups. Their display is the group's name (users/store.ts), stored trimmed and unique regardless of case.
const userGroups = (join: SQL) => (condition: SQL) =>
  sql`exists (select 1 from ${groupMembers} gm ${join} where gm.membership_id = "memberships"."id" and ${condition})`

/** Users are `memberships inner join people`; the caller restricts them to live memberships of one account. */
export const userFilterAttributes: AttributeMap = {
  id: { ...id(sql`${memberships.id}`), unique: true },
  // memberships_user_name_per_account: lower(user_name), among an account's live memberships.
  username: { ...text(sql`${memberships.userName}`), unique: true, trimmed: true },
  externalid: text(sql`${memberships.externalId}`, true),
  active: { kind: 'scalar', type: 'boolean', sql: sql`(${memberships.state} <> 'blocked')` },
  // An empty name part is shown as absent (users/representation.ts), so it filters as absent.
  // The complex attribute itself: only `pr` (RFC 7644 §3.4.2.2), true when a part is not empty; a
  // name taken from the person always has its formatted part.
  name: {
    kind: 'custom',
    compile(op, _value, subAttribute) {
      if (subAttribute !== undefined) throw invalidFilter(`Unknown attribute "name.${subAttribute}" in the filter`)
      if (op !== 'pr') throw invalidFilter('name is a complex attribute: compare one of its parts, as in name.familyName eq "x", or test it with pr')
      return sql`(case when jsonb_typeof(${scim} -> 'name') = 'object'
        then exists (select 1 from jsonb_each_text(${scim} -> 'name') as part where part.value <> '') else true end)`
    },
  },
  'name.givenname': text(nameOrPerson('givenName', sql`nullif(${memberDetails.firstName}, '')`)),
  'name.familyname': text(nameOrPerson('familyName', sql`nullif(${memberDetails.lastName}, '')`)),
  'name.formatted': text(nameOrPerson('formatted', personName)),
  'name.middlename': text(nameString('middleName')),
  'name.honorificprefix': text(nameString('honorificPrefix')),
  'name.honorificsuffix': text(nameString('honorificSuffix')),
  displayname: text(sql`coalesce(${scimString('displayName')}, ${personName})`),
  nickname: text(scimString('nickName')),
  profileurl: text(scimString('profileUrl'), true),
  title: text(scimString('title')),
  usertype: text(scimString('userType')),
  preferredlanguage: text(scimString('preferredLanguage')),
  locale: text(scimString('locale')),
  timezone: text(scimString('timezone')),
  emails: {
    kind: 'multi',
    elements: scimArrayOr('emails', sql`jsonb_build_array(jsonb_build_object('value', ${people.email}, 'type', 'work', 'primary', true))`),
    subAttributes: plural,
  },
  phonenumbers: {
    kind: 'multi',
    elements: scimArrayOr(
      'phoneNumbers',
      sql`(case when ${memberDetails.phone} is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object('value', ${memberDetails.phone}, 'type', 'work')) end)`,
    ),
    subAttributes: plural,
  },
  ims: scimArray('ims', plural),
  photos: scimArray('photos', { ...plural, value: { type: 'string', caseExact: true } }),
  roles: scimArray('roles', plural),
  entitlements: scimArray('entitlements', plural),
  // RFC 7643 §4.1.2: the certificate is base64 DER, whose letters' case matters.
  x509certificates: scimArray('x509Certificates', { ...plural, value: { type: 'string', caseExact: true } }),
  addresses: scimArray('addresses', {
    formatted: { type: 'string' },
    streetAddress: { type: 'string' },
    locality: { type: 'string' },
    region: { type: 'string' },
    postalCode: { type: 'string' },
    country: { type: 'string' },
    type: { type: 'string' },
    primary: { type: 'boolean' },
  }),
  groups: relatedRows('groups', {
    value: { from: userGroups(sql``), element: id(sql`gm.group_id`) },
    display: { from: userGroups(sql`join ${groups} g on g.id = gm.group_id`), element: { ...text(sql`g.name`), trimmed: true } },
  }),
  'meta.created': dateTime(sql`${memberships.createdAt}`),
  'meta.lastmodified': dateTime(sql`${memberships.updatedAt}`),
  'meta.resourcetype': text(sql`'User'::text`),
  ...metaNotFilterable,
  ...Object.fromEntries(
    ['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((key) => [
      `${ENTERPRISE_USER}:${key}`.toLowerCase(),
      text(enterpriseString(key)),
    ]),
  ),
  [`${ENTERPRISE_USER}:manager`.toLowerCase()]: text(managerValue),
  [`${ENTERPRISE_USER}:manager.value`.toLowerCase()]: text(managerValue),
  [`${ENTERPRISE_USER}:manager.displayname`.toLowerCase()]: text(sql`(${enterprise} -> 'manager' ->> 'displayName')`),
}

/** Groups are rows of `groups`; the caller restricts them to one account. */
export const groupFilterAttributes: AttributeMap = {
  id: id(sql`${groups.id}`),
  displayname: { ...text(sql`${groups.name}`), trimmed: true },
  externalid: text(sql`${groups.externalId}`, true),
  members: relatedRows('members', {
    value: {
      // "groups"."id" by name: drizzle leaves columns unqualified in single-table queries.
      from: (condition) => sql`exists (select 1 from ${groupMembers} gm where gm.group_id = "groups"."id" and ${condition})`,
      element: id(sql`gm.membership_id`),
    },
  }),
  'meta.created': dateTime(sql`${groups.createdAt}`),
  'meta.lastmodified': dateTime(groupLastModified),
  'meta.resourcetype': text(sql`'Group'::text`),
  ...metaNotFilterable,
}
