import { describe, expect, it } from 'vitest'
import { ENTERPRISE, filterQuery, PATCH_OP, USER, withScimToken, type ScimClient } from '../../support/scim.js'

// OneLogin's "SCIM Provisioner with SAML (SCIM v2 Enterprise)": a JSON template the administrator
// edits, sent as it is once its parameters are filled in. Templates in the wild still carry SCIM
// 1.1 and draft URNs, a manager as `managerId`, and empty strings for parameters a user lacks.
let scim: ScimClient
withScimToken({ sendInvitationEmail: false }, (bed) => ({ scim } = bed))

const LEGACY_CORE = 'urn:scim:schemas:core:2.0'
const LEGACY_ENTERPRISE = 'urn:scim:schemas:extension:enterprise:2.0'

const template = (login: string, enterprise: Record<string, unknown>) => ({
  schemas: [LEGACY_CORE, LEGACY_ENTERPRISE],
  userName: login,
  name: { familyName: 'Lopez', givenName: 'Lena' },
  emails: [{ value: login, type: 'work', primary: true }],
  title: 'Engineer',
  [LEGACY_ENTERPRISE]: enterprise,
})

describe('OneLogin', () => {
  let id: string

  it('keeps the enterprise attributes a template sends under a draft URN, and a manager sent as managerId', async () => {
    const created = await scim.post('/Users', template('lena@onelogin.example', { department: 'Ops', manager: { managerId: 'mgr-1', displayName: 'Max Manager' } }))
    expect(created.status).toBe(201)
    expect(created.body.schemas).toEqual([USER, ENTERPRISE])
    expect(created.body[ENTERPRISE]).toEqual({ department: 'Ops', manager: { value: 'mgr-1' } })
    expect(created.body).not.toHaveProperty(LEGACY_ENTERPRISE)
    id = created.body.id
    expect((await scim.get(`/Users/${id}`)).body[ENTERPRISE]).toEqual({ department: 'Ops', manager: { value: 'mgr-1' } })
    const found = await scim.get(`/Users?${filterQuery(`${ENTERPRISE}:department eq "Ops"`)}`)
    expect(found.body.Resources.map((u: { id: string }) => u.id)).toEqual([id])
  })

  it('reads a user without a manager (an empty managerId, a blank display name) as no manager', async () => {
    const created = await scim.post('/Users', template('nomanager@onelogin.example', { department: 'Ops', manager: { managerId: '', displayName: ' ' } }))
    expect(created.status).toBe(201)
    expect(created.body[ENTERPRISE]).toEqual({ department: 'Ops' })
  })

  it('updates by PUT to the user with a trailing "?", as its template, clearing the manager', async () => {
    const put = await scim.put(`/Users/${id}?`, template('lena@onelogin.example', { department: 'Finance', manager: { managerId: '', displayName: ' ' } }))
    expect(put.status).toBe(200)
    expect(put.body[ENTERPRISE]).toEqual({ department: 'Finance' })
    expect(put.body).toMatchObject({ userName: 'lena@onelogin.example', title: 'Engineer', name: { givenName: 'Lena', familyName: 'Lopez' } })
  })

  it('takes the SCIM 1.1 template: 1.0 URNs, and emails as one object', async () => {
    const legacy = {
      schemas: ['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:enterprise:1.0'],
      userName: 'old@onelogin.example',
      name: { familyName: 'Old', givenName: 'Olga', formatted: 'Olga Old' },
      emails: { value: 'old@onelogin.example', type: 'work', primary: true },
      'urn:scim:schemas:extension:enterprise:1.0': { department: 'Legal', manager: { managerId: id, displayName: 'Lena Lopez' } },
    }
    const created = await scim.post('/Users', legacy)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      emails: [{ value: 'old@onelogin.example', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Legal', manager: { value: id } },
    })
  })

  it('takes the draft URNs in filters, sortBy and attributes too', async () => {
    const byLegacy = await scim.get(`/Users?${filterQuery(`${LEGACY_ENTERPRISE}:department eq "Finance" and urn:scim:schemas:core:1.0:userName eq "lena@onelogin.example"`)}`)
    expect(byLegacy.body.Resources.map((u: { id: string }) => u.id)).toEqual([id])
    const sorted = await scim.get(`/Users?sortBy=${encodeURIComponent('urn:scim:schemas:core:2.0:User:userName')}&sortOrder=descending`)
    expect(sorted.status).toBe(200)
    const projected = await scim.get(`/Users/${id}?attributes=${encodeURIComponent(`urn:scim:schemas:core:1.0:userName,${LEGACY_ENTERPRISE}:department`)}`)
    expect(projected.body).toEqual({ schemas: [USER, ENTERPRISE], id, userName: 'lena@onelogin.example', [ENTERPRISE]: { department: 'Finance' } })
  })

  it('resolves PATCH paths under a draft URN, managerId included', async () => {
    const patched = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: `${LEGACY_ENTERPRISE}:department`, value: 'Sales' },
        { op: 'add', path: `${LEGACY_ENTERPRISE}:manager.managerId`, value: 'mgr-2' },
      ],
    })
    expect(patched.status).toBe(200)
    expect(patched.body[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: 'mgr-2' } })
    const byManager = await scim.get(`/Users?${filterQuery(`${LEGACY_ENTERPRISE}:manager.managerId eq "mgr-2"`)}`)
    expect(byManager.body.Resources.map((u: { id: string }) => u.id)).toEqual([id])
  })

  // A manager given as an object with managerId, by path or path-less, replaced the manager with
  // nothing: the value was read for its `value` key only.
  it('takes a PATCH value that gives the manager as managerId, by path or path-less', async () => {
    const byPath = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { managerId: 'mgr-3' } }],
    })
    expect(byPath.body[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: 'mgr-3' } })
    const pathLess = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { [LEGACY_ENTERPRISE]: { manager: { managerId: 'mgr-4' } } } }],
    })
    expect(pathLess.body[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: 'mgr-4' } })
    expect((await scim.get(`/Users/${id}`)).body[ENTERPRISE].manager).toEqual({ value: 'mgr-4' })
  })

  it('still leaves out attributes of a schema it does not know', async () => {
    const created = await scim.post('/Users', { ...template('custom@onelogin.example', {}), 'urn:example:custom:1.0': { badge: '7' } })
    expect(created.status).toBe(201)
    expect(JSON.stringify(created.body)).not.toContain('badge')
  })
})
