import { describe, expect, it } from 'vitest'
import type { ScimType } from '../../../api/scim/errors.js'
import { ENTERPRISE, PATCH_OP, bjensen, patchBody, patchUser, planGroup, scimError } from './support.js'

type Case = [name: string, resource: 'User' | 'Group', body: unknown, scimType: ScimType]

const CASES: Case[] = [
  ['body not an object', 'User', '[]', 'invalidSyntax'],
  ['no PatchOp schema', 'User', { schemas: ['urn:x'], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, 'invalidSyntax'],
  ['no Operations', 'User', { schemas: [PATCH_OP] }, 'invalidSyntax'],
  ['empty Operations', 'Group', { schemas: [PATCH_OP], Operations: [] }, 'invalidSyntax'],
  ['unknown op', 'User', patchBody({ op: 'move', path: 'title', value: 'x' }), 'invalidSyntax'],
  ['operation not an object', 'User', patchBody(null), 'invalidSyntax'],
  ['malformed path', 'User', patchBody({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }), 'invalidPath'],
  ['malformed filter', 'User', patchBody({ op: 'replace', path: 'emails[type work].value', value: 'x' }), 'invalidPath'],
  ['filter on a single-valued attribute', 'User', patchBody({ op: 'replace', path: 'name[givenName eq "a"]', value: {} }), 'invalidPath'],
  ['path not a string', 'User', patchBody({ op: 'replace', path: 5, value: 'x' }), 'invalidPath'],
  ['remove of an unknown attribute', 'User', patchBody({ op: 'remove', path: 'shoeSize' }), 'invalidPath'],
  ['member filter on type', 'Group', patchBody({ op: 'remove', path: 'members[type eq "User"]' }), 'invalidPath'],
  ['remove without path', 'User', patchBody({ op: 'Remove', value: { title: 'x' } }), 'noTarget'],
  ['filter matching nothing that describes no entry', 'User', patchBody({ op: 'replace', path: 'emails[value sw "x"].type', value: 'home' }), 'noTarget'],
  ['active "maybe"', 'User', patchBody({ op: 'replace', path: 'active', value: 'maybe' }), 'invalidValue'],
  ['emails 5', 'User', patchBody({ op: 'add', path: 'emails', value: 5 }), 'invalidValue'],
  ['replace of members without a value', 'Group', patchBody({ op: 'replace', path: 'members' }), 'invalidValue'],
  ['add without a value', 'User', patchBody({ op: 'Add', path: 'title' }), 'invalidValue'],
  ['path-less value not an object', 'User', patchBody({ op: 'replace', value: 'x' }), 'invalidValue'],
  ['extension not an object', 'User', patchBody({ op: 'replace', value: { [ENTERPRISE]: 'x' } }), 'invalidValue'],
  ['manager a number', 'User', patchBody({ op: 'replace', path: `${ENTERPRISE}:manager`, value: 7 }), 'invalidValue'],
  ['userName removed', 'User', patchBody({ op: 'remove', path: 'userName' }), 'invalidValue'],
  ['member value a number', 'Group', patchBody({ op: 'add', path: 'members', value: [{ value: 7 }] }), 'invalidValue'],
  ['displayName removed', 'Group', patchBody({ op: 'remove', path: 'displayName' }), 'invalidValue'],
  ['id', 'User', patchBody({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
  ['meta', 'User', patchBody({ op: 'replace', path: 'meta.lastModified', value: 'x' }), 'mutability'],
  ['schemas', 'Group', patchBody({ op: 'replace', path: 'schemas', value: [] }), 'mutability'],
  ['groups on a User', 'User', patchBody({ op: 'add', path: 'groups', value: [{ value: 'g' }] }), 'mutability'],
  ['another group id in the value', 'Group', patchBody({ op: 'replace', value: { id: 'other', displayName: 'x' } }), 'mutability'],
  ['member value sub-attribute', 'Group', patchBody({ op: 'replace', path: 'members[value eq "a"].value', value: 'b' }), 'mutability'],
]

describe('PATCH errors', () => {
  it.each(CASES)('%s (%s) → %s', (_, resource, body, scimType) => {
    const parsed = body === '[]' ? [] : body
    const error = scimError(() => (resource === 'User' ? patchUser(bjensen(), parsed) : planGroup(parsed)))
    expect(error.status).toBe(400)
    expect(error.scimType).toBe(scimType)
    expect(error.body()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType,
      detail: error.detail,
    })
    expect(error.detail.length).toBeGreaterThan(5)
  })
})
