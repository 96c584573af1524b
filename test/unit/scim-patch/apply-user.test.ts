import { describe, expect, it } from 'vitest'
import { applyUserPatch, normalizePatch, patchedPassword, type PatchOperation } from '../../../api/scim/patch/index.js'
import type { ScimUserBody } from '../../../api/scim/schema/index.js'
import { ENTERPRISE, USER_ID, bjensen, patchBody, patchUser, scimError } from './support.js'

const patch = (user: ScimUserBody, ...ops: unknown[]) => patchUser(user, patchBody(...ops))

describe('applyUserPatch: purity', () => {
  it('returns a new body and leaves the input and the operations untouched', () => {
    const user = bjensen()
    const before = structuredClone(user)
    const ops = normalizePatch(patchBody({ op: 'add', path: 'emails', value: [{ value: 'new@x.org', primary: true }] }), 'User')
    const opsBefore = structuredClone(ops)
    const result = applyUserPatch(user, ops)
    expect(user).toEqual(before)
    expect(ops).toEqual(opsBefore)
    expect(result.emails).toHaveLength(3)
    result.emails![2]!.value = 'changed'
    expect(ops).toEqual(opsBefore)
    expect(result.name).not.toBe(user.name)
  })

  it('leaves the input untouched when an operation fails half-way', () => {
    const user = bjensen()
    const before = structuredClone(user)
    const error = scimError(() =>
      patch(user, { op: 'replace', path: 'title', value: 'CEO' }, { op: 'replace', path: 'emails[value sw "x"].type', value: 'home' }),
    )
    expect(error.scimType).toBe('noTarget')
    expect(user).toEqual(before)
  })
})

