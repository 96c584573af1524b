import { describe, expect, it } from 'vitest'
import type { ScimUserBody } from '../../../api/scim/schema/index.js'
import { ENTERPRISE, patchBody, patchUser, scimError } from './support.js'

const MANAGER = `${ENTERPRISE}:manager`
const BOSS = '26118915-6090-4610-87e4-49d8ca9f808d'
const managed = (): ScimUserBody => ({ userName: 'u', [ENTERPRISE]: { department: 'Sales', manager: { value: 'old-boss' } } })
const patch = (user: ScimUserBody, ...ops: unknown[]) => patchUser(user, patchBody(...ops))
const managerOf = (user: ScimUserBody) => user[ENTERPRISE]?.manager

describe('the enterprise manager', () => {
  it.each([
    ['Entra default: a bare id', { op: 'Add', path: MANAGER, value: BOSS }],
    ['an object', { op: 'replace', path: MANAGER, value: { value: BOSS } }],
    ['an object with $ref and displayName', { op: 'replace', path: MANAGER, value: { value: BOSS, $ref: `../Users/${BOSS}`, displayName: 'Boss' } }],
    ['the value sub-attribute', { op: 'replace', path: `${MANAGER}.value`, value: BOSS }],
    ['a path-less attribute-path key', { op: 'replace', value: { [MANAGER]: BOSS } }],
    ['a path-less extension object', { op: 'add', value: { [ENTERPRISE]: { manager: { Value: BOSS } } } }],
    ['in odd case', { op: 'Replace', path: MANAGER.toUpperCase(), value: { VALUE: BOSS } }],
  ])('is set by %s, and stored as { value: id }', (_, op) => {
    expect(managerOf(patch(managed(), op))).toEqual({ value: BOSS })
    expect(managerOf(patch({ userName: 'u' }, op))).toEqual({ value: BOSS })
  })

  it.each([
    ['remove', { op: 'Remove', path: MANAGER }],
    ['remove with a value', { op: 'Remove', path: MANAGER, value: [{ value: 'old-boss' }] }],
    ['remove of its value', { op: 'remove', path: `${MANAGER}.value` }],
    ['{ value: "" }', { op: 'Replace', path: MANAGER, value: { value: '' } }],
    ['""', { op: 'Replace', path: MANAGER, value: '' }],
    ['null', { op: 'replace', path: MANAGER, value: null }],
    ['{ value: null }', { op: 'Add', path: MANAGER, value: { value: null } }],
    ['"" on the value sub-attribute', { op: 'replace', path: `${MANAGER}.value`, value: '' }],
    ['a path-less ""', { op: 'replace', value: { [MANAGER]: '' } }],
  ])('is cleared by %s, leaving the rest of the extension', (_, op) => {
    const result = patch(managed(), op)
    expect(result[ENTERPRISE]).toEqual({ department: 'Sales' })
  })

  it('takes the whole extension away with it when it was all there was', () => {
    expect(patch({ userName: 'u', [ENTERPRISE]: { manager: { value: 'x' } } }, { op: 'remove', path: MANAGER })).toEqual({ userName: 'u' })
  })

  it('clearing an absent manager is not an error', () => {
    expect(patch({ userName: 'u' }, { op: 'Remove', path: MANAGER }, { op: 'Replace', path: MANAGER, value: '' })).toEqual({ userName: 'u' })
  })

  it('keeps only the id when $ref is written alone', () => {
    expect(managerOf(patch(managed(), { op: 'replace', path: `${MANAGER}.$ref`, value: '../Users/x' }))).toEqual({ value: 'old-boss' })
    expect(managerOf(patch({ userName: 'u' }, { op: 'replace', path: `${MANAGER}.$ref`, value: '../Users/x' }))).toBeUndefined()
  })

  it.each([5, true, ['x'], { value: 5 }, { value: { id: 'x' } }])('refuses %j with invalidValue', (value) => {
    expect(scimError(() => patch(managed(), { op: 'replace', path: MANAGER, value })).scimType).toBe('invalidValue')
  })

  it('refuses to write its displayName', () => {
    expect(scimError(() => patch(managed(), { op: 'replace', path: `${MANAGER}.displayName`, value: 'x' })).scimType).toBe('mutability')
  })
})
