import { describe, expect, it } from 'vitest'
import { MAX_OPERATIONS, normalizePatch } from '../../../api/scim/patch/index.js'
import { ENTERPRISE, PATCH_OP, patchBody, scimError } from './support.js'

const normalizeUser = (...ops: unknown[]) => normalizePatch(patchBody(...ops), 'User')

describe('normalizePatch: the envelope', () => {
  it.each([
    ['a string', 'x'],
    ['an array', [{ op: 'add' }]],
    ['null', null],
    ['schemas without PatchOp', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] }],
    ['schemas as a string', { schemas: PATCH_OP, Operations: [{ op: 'add', path: 'title', value: 'x' }] }],
    ['no Operations', { schemas: [PATCH_OP] }],
    ['empty Operations', { schemas: [PATCH_OP], Operations: [] }],
    ['Operations as an object', { schemas: [PATCH_OP], Operations: { op: 'add' } }],
    ['too many operations', patchBody(...Array.from({ length: MAX_OPERATIONS + 1 }, () => ({ op: 'add', path: 'title', value: 'x' })))],
  ])('refuses %s with invalidSyntax', (_, body) => {
    const error = scimError(() => normalizePatch(body, 'User'))
    expect([error.status, error.scimType]).toEqual([400, 'invalidSyntax'])
  })

  it('accepts a body without schemas, as POST and PUT are (some connectors leave it out)', () => {
    expect(normalizePatch({ Operations: [{ op: 'Replace', path: 'title', value: 'CEO' }] }, 'User')).toEqual([{ op: 'replace', path: { attribute: 'title' }, value: 'CEO' }])
  })

  it(`accepts ${MAX_OPERATIONS} operations`, () => {
    const ops = Array.from({ length: MAX_OPERATIONS }, (_, i) => ({ op: 'add', path: 'title', value: `t${i}` }))
    expect(normalizeUser(...ops)).toHaveLength(MAX_OPERATIONS)
  })

  it('reads member names in any case (RFC 7643 §2.1)', () => {
    const body = { SCHEMAS: [PATCH_OP.toUpperCase()], operations: [{ OP: 'Replace', Path: 'title', VALUE: 'CEO' }] }
    expect(normalizePatch(body, 'User')).toEqual([{ op: 'replace', path: { attribute: 'title' }, value: 'CEO' }])
  })

  it('does not change the body', () => {
    const body = patchBody({ op: 'Replace', value: { 'NAME.givenName': 'A', emails: [{ Value: 'x', Primary: 'True' }] } })
    const before = structuredClone(body)
    normalizePatch(body, 'User')
    expect(body).toEqual(before)
  })

  it('names the operation in the error', () => {
    const error = scimError(() => normalizeUser({ op: 'add', path: 'title', value: 'x' }, { op: 'add', path: 'active', value: 'maybe' }))
    expect(error.detail).toMatch(/^Operations\[1\]: active must be a boolean/)
  })
})

describe('normalizePatch: operations', () => {
  it.each(['add', 'Add', 'ADD', ' replace ', 'Replace', 'remove', 'Remove'])('accepts op %j', (op) => {
    const ops = normalizeUser({ op, path: 'title', ...(op.trim().toLowerCase() === 'remove' ? {} : { value: 'x' }) })
    expect(ops[0]!.op).toBe(op.trim().toLowerCase())
  })

  it.each(['copy', 'move', 'test', '', 5, null, undefined])('refuses op %j with invalidSyntax', (op) => {
    expect(scimError(() => normalizeUser({ op, path: 'title', value: 'x' })).scimType).toBe('invalidSyntax')
  })

  it('refuses an operation that is not an object', () => {
    expect(scimError(() => normalizeUser('add title')).scimType).toBe('invalidSyntax')
  })

  it('refuses a path that is not a string', () => {
    expect(scimError(() => normalizeUser({ op: 'add', path: ['title'], value: 'x' })).scimType).toBe('invalidPath')
  })

  it('treats an empty or null path as no path', () => {
    for (const path of ['', '  ', null]) {
      expect(normalizeUser({ op: 'replace', path, value: { title: 'x' } })).toEqual([
        { op: 'replace', path: { attribute: 'title' }, value: 'x' },
      ])
    }
  })

  it('canonicalizes paths', () => {
    expect(normalizeUser({ op: 'replace', path: 'NAME.GIVENNAME', value: 'A' })[0]!.path).toEqual({
      attribute: 'name',
      subAttribute: 'givenName',
    })
  })
})

