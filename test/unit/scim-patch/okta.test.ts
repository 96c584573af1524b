import { describe, expect, it } from 'vitest'
import { GROUP_ID, PATCH_OP, USER_ID, planGroup, patchUser, scimError } from './support.js'

describe('Okta', () => {
  it('deactivates with a path-less replace of active', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }
    expect(patchUser({ userName: 'test.user@okta.local', active: true }, body)).toEqual({
      userName: 'test.user@okta.local',
      active: false,
    })
  })

  it('reactivates, repeating the user id', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: USER_ID, active: true } }] }
    expect(patchUser({ userName: 'u', active: false }, body).active).toBe(true)
  })

  it('sets a password without storing it', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: 't1meMa$heen' } }] }
    expect(patchUser({ userName: 'u' }, body)).toEqual({ userName: 'u' })
  })

  it('renames a group with its id inside the value', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id: GROUP_ID, displayName: 'Test SCIMv2' } }],
    }
    expect(planGroup(body)).toEqual([{ kind: 'rename', displayName: 'Test SCIMv2' }])
  })

  it('refuses a rename carrying another group id', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id: '00000000-0000-0000-0000-000000000000', displayName: 'x' } }],
    }
    expect(scimError(() => planGroup(body)).scimType).toBe('mutability')
  })

  it('changes membership as a remove by filter, then an add', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' },
        {
          op: 'add',
          path: 'members',
          value: [{ value: '23a35c27-23d3-4c03-b4c5-6443c09e7173', display: 'test.user@okta.local' }],
        },
      ],
    }
    expect(planGroup(body)).toEqual([
      { kind: 'removeMembers', ids: ['89bb1940-b905-4575-9e7f-6f887cfb368e'] },
      { kind: 'addMembers', ids: ['23a35c27-23d3-4c03-b4c5-6443c09e7173'] },
    ])
  })

  it('replaces all members on "push now", even with a single member', () => {
    const all = {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'replace',
          path: 'members',
          value: [
            { value: '23a35c27-23d3-4c03-b4c5-6443c09e7173', display: 'test.user@okta.local' },
            { value: '89bb1940-b905-4575-9e7f-6f887cfb368e', display: 'other.user@okta.local' },
          ],
        },
      ],
    }
    expect(planGroup(all)).toEqual([
      { kind: 'replaceMembers', ids: ['23a35c27-23d3-4c03-b4c5-6443c09e7173', '89bb1940-b905-4575-9e7f-6f887cfb368e'] },
    ])
    const one = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'members', value: [{ value: 'u1' }] }] }
    expect(planGroup(one)).toEqual([{ kind: 'replaceMembers', ids: ['u1'] }])
  })
})