describe('applyUserPatch: single-valued attributes', () => {
  it('replaces, adds (an add on an existing value replaces it) and removes', () => {
    const result = patch(
      bjensen(),
      { op: 'replace', path: 'displayName', value: 'Barbara' },
      { op: 'add', path: 'active', value: 'False' },
      { op: 'add', path: 'title', value: 'Tour Guide' },
      { op: 'remove', path: 'externalId' },
      { op: 'remove', path: 'nickName' },
    )
    expect(result).toMatchObject({ displayName: 'Barbara', active: false, title: 'Tour Guide' })
    expect(result).not.toHaveProperty('externalId')
  })

  it('sets the given sub-attributes of a complex attribute and keeps the others', () => {
    const result = patch(bjensen(), { op: 'replace', path: 'name', value: { givenName: 'Babs', middleName: 'Jane' } })
    expect(result.name).toEqual({ formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Babs', middleName: 'Jane' })
  })

  it('sets and removes one sub-attribute; a complex left empty goes', () => {
    const user = patch({ userName: 'u' }, { op: 'add', path: 'name.givenName', value: 'A' })
    expect(user.name).toEqual({ givenName: 'A' })
    expect(patch(user, { op: 'remove', path: 'name.givenName' })).toEqual({ userName: 'u' })
  })

  it('refuses to remove or empty userName', () => {
    expect(scimError(() => patch(bjensen(), { op: 'remove', path: 'userName' })).scimType).toBe('invalidValue')
    expect(scimError(() => patch(bjensen(), { op: 'replace', path: 'userName', value: null })).scimType).toBe('invalidValue')
    expect(scimError(() => patch(bjensen(), { op: 'replace', path: 'userName', value: '' })).scimType).toBe('invalidValue')
  })

  it.each([
    ['active', 'maybe'],
    ['active', 1],
    ['userName', 5],
    ['title', { a: 1 }],
    ['name', 'Barbara'],
    ['name.givenName', ['A']],
    ['emails', 5],
    ['emails', ['a@x']],
    ['emails', [{ value: 5 }]],
    ['emails[type eq "work"].primary', 'yes'],
    ['emails[type eq "work"]', 'a@x'],
  ])('refuses %s = %j with invalidValue', (path, value) => {
    expect(scimError(() => patch(bjensen(), { op: 'replace', path, value })).scimType).toBe('invalidValue')
  })

  it('ignores unknown attributes in add and replace, refuses them in remove unless in an unknown schema', () => {
    const user = bjensen()
    const custom = 'urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User:costCode'
    expect(patch(user, { op: 'add', path: 'favouriteColour', value: 'red' }, { op: 'replace', value: { shoeSize: 9 } }, { op: 'remove', path: custom })).toEqual(user)
    expect(scimError(() => patch(user, { op: 'remove', path: 'shoeSize' })).scimType).toBe('invalidPath')
  })
})

describe('applyUserPatch: multi-valued attributes', () => {
  it('appends on add; an existing value (in any case) takes the new sub-attributes instead', () => {
    const result = patch(bjensen(), {
      op: 'add',
      path: 'emails',
      value: [{ value: 'BABS@jensen.org', display: 'Babs' }, { value: 'third@x.org', type: 'other' }],
    })
    expect(result.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'BABS@jensen.org', type: 'home', display: 'Babs' },
      { value: 'third@x.org', type: 'other' },
    ])
  })

  it('keeps one value under two types as two entries (Entra: work and mobile are often one number)', () => {
    const twice = [{ type: 'work', value: '+1 555 0199' }, { type: 'mobile', value: '+1 555 0199' }]
    expect(patch({}, { op: 'add', value: { phoneNumbers: twice } }).phoneNumbers).toEqual(twice)
    expect(patch(bjensen(), { op: 'replace', path: 'phoneNumbers', value: twice }).phoneNumbers).toEqual(twice)
    const emails = [{ value: 'a@contoso.com', type: 'work', primary: true }, { value: 'A@contoso.com', type: 'home' }]
    expect(patch(bjensen(), { op: 'replace', value: { emails } }).emails).toEqual(emails)
    // The same value and type, or one side without a type, is one entry that takes the new sub-attributes.
    expect(patch({}, { op: 'add', path: 'emails', value: [{ value: 'a@x.org' }, { value: 'A@x.org', type: 'work', primary: true }] }).emails).toEqual([
      { value: 'A@x.org', type: 'work', primary: true },
    ])
  })

  // Emails and phone numbers removed stay an empty list, the provider's "none": the view would
  // otherwise show the person's own (users/representation.ts). Other lists are simply gone.
  it('replaces all entries, and removes all', () => {
    expect(patch(bjensen(), { op: 'replace', path: 'emails', value: [{ value: 'only@x.org' }] }).emails).toEqual([{ value: 'only@x.org' }])
    expect(patch(bjensen(), { op: 'remove', path: 'emails' }).emails).toEqual([])
    expect(patch(bjensen(), { op: 'replace', path: 'emails', value: [] }).emails).toEqual([])
    expect(patch(bjensen(), { op: 'add', path: 'ims', value: [{ value: 'b@jabber.org' }] }, { op: 'remove', path: 'ims' })).not.toHaveProperty('ims')
  })

  it('removes the entries given as value', () => {
    const result = patch(bjensen(), { op: 'remove', path: 'emails', value: [{ value: 'BABS@JENSEN.ORG' }, { value: 'not@there' }] })
    expect(result.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }])
  })

  it('replaces a sub-attribute of the entries a filter matches', () => {
    const result = patch(bjensen(), { op: 'replace', path: 'emails[type eq "home"].value', value: 'babs@new.org' })
    expect(result.emails![1]).toEqual({ value: 'babs@new.org', type: 'home' })
  })

  it('creates the entry a filter describes when none matches', () => {
    const result = patch(
      bjensen(),
      { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '555-0100' },
      { op: 'add', path: 'addresses[type eq "home" and primary eq false].locality', value: 'Paris' },
      { op: 'replace', path: 'ims[type eq "xmpp"]', value: { value: 'b@jabber.org' } },
    )
    expect(result.phoneNumbers).toEqual([
      { value: '555-555-8377', type: 'home' },
      { type: 'work', value: '555-0100' },
    ])
    expect(result.addresses![1]).toEqual({ type: 'home', primary: false, locality: 'Paris' })
    expect(result.ims).toEqual([{ type: 'xmpp', value: 'b@jabber.org' }])
  })

  it('refuses with noTarget a filter that matches nothing and describes no entry', () => {
    const error = scimError(() => patch(bjensen(), { op: 'replace', path: 'emails[type eq "x" or type eq "y"].value', value: 'z' }))
    expect(error.scimType).toBe('noTarget')
  })

  it('replaces a whole filtered entry, keeping what the filter says', () => {
    const result = patch(bjensen(), { op: 'replace', path: 'emails[type eq "home"]', value: { value: 'b@new.org' } })
    expect(result.emails![1]).toEqual({ type: 'home', value: 'b@new.org' })
  })

  it('merges into the entries a filter matches on add', () => {
    const result = patch(bjensen(), { op: 'add', path: 'emails[type eq "home"]', value: { display: 'Home' } })
    expect(result.emails![1]).toEqual({ value: 'babs@jensen.org', type: 'home', display: 'Home' })
  })

  it('removes the entries a filter matches, or one of their sub-attributes', () => {
    expect(patch(bjensen(), { op: 'remove', path: 'emails[type eq "home"]' }).emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true },
    ])
    expect(patch(bjensen(), { op: 'remove', path: 'emails[value eq "BJENSEN@example.com"].primary' }).emails![0]).toEqual({
      value: 'bjensen@example.com',
      type: 'work',
    })
    expect(patch(bjensen(), { op: 'remove', path: 'phoneNumbers[type eq "home"]' }).phoneNumbers).toEqual([])
  })

  it('drops an address left with nothing but its type (Entra sends a work address of nulls)', () => {
    const sent = patch({ userName: 'u' }, { op: 'add', value: { addresses: [{ type: 'work', streetAddress: null, locality: null, primary: true }] } })
    expect(sent).not.toHaveProperty('addresses')
    const emptied = patch(bjensen(), { op: 'remove', path: 'addresses[type eq "work"].streetAddress' }, { op: 'remove', path: 'addresses[type eq "work"].locality' })
    expect(emptied).not.toHaveProperty('addresses')
    const kept = patch(bjensen(), { op: 'remove', path: 'addresses[type eq "work"].streetAddress' })
    expect(kept.addresses).toEqual([{ type: 'work', locality: 'Hollywood', primary: true }])
  })

  it('drops an entry whose value is removed: without its value it is no entry (RFC 7643 §2.4)', () => {
    const removed = patch(bjensen(), { op: 'remove', path: 'emails[type eq "home"].value' })
    expect(removed.emails!.map((e) => e.type)).toEqual(['work'])
    expect(patch(bjensen(), { op: 'remove', path: 'phoneNumbers.value' }).phoneNumbers).toEqual([])
  })

  it('takes a remove whose filter matches nothing as done (idempotent, as for a single-valued attribute)', () => {
    const user = bjensen()
    expect(patch(user, { op: 'remove', path: 'emails[type eq "other"]' })).toEqual(user)
    expect(patch(user, { op: 'remove', path: 'phoneNumbers[type eq "mobile"].value' })).toEqual(user)
    expect(patch({ userName: 'u' }, { op: 'remove', path: 'emails[type eq "work"].value' })).toEqual({ userName: 'u' })
  })

  it('treats a replace with null on a filter that matches nothing as done', () => {
    const user = bjensen()
    expect(patch(user, { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: null })).toEqual(user)
  })

  it('takes an entry whose value is an empty or blank string as no entry, like a null one', () => {
    const user = bjensen()
    expect(patch(user, { op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '' })).toEqual(user)
    expect(patch({ userName: 'u' }, { op: 'add', path: 'phoneNumbers', value: [{ type: 'work', value: null }, { type: 'mobile', value: ' ' }] })).toEqual({
      userName: 'u',
      phoneNumbers: [],
    })
    // An address has no value: one whose parts are all empty is none.
    expect(patch({ userName: 'u' }, { op: 'replace', path: 'addresses', value: [{ type: 'work', streetAddress: '', locality: null }] })).toEqual({ userName: 'u' })
  })

  it('keeps primary true on one entry: the one just written', () => {
    const added = patch(bjensen(), { op: 'add', path: 'emails', value: [{ value: 'new@x.org', primary: 'True' }] })
    expect(added.emails!.map((e) => e.primary)).toEqual([false, undefined, true])
    const flagged = patch(bjensen(), { op: 'replace', path: 'emails[type eq "home"].primary', value: true })
    expect(flagged.emails!.map((e) => e.primary)).toEqual([false, true])
    const replaced = patch(bjensen(), { op: 'replace', path: 'emails', value: [{ value: 'a', primary: true }, { value: 'b', primary: true }] })
    expect(replaced.emails!.map((e) => e.primary)).toEqual([false, true])
  })

  it('sets a sub-attribute on every entry when the path has no filter', () => {
    const result = patch(bjensen(), { op: 'replace', path: 'emails.display', value: 'x' })
    expect(result.emails!.map((e) => e.display)).toEqual(['x', 'x'])
  })
})

