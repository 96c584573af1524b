import { describe, expect, it } from 'vitest'
import {
  canonicalize,
  enterpriseUserSchema,
  groupSchema,
  resolveAttribute,
  userSchema,
  type SchemaAttribute,
} from '../../../api/scim/schema/index.js'
import { ENTERPRISE } from './support.js'

const CHARACTERISTICS = {
  type: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'],
  mutability: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  returned: ['always', 'never', 'default', 'request'],
  uniqueness: ['none', 'server', 'global'],
}

function everyAttribute(attributes: readonly SchemaAttribute[]): SchemaAttribute[] {
  return attributes.flatMap((a) => [a, ...everyAttribute(a.subAttributes ?? [])])
}

const byName = (attributes: readonly SchemaAttribute[] | undefined, name: string) => attributes?.find((a) => a.name === name)

describe('schema definitions', () => {
  it.each([userSchema, groupSchema, enterpriseUserSchema])('$id spells out every characteristic of every attribute', (schema) => {
    expect(schema.id).toMatch(/^urn:ietf:params:scim:schemas:/)
    expect(schema.name).toBeTruthy()
    for (const a of everyAttribute(schema.attributes)) {
      expect(a.name).toMatch(/^[$A-Za-z][\w$-]*$/)
      expect(CHARACTERISTICS.type).toContain(a.type)
      expect(CHARACTERISTICS.mutability).toContain(a.mutability)
      expect(CHARACTERISTICS.returned).toContain(a.returned)
      expect(CHARACTERISTICS.uniqueness).toContain(a.uniqueness)
      expect(typeof a.multiValued).toBe('boolean')
      expect(typeof a.required).toBe('boolean')
      expect(typeof a.caseExact).toBe('boolean')
      expect(a.description.length).toBeGreaterThan(5)
      expect(Boolean(a.subAttributes?.length)).toBe(a.type === 'complex')
      if (a.type === 'reference') expect(a.referenceTypes?.length).toBeGreaterThan(0)
    }
  })

  it('serve as they are: plain JSON, frozen', () => {
    expect(JSON.parse(JSON.stringify(userSchema))).toEqual(userSchema)
    expect(Object.isFrozen(userSchema.attributes[0])).toBe(true)
    expect(() => (userSchema.attributes as SchemaAttribute[]).push(userSchema.attributes[0]!)).toThrow()
  })

  it('User has the RFC 7643 §8.7.1 attributes', () => {
    expect(userSchema.id).toBe('urn:ietf:params:scim:schemas:core:2.0:User')
    expect(userSchema.attributes.map((a) => a.name)).toEqual([
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale',
      'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'groups',
      'entitlements', 'roles', 'x509Certificates',
    ])
    const attrs = userSchema.attributes
    expect(byName(attrs, 'userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false })
    expect(byName(attrs, 'name')?.subAttributes?.map((a) => a.name)).toEqual([
      'formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix',
    ])
    expect(byName(attrs, 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' })
    expect(byName(attrs, 'active')?.type).toBe('boolean')
    const groups = byName(attrs, 'groups')!
    expect(groups).toMatchObject({ multiValued: true, mutability: 'readOnly' })
    expect(groups.subAttributes?.every((a) => a.mutability === 'readOnly')).toBe(true)
    expect(byName(byName(attrs, 'emails')?.subAttributes, 'type')?.canonicalValues).toEqual(['work', 'home', 'other'])
    expect(byName(byName(attrs, 'emails')?.subAttributes, 'primary')?.type).toBe('boolean')
    expect(byName(byName(attrs, 'phoneNumbers')?.subAttributes, 'type')?.canonicalValues).toContain('mobile')
    expect(byName(byName(attrs, 'photos')?.subAttributes, 'value')).toMatchObject({ type: 'reference', referenceTypes: ['external'] })
    expect(byName(byName(attrs, 'x509Certificates')?.subAttributes, 'value')?.type).toBe('binary')
    expect(byName(attrs, 'addresses')?.subAttributes?.map((a) => a.name)).toContain('postalCode')
  })

  it('Group has displayName and members with value, $ref, display and type', () => {
    expect(groupSchema.id).toBe('urn:ietf:params:scim:schemas:core:2.0:Group')
    expect(groupSchema.attributes.map((a) => a.name)).toEqual(['displayName', 'members'])
    expect(byName(groupSchema.attributes, 'displayName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false })
    const members = byName(groupSchema.attributes, 'members')!
    expect(members).toMatchObject({ type: 'complex', multiValued: true, mutability: 'readWrite' })
    expect(members.subAttributes?.map((a) => a.name)).toEqual(['value', '$ref', 'display', 'type'])
    expect(byName(members.subAttributes, 'value')?.mutability).toBe('immutable')
  })

  it('the enterprise extension has the manager as value, $ref and a readOnly displayName', () => {
    expect(enterpriseUserSchema.id).toBe(ENTERPRISE)
    expect(enterpriseUserSchema.attributes.map((a) => a.name)).toEqual([
      'employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager',
    ])
    const manager = byName(enterpriseUserSchema.attributes, 'manager')!
    expect(manager.subAttributes?.map((a) => [a.name, a.mutability])).toEqual([
      ['value', 'readWrite'], ['$ref', 'readWrite'], ['displayName', 'readOnly'],
    ])
  })
})

describe('resolveAttribute', () => {
  it.each([
    ['User', 'userName', 'userName'],
    ['User', 'USERNAME', 'userName'],
    ['User', 'NAME.GIVENNAME', 'name.givenName'],
    ['User', 'urn:ietf:params:scim:schemas:core:2.0:User:userName', 'userName'],
    ['User', 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:name.familyName', 'name.familyName'],
    ['User', `${ENTERPRISE}:manager.value`, `${ENTERPRISE}:manager.value`],
    ['User', `${ENTERPRISE.toUpperCase()}:EMPLOYEENUMBER`, `${ENTERPRISE}:employeeNumber`],
    ['User', ENTERPRISE.toLowerCase(), ENTERPRISE],
    ['User', 'emails.TYPE', 'emails.type'],
    ['User', 'externalid', 'externalId'],
    ['User', 'ID', 'id'],
    ['User', 'meta.LASTMODIFIED', 'meta.lastModified'],
    ['User', 'x509certificates.value', 'x509Certificates.value'],
    ['User', ' active ', 'active'],
    ['Group', 'DISPLAYNAME', 'displayName'],
    ['Group', 'members.$REF', 'members.$ref'],
    ['Group', 'urn:ietf:params:scim:schemas:core:2.0:Group:members', 'members'],
  ] as const)('%s %s → %s', (resource, path, expected) => {
    expect(resolveAttribute(resource, path)).toBe(expected)
  })

  it.each([
    ['User', 'foo'],
    ['User', 'name.foo'],
    ['User', 'name.givenName.x'],
    ['User', 'urn:example:custom:2.0:User:x'],
    ['User', 'urn:ietf:params:scim:schemas:core:2.0:User'],
    ['User', 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName'],
    ['User', `${ENTERPRISE}:userName`],
    ['User', ''],
    ['Group', 'userName'],
    ['Group', `${ENTERPRISE}:manager`],
  ] as const)('%s %s → undefined', (resource, path) => {
    expect(resolveAttribute(resource, path)).toBeUndefined()
  })
})

describe('canonicalize', () => {
  it('rewrites an Entra create body to canonical case and leaves unknown keys out', () => {
    const body = {
      SCHEMAS: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      externalID: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      UserName: 'Test_User@testuser.com',
      Active: 'True',
      EMAILS: [{ Primary: 'True', TYPE: 'work', Value: 'Test_User@testuser.com', extra: 1 }],
      meta: { ResourceType: 'User' },
      Name: { Formatted: 'givenName familyName', FAMILYNAME: 'familyName', givenname: 'givenName', nickname: 'x' },
      roles: [],
      title: null,
      'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': {
        Department: 'Sales',
        MANAGER: { Value: 'm-1', DisplayName: 'Boss' },
        favouriteColour: 'red',
      },
      favouriteColour: 'blue',
    }
    expect(canonicalize('User', body)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User@testuser.com',
      active: 'True',
      emails: [{ primary: 'True', type: 'work', value: 'Test_User@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      title: null,
      [ENTERPRISE]: { department: 'Sales', manager: { value: 'm-1', displayName: 'Boss' } },
    })
  })

  it('nests attribute-path keys and merges them with their parent', () => {
    expect(
      canonicalize('User', {
        name: { givenName: 'A' },
        'NAME.familyName': 'B',
        [`${ENTERPRISE}:employeeNumber`]: '9',
        [ENTERPRISE]: { costCenter: 'C' },
      }),
    ).toEqual({ name: { givenName: 'A', familyName: 'B' }, [ENTERPRISE]: { employeeNumber: '9', costCenter: 'C' } })
  })

  it('canonicalizes a Group and its members', () => {
    expect(
      canonicalize('Group', { DisplayName: 'Sales', Members: [{ VALUE: 'u1', $REF: null, Display: 'x' }], userName: 'no' }),
    ).toEqual({ displayName: 'Sales', members: [{ value: 'u1', $ref: null, display: 'x' }] })
  })

  it('drops __proto__ and constructor keys', () => {
    const result = canonicalize('User', JSON.parse('{"__proto__":{"userName":"x"},"constructor":"y","userName":"u"}'))
    expect(result).toEqual({ userName: 'u' })
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
  })

  it('gives an empty object for anything but an object', () => {
    for (const json of [null, undefined, 'x', 5, [], [{ userName: 'x' }]]) expect(canonicalize('User', json)).toEqual({})
  })

  it('keeps values of an unexpected shape for validation to refuse', () => {
    expect(canonicalize('User', { Emails: 'x', NAME: ['a'] })).toEqual({ emails: 'x', name: ['a'] })
  })
})