describe('normalizePatch: values', () => {
  it.each([['True', true], ['False', false], ['true', true], ['false', false], [' TRUE ', true], [true, true], [false, false]])(
    'reads active %j as %j',
    (value, expected) => {
      expect(normalizeUser({ op: 'replace', path: 'active', value })[0]!.value).toBe(expected)
    },
  )

  it('reads booleans as strings inside complex values and filtered paths', () => {
    expect(normalizeUser({ op: 'add', path: 'emails', value: [{ value: 'a@x', primary: 'True' }] })[0]!.value).toEqual([
      { value: 'a@x', primary: true },
    ])
    expect(normalizeUser({ op: 'replace', path: 'emails[type eq "work"].primary', value: 'False' })[0]!.value).toBe(false)
    expect(normalizeUser({ op: 'add', path: 'roles', value: [{ value: 'admin', primary: 'True' }] })[0]!.value).toEqual([
      { value: 'admin', primary: true },
    ])
  })

  it('leaves "True" a string where the attribute is a string', () => {
    expect(normalizeUser({ op: 'replace', path: 'title', value: 'True' })[0]!.value).toBe('True')
  })

  it('canonicalizes keys inside values, dropping unknown and readOnly ones', () => {
    const [op] = normalizeUser({
      op: 'replace',
      path: 'name',
      value: { GivenName: 'A', FAMILYNAME: 'B', nickname: 'C', middleName: null },
    })
    expect(op!.value).toEqual({ givenName: 'A', familyName: 'B' })
    const [manager] = normalizeUser({ op: 'replace', path: `${ENTERPRISE}:manager`, value: { Value: 'm1', displayName: 'Boss' } })
    expect(manager!.value).toEqual({ value: 'm1' })
  })

  it('wraps a single complex value for a multi-valued attribute', () => {
    expect(normalizeUser({ op: 'add', path: 'emails', value: { value: 'a@x' } })[0]!.value).toEqual([{ value: 'a@x' }])
  })

  it('treats null as absent: a replace with null unassigns, an add of null does nothing; no value at all is refused', () => {
    expect(normalizeUser({ op: 'replace', path: 'title', value: null })).toEqual([{ op: 'replace', path: { attribute: 'title' } }])
    expect(() => normalizeUser({ op: 'replace', path: 'title' })).toThrow('A replace operation needs a value (null to clear title).')
    expect(normalizeUser({ op: 'add', path: 'title', value: null })).toEqual([])
    expect(normalizeUser({ op: 'add', path: 'emails', value: [null, { value: 'a@x', type: null }] })[0]!.value).toEqual([
      { value: 'a@x' },
    ])
  })

  it('keeps the value of a remove only where it selects entries', () => {
    expect(normalizeUser({ op: 'remove', path: 'emails', value: [{ Value: 'a@x' }] })).toEqual([
      { op: 'remove', path: { attribute: 'emails' }, value: [{ value: 'a@x' }] },
    ])
    expect(normalizeUser({ op: 'remove', path: 'title', value: 'whatever' })).toEqual([{ op: 'remove', path: { attribute: 'title' } }])
  })
})

