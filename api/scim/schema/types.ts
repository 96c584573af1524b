/** RFC 7643 §7: the characteristics of one attribute, as the /Schemas endpoint returns them. */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex'
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly'
export type Returned = 'always' | 'never' | 'default' | 'request'
export type Uniqueness = 'none' | 'server' | 'global'

export interface SchemaAttribute {
  readonly name: string
  readonly type: AttributeType
  readonly multiValued: boolean
  readonly description: string
  readonly required: boolean
  readonly caseExact: boolean
  readonly mutability: Mutability
  readonly returned: Returned
  readonly uniqueness: Uniqueness
  readonly canonicalValues?: readonly string[]
  readonly referenceTypes?: readonly string[]
  readonly subAttributes?: readonly SchemaAttribute[]
}

/** RFC 7643 §7 Schema resource, without `meta` (the endpoint adds it). */
export interface ScimSchema {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly attributes: readonly SchemaAttribute[]
}

export type ScimResourceType = 'User' | 'Group'

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

export interface ScimName {
  formatted?: string
  familyName?: string
  givenName?: string
  middleName?: string
  honorificPrefix?: string
  honorificSuffix?: string
}

/** The value/display/type/primary entry of emails, phoneNumbers, ims, photos, entitlements, roles, x509Certificates. */
export interface ScimMultiValue {
  value?: string
  display?: string
  type?: string
  primary?: boolean
}

export interface ScimAddress {
  formatted?: string
  streetAddress?: string
  locality?: string
  region?: string
  postalCode?: string
  country?: string
  type?: string
  primary?: boolean
}

export interface ScimEnterpriseUser {
  employeeNumber?: string
  costCenter?: string
  organization?: string
  division?: string
  department?: string
  /** Always `{ value }`: Entra breaks on a bare string. */
  manager?: { value: string }
}

/**
 * A User in canonical case, without id, meta, groups or password. A type alias rather than an
 * interface so that it is assignable to `Record<string, unknown>`.
 */
export type ScimUserBody = {
  schemas?: string[]
  externalId?: string
  userName?: string
  name?: ScimName
  displayName?: string
  nickName?: string
  profileUrl?: string
  title?: string
  userType?: string
  preferredLanguage?: string
  locale?: string
  timezone?: string
  active?: boolean
  emails?: ScimMultiValue[]
  phoneNumbers?: ScimMultiValue[]
  ims?: ScimMultiValue[]
  photos?: ScimMultiValue[]
  addresses?: ScimAddress[]
  entitlements?: ScimMultiValue[]
  roles?: ScimMultiValue[]
  x509Certificates?: ScimMultiValue[]
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'?: ScimEnterpriseUser
}