describe('applyUserPatch: password, id, extension, hand-built operations', () => {
  it('never stores a password; patchedPassword reads it', () => {
    const ops = normalizePatch(patchBody({ op: 'replace', value: { password: 's3cret!', title: 'x' } }), 'User')
    const result = applyUserPatch({ userName: 'u', password: 'old' } as ScimUserBody, ops)
    expect(result).toEqual({ userName: 'u', title: 'x' })
    expect(patchedPassword(ops)).toBe('s3cret!')
    expect(patchedPassword(normalizePatch(patchBody({ op: 'remove', path: 'password' }), 'User'))).toBeNull()
    expect(patchedPassword([])).toBeUndefined()
  })

  it('accepts the user its own id in a path-less value, and refuses another', () => {
    const ops = normalizePatch(patchBody({ op: 'replace', value: { id: USER_ID.toUpperCase(), active: false } }), 'User')
    expect(applyUserPatch({ userName: 'u' }, ops, USER_ID)).toEqual({ userName: 'u', active: false })
    expect(scimError(() => applyUserPatch({ userName: 'u' }, ops, 'another')).scimType).toBe('mutability')
    expect(scimError(() => applyUserPatch({ userName: 'u' }, ops)).scimType).toBe('mutability')
  })

  it('removes the whole extension, and keeps a schemas list in step', () => {
    const user = bjensen()
    const removed = patch(user, { op: 'remove', path: ENTERPRISE })
    expect(removed).not.toHaveProperty([ENTERPRISE])
    expect(removed.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User'])
    const core = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'u' }
    const added = patch(core, { op: 'add', path: `${ENTERPRISE}:costCenter`, value: '4130' })
    expect(added.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE])
    expect(patch(added, { op: 'remove', path: `${ENTERPRISE}:costCenter` })).toEqual(core)
  })

  it('re-checks operations built by hand', () => {
    const ops = [
      { op: 'replace', value: { 'NAME.givenName': 'A' } },
      { op: 'replace', path: { attribute: 'ACTIVE' }, value: 'False' },
      { op: 'add', path: { attribute: 'shoeSize' }, value: 9 },
    ] as PatchOperation[]
    expect(applyUserPatch({ userName: 'u' }, ops)).toEqual({ userName: 'u', name: { givenName: 'A' }, active: false })
    const bad = [{ op: 'replace', path: { attribute: 'active' }, value: 'maybe' }] as PatchOperation[]
    expect(scimError(() => applyUserPatch({ userName: 'u' }, bad)).scimType).toBe('invalidValue')
    const readOnly = [{ op: 'add', path: { attribute: 'meta', subAttribute: 'created' }, value: 'x' }] as PatchOperation[]
    expect(scimError(() => applyUserPatch({ userName: 'u' }, readOnly)).scimType).toBe('mutability')
  })

  it('survives a stored body of the wrong shape', () => {
    const odd = { userName: 'u', emails: 'x', name: 'y', phoneNumbers: [null, 5, { value: '1' }] } as unknown as ScimUserBody
    const result = patch(odd, { op: 'add', path: 'emails', value: [{ value: 'a@x' }] }, { op: 'add', path: 'name.givenName', value: 'A' })
    expect(result).toMatchObject({ emails: [{ value: 'a@x' }], name: { givenName: 'A' } })
  })
})
