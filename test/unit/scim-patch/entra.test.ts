import { describe, expect, it } from 'vitest'
import type { ScimUserBody } from '../../../api/scim/schema/index.js'
import { ENTERPRISE, PATCH_OP, planGroup, patchUser } from './support.js'

const provisioned = (): ScimUserBody => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'Test_User_ab6490ee@testuser.com',
  active: true,
  emails: [{ primary: true, type: 'work', value: 'Test_User_ab6490ee@testuser.com' }],
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  [ENTERPRISE]: { department: 'Sales' },
})

describe('Entra ID, default dialect', () => {
  it('disables with a capitalised Replace and "False"', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }
    expect(patchUser(provisioned(), body).active).toBe(false)
  })

  it('sends Add on an attribute that already has a value', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Add', path: 'active', value: 'false' },
        { op: 'Add', path: 'displayName', value: 'Test User' },
        { op: 'Add', path: 'name.givenName', value: 'Updated' },
      ],
    }
    expect(patchUser(provisioned(), body)).toMatchObject({
      active: false,
      displayName: 'Test User',
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'Updated' },
    })
  })

  it('updates a filtered email and the family name', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    }
    const result = patchUser(provisioned(), body)
    expect(result.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }])
    expect(result.name?.familyName).toBe('updatedFamilyName')
  })

  it('creates the work phone that a filtered replace names', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+1 425 555 0100' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 425 555 0199' },
        { op: 'Replace', path: 'addresses[type eq "work"].streetAddress', value: '1 Microsoft Way' },
        { op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Admin' },
      ],
    }
    const result = patchUser(provisioned(), body)
    expect(result.phoneNumbers).toEqual([
      { type: 'work', value: '+1 425 555 0100' },
      { type: 'mobile', value: '+1 425 555 0199' },
    ])
    expect(result.addresses).toEqual([{ type: 'work', streetAddress: '1 Microsoft Way' }])
    expect(result.roles).toEqual([{ primary: true, value: 'Admin' }])
  })

  it('sets and clears the manager by bare id', () => {
    const set = patchUser(provisioned(), {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: 'b8f0e4b6-5e1a-4d7a-9a52-6a0f7e0b9d11' }],
    })
    expect(set[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: 'b8f0e4b6-5e1a-4d7a-9a52-6a0f7e0b9d11' } })
    const cleared = patchUser(set, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }] })
    expect(cleared[ENTERPRISE]).toEqual({ department: 'Sales' })
  })

  it('adds members, then removes one by value with $ref null', () => {
    expect(
      planGroup({
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'Add',
            path: 'members',
            value: [
              { $ref: null, value: 'f648f8d5ea4e4cd38e9c' },
              { $ref: null, value: '8b4e3d1a0c2f47f6a1d9' },
            ],
          },
        ],
      }),
    ).toEqual([{ kind: 'addMembers', ids: ['f648f8d5ea4e4cd38e9c', '8b4e3d1a0c2f47f6a1d9'] }])
    expect(
      planGroup({
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
      }),
    ).toEqual([{ kind: 'removeMembers', ids: ['f648f8d5ea4e4cd38e9c'] }])
  })

  it('renames a group and sets its externalId', () => {
    expect(
      planGroup({
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' },
          { op: 'Add', path: 'externalId', value: '60c5fd0b-52c3-4c86-8ee3-4b5fa1b1b1f1' },
        ],
      }),
    ).toEqual([
      { kind: 'rename', displayName: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' },
      { kind: 'externalId', value: '60c5fd0b-52c3-4c86-8ee3-4b5fa1b1b1f1' },
    ])
  })
})

describe('Entra ID with aadOptscim062020', () => {
  it('folds several replaces into one path-less value whose keys are attribute paths', () => {
    const body = {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'replace',
          value: {
            displayName: 'Pvlo',
            'name.givenName': 'A',
            'name.familyName': 'Pavlov',
            'emails[type eq "work"].value': 'pvlo@contoso.com',
            [`${ENTERPRISE}:employeeNumber`]: '9',
            [`${ENTERPRISE}:manager`]: { value: '3e2f0a1c-9c6d-4bb8-8b3c-1f2d3e4f5a6b' },
            active: false,
          },
        },
      ],
    }
    expect(patchUser(provisioned(), body)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee@testuser.com',
      active: false,
      displayName: 'Pvlo',
      emails: [{ primary: true, type: 'work', value: 'pvlo@contoso.com' }],
      name: { formatted: 'givenName familyName', familyName: 'Pavlov', givenName: 'A' },
      [ENTERPRISE]: { department: 'Sales', employeeNumber: '9', manager: { value: '3e2f0a1c-9c6d-4bb8-8b3c-1f2d3e4f5a6b' } },
    })
  })

  it('sends real booleans and lower-case ops', () => {
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: true }] }
    expect(patchUser({ userName: 'u', active: false }, body).active).toBe(true)
  })

  it('removes a member by filter', () => {
    expect(
      planGroup({
        schemas: [PATCH_OP],
        Operations: [{ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }],
      }),
    ).toEqual([{ kind: 'removeMembers', ids: ['7f4bc1a3-285e-48ae-8202-5accb43efb0e'] }])
  })
})
