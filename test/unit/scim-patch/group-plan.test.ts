import { describe, expect, it } from 'vitest'
import { planGroupPatch, type PatchOperation } from '../../../api/scim/patch/index.js'
import { GROUP_ID, patchBody, planGroup, scimError } from './support.js'

const plan = (...ops: unknown[]) => planGroup(patchBody(...ops))

describe('planGroupPatch', () => {
  it('turns each form into steps, in order', () => {
    expect(
      plan(
        { op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2', display: 'Two' }] },
        { op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u1' }] },
        { op: 'remove', path: 'members[value eq "u2"]' },
        { op: 'replace', path: 'members', value: [{ value: 'u3' }] },
        { op: 'remove', path: 'members' },
        { op: 'replace', path: 'displayName', value: 'Sales' },
        { op: 'add', path: 'externalId', value: 'ext-1' },
        { op: 'remove', path: 'externalId' },
      ),
    ).toEqual([
      { kind: 'addMembers', ids: ['u1', 'u2'] },
      // Removals in a row are one step, whatever their form.
      { kind: 'removeMembers', ids: ['u1', 'u2'] },
      { kind: 'replaceMembers', ids: ['u3'] },
      { kind: 'removeAllMembers' },
      { kind: 'rename', displayName: 'Sales' },
      { kind: 'externalId', value: 'ext-1' },
      { kind: 'externalId', value: null },
    ])
  })

  it('makes one step of adds in a row, and of removals in a row, keeping the order of the rest', () => {
    expect(
      plan(
        ...['u1', 'u2', 'u3'].map((id) => ({ op: 'add', path: 'members', value: [{ value: id }] })),
        { op: 'remove', path: 'members[value eq "u4"]' },
        { op: 'remove', path: 'members[value eq "u5"]' },
        { op: 'add', path: 'members', value: [{ value: 'u4' }] },
      ),
    ).toEqual([
      { kind: 'addMembers', ids: ['u1', 'u2', 'u3'] },
      { kind: 'removeMembers', ids: ['u4', 'u5'] },
      { kind: 'addMembers', ids: ['u4'] },
    ])
  })

  it('reads path-less values', () => {
    expect(
      plan(
        { op: 'add', value: { members: [{ value: 'u1' }] } },
        { op: 'replace', value: { Members: [{ Value: 'u2' }], DisplayName: 'Ops', externalId: null } },
      ),
    ).toEqual([
      { kind: 'addMembers', ids: ['u1'] },
      { kind: 'replaceMembers', ids: ['u2'] },
      { kind: 'rename', displayName: 'Ops' },
      { kind: 'externalId', value: null },
    ])
  })

  it('removes several members by one filter joined with or, and dedupes ids', () => {
    expect(plan({ op: 'remove', path: 'members[value eq "a" or value eq "b" or value eq "a"]' })).toEqual([
      { kind: 'removeMembers', ids: ['a', 'b'] },
    ])
    expect(plan({ op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'a' }] })).toEqual([{ kind: 'addMembers', ids: ['a'] }])
  })

  it('takes a replace with no members, or with null, as removing all', () => {
    expect(plan({ op: 'replace', path: 'members', value: [] }, { op: 'replace', path: 'members', value: null })).toEqual([
      { kind: 'removeAllMembers' },
      { kind: 'removeAllMembers' },
    ])
  })

  it('does nothing for an add of no members or of unknown attributes', () => {
    expect(plan({ op: 'add', path: 'members', value: [] }, { op: 'add', path: 'owner', value: 'x' })).toEqual([])
  })

  it('accepts its own id in a path-less value and refuses another', () => {
    expect(plan({ op: 'replace', value: { id: GROUP_ID, displayName: 'x' } })).toEqual([{ kind: 'rename', displayName: 'x' }])
    const error = scimError(() => plan({ op: 'replace', value: { id: 'someone-else', displayName: 'x' } }))
    expect([error.status, error.scimType]).toEqual([400, 'mutability'])
  })

  it.each([
    ['a member value that is a number', { op: 'add', path: 'members', value: [{ value: 42 }] }],
    ['a member value that is an object', { op: 'add', path: 'members', value: [{ value: { id: 'u1' } }] }],
    ['a member without value', { op: 'add', path: 'members', value: [{ display: 'x' }] }],
    ['a member removal without value', { op: 'remove', path: 'members', value: [{ $ref: null }] }],
    ['an empty member value', { op: 'add', path: 'members', value: [{ value: ' ' }] }],
    ['a bare id', { op: 'add', path: 'members', value: ['u1'] }],
    ['members as a string', { op: 'replace', path: 'members', value: 'u1' }],
    ['no displayName', { op: 'remove', path: 'displayName' }],
    ['an empty displayName', { op: 'replace', path: 'displayName', value: '' }],
    ['a displayName that is not a string', { op: 'replace', value: { displayName: 7 } }],
  ])('refuses %s with invalidValue', (_, op) => {
    expect(scimError(() => plan(op)).scimType).toBe('invalidValue')
  })

  it.each([
    ['a filter on something but value', { op: 'remove', path: 'members[type eq "User"]' }],
    ['a filter with and', { op: 'remove', path: 'members[value eq "a" and type eq "User"]' }],
    ['a filter other than eq', { op: 'remove', path: 'members[value sw "a"]' }],
    ['a filtered add', { op: 'add', path: 'members[value eq "a"]', value: { value: 'a' } }],
    ['an unknown attribute removed', { op: 'remove', path: 'owner' }],
  ])('refuses %s with invalidPath', (_, op) => {
    expect(scimError(() => plan(op)).scimType).toBe('invalidPath')
  })

  it.each([
    ['members[display eq "Ann"]', '"display eq"'],
    ['members[type eq "User"]', '"type eq"'],
    ['members[value sw "a"]', '"value sw"'],
    ['members[value eq "a" and type eq "User"]', '"and"'],
    ['members[not (value eq "a")]', '"not"'],
    ['members[value eq ""]', 'an empty or non-string value'],
  ])('refuses the member filter %s naming what it has and what is supported', (path, part) => {
    const error = scimError(() => plan({ op: 'remove', path }))
    expect(error.scimType).toBe('invalidPath')
    expect(error.detail).toContain(`A members filter with ${part} is not supported: name members by id, as members[value eq "<id>"]`)
  })

  it('re-checks operations built by hand', () => {
    const ops = [{ op: 'add', path: { attribute: 'MEMBERS' }, value: [{ VALUE: 'u1', display: 'x' }] }] as PatchOperation[]
    expect(planGroupPatch(ops, GROUP_ID)).toEqual([{ kind: 'addMembers', ids: ['u1'] }])
    const bad = [{ op: 'add', path: { attribute: 'members' }, value: [{ value: 1 }] }] as PatchOperation[]
    expect(scimError(() => planGroupPatch(bad, GROUP_ID)).scimType).toBe('invalidValue')
  })
})