describe('normalizePatch: path-less values', () => {
  it('expands each key, an attribute path, into its own operation, in order', () => {
    const ops = normalizeUser({
      op: 'replace',
      value: {
        'name.givenName': 'A',
        [`${ENTERPRISE}:employeeNumber`]: '9',
        active: false,
        'emails[type eq "work"].value': 'a@x',
        title: null,
        favouriteColour: 'red',
      },
    })
    expect(ops).toEqual([
      { op: 'replace', path: { attribute: 'name', subAttribute: 'givenName' }, value: 'A' },
      { op: 'replace', path: { attribute: `${ENTERPRISE}:employeeNumber` }, value: '9' },
      { op: 'replace', path: { attribute: 'active' }, value: false },
      {
        op: 'replace',
        path: { attribute: 'emails', filter: { op: 'eq', attrPath: 'type', compValue: 'work' }, subAttribute: 'value' },
        value: 'a@x',
      },
      { op: 'replace', path: { attribute: 'title' } },
    ])
  })

  it('expands an extension object, by key or by path', () => {
    const expected = [
      { op: 'add', path: { attribute: `${ENTERPRISE}:department` }, value: 'Sales' },
      { op: 'add', path: { attribute: `${ENTERPRISE}:manager` }, value: { value: 'm1' } },
    ]
    const value = { Department: 'Sales', manager: 'm1', unknown: 1 }
    expect(normalizeUser({ op: 'add', value: { [ENTERPRISE.toLowerCase()]: value } })).toEqual(expected)
    expect(normalizeUser({ op: 'add', path: ENTERPRISE, value })).toEqual(expected)
  })

  it('refuses a value that is not an object', () => {
    for (const value of ['x', 5, null, undefined, [{ active: false }]]) {
      expect(scimError(() => normalizeUser({ op: 'replace', value })).scimType).toBe('invalidValue')
    }
  })

  it('refuses a remove without path with noTarget (RFC 7644 §3.5.2.2)', () => {
    expect(scimError(() => normalizeUser({ op: 'remove', value: { title: 'x' } })).scimType).toBe('noTarget')
  })

  it('ignores schemas and meta repeated in a value, as a client PATCHing back what it read sends them', () => {
    const read = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], META: { resourceType: 'User', created: 'x' } }
    expect(normalizeUser({ op: 'replace', value: { ...read, title: 'T4', 'meta.lastModified': 'y' } })).toEqual([
      { op: 'replace', path: { attribute: 'title' }, value: 'T4' },
    ])
    const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], meta: { resourceType: 'Group' }, displayName: 'x' }
    expect(normalizePatch(patchBody({ op: 'add', value: group }), 'Group')).toEqual([
      { op: 'add', path: { attribute: 'displayName' }, value: 'x' },
    ])
  })

  it('lets a repeated id through for the caller to compare', () => {
    expect(normalizePatch(patchBody({ op: 'replace', value: { id: 'g1', displayName: 'x' } }), 'Group')).toEqual([
      { op: 'replace', path: { attribute: 'id' }, value: 'g1' },
      { op: 'replace', path: { attribute: 'displayName' }, value: 'x' },
    ])
  })
})

describe('normalizePatch: what may not be changed', () => {
  it.each([
    'id',
    'meta',
    'meta.lastModified',
    'schemas',
    'groups',
    'groups[value eq "g1"]',
    'groups.display',
    `${ENTERPRISE}:manager.displayName`,
  ])('refuses a path to %s with mutability', (path) => {
    for (const op of ['add', 'replace', 'remove']) {
      expect(scimError(() => normalizeUser({ op, path, value: 'x' })).scimType).toBe('mutability')
    }
  })

  it.each([{ groups: [] }, { 'groups.display': 'x' }])('refuses the path-less %j with mutability', (value) => {
    expect(scimError(() => normalizeUser({ op: 'replace', value })).scimType).toBe('mutability')
  })

  it('refuses an immutable member sub-attribute', () => {
    const body = patchBody({ op: 'replace', path: 'members[value eq "u1"].value', value: 'u2' })
    expect(scimError(() => normalizePatch(body, 'Group')).scimType).toBe('mutability')
  })

  it('ignores unknown attributes in add and replace, and removes of an unknown schema\'s; refuses an unknown core name in remove', () => {
    expect(normalizeUser({ op: 'add', path: 'favouriteColour', value: 'red' }, { op: 'replace', path: 'name.nick', value: 'x' })).toEqual([])
    expect(normalizeUser({ op: 'Remove', path: 'urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User:costCode' })).toEqual([])
    expect(scimError(() => normalizeUser({ op: 'remove', path: 'favouriteColour' })).scimType).toBe('invalidPath')
    expect(scimError(() => normalizeUser({ op: 'remove', path: 'favouriteColour[' })).scimType).toBe('invalidPath')
  })
})

describe('normalizePatch: hostile nesting', () => {
  it('refuses an extension nested in itself instead of recursing', () => {
    let value: Record<string, unknown> = { department: 'x' }
    for (let i = 0; i < 20_000; i++) value = { [ENTERPRISE]: value }
    expect(scimError(() => normalizeUser({ op: 'replace', value })).scimType).toBe('invalidPath')
  })
})
