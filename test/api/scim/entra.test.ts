import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { createToken, ENTERPRISE, filterQuery, GROUP, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

// Microsoft Entra ID's default dialect: capitalised ops, booleans as strings, nulls, roles: [].
let t: TestApp
let scim: ScimClient
let tokenName: string

beforeAll(async () => {
  t = await createTestApp()
  const token = await createToken(t, await t.asAdmin())
  tokenName = token.name
  scim = scimClient(t, token.token)
})
afterAll(() => t.close())

const entraUser = (upn: string) => ({
  schemas: [USER, ENTERPRISE],
  externalId: crypto.randomUUID(),
  userName: upn,
  active: 'True',
  displayName: 'Reto Mayer',
  title: null,
  preferredLanguage: 'de-CH',
  meta: { resourceType: 'User' },
  roles: [],
  name: { formatted: 'Reto Mayer', familyName: 'Mayer', givenName: 'Reto' },
  emails: [{ primary: 'True', type: 'work', value: upn }],
  phoneNumbers: [{ type: 'mobile', value: '+41 79 123 45 67' }],
  addresses: [{ type: 'work', formatted: null, streetAddress: 'Bahnhofstrasse 1', locality: 'Zürich', country: 'CH' }],
  [ENTERPRISE]: { employeeNumber: '1701', department: 'Engineering', manager: { value: crypto.randomUUID() } },
})

describe('Entra ID, default dialect', () => {
  let id: string

  it('test connection: a filter on a random GUID is an empty list, not a 404', async () => {
    const response = await scim.get(`/Users?${filterQuery(`userName eq "${crypto.randomUUID()}"`)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/scim+json')
    expect(response.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] })
  })

  it('creates a user with nulls, string booleans, roles [] and an unknown manager', async () => {
    const response = await scim.post('/Users', entraUser('reto.mayer@contoso.com'))
    expect(response.status).toBe(201)
    id = response.body.id
    expect(response.headers.get('location')).toBe(`http://roster.test/scim/v2/Users/${id}`)
    expect(response.headers.get('etag')).toBe(response.body.meta.version)
    expect(response.body).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: 'reto.mayer@contoso.com',
      active: true,
      name: { givenName: 'Reto', familyName: 'Mayer' },
      emails: [{ value: 'reto.mayer@contoso.com', type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: '1701', department: 'Engineering', manager: { value: expect.any(String) } },
      meta: { resourceType: 'User', location: `http://roster.test/scim/v2/Users/${id}` },
    })
    expect(response.body).not.toHaveProperty('title')
    expect(response.body.groups).toHaveLength(1)
    // The invitee is an Invited member of the account, with the token's group, and gets the email.
    const email = await t.lastEmailTo('reto.mayer@contoso.com')
    expect(email?.subject).toBe('Invitation to Roster')
  })

  it('keeps no entry for a phone number or email sent with a null value (a user with no work phone)', async () => {
    const response = await scim.post('/Users', {
      ...entraUser('no.phone@contoso.com'),
      phoneNumbers: [{ type: 'work', value: null }, { type: 'mobile', value: '+41 79 123 45 67' }],
      emails: [{ type: 'work', primary: true, value: 'no.phone@contoso.com' }, { type: 'other', value: null }],
    })
    expect(response.status).toBe(201)
    expect(response.body.phoneNumbers).toEqual([{ type: 'mobile', value: '+41 79 123 45 67' }])
    expect(response.body.emails).toEqual([{ type: 'work', primary: true, value: 'no.phone@contoso.com' }])
    const found = await scim.get(`/Users?${filterQuery('userName eq "no.phone@contoso.com" and phoneNumbers[type eq "work"]')}`)
    expect(found.body.totalResults).toBe(0)

    // The same through a filtered path, as Entra writes a work phone it does not have.
    const patched = await scim.patch(`/Users/${response.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Add', path: 'phoneNumbers[type eq "work"]', value: { type: 'work', value: null, primary: true } },
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"]', value: { type: 'mobile', value: null } },
      ],
    })
    expect(patched.status).toBe(200)
    expect(patched.body.phoneNumbers).toBeUndefined()
    const any = await scim.get(`/Users?${filterQuery('userName eq "no.phone@contoso.com" and phoneNumbers pr')}`)
    expect(any.body.totalResults).toBe(0)
  })

  it('clears attributes the user never had, and repeats a PATCH, without failing the rest of it', async () => {
    const clear = {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Remove', path: 'phoneNumbers[type eq "mobile"].value' },
        { op: 'Remove', path: 'addresses[type eq "work"].streetAddress' },
        { op: 'Replace', path: 'title', value: 'Engineer' },
      ],
    }
    const first = await scim.patch(`/Users/${id}`, clear)
    expect(first.status).toBe(200)
    expect(first.body.title).toBe('Engineer')
    const again = await scim.patch(`/Users/${id}`, clear)
    expect(again.status).toBe(200)
    expect(again.body.meta.version).toBe(first.body.meta.version)
  })

  it('finds the user by userName, case-insensitively and exactly', async () => {
    const found = await scim.get(`/Users?${filterQuery('userName eq "RETO.MAYER@contoso.com"')}`)
    expect(found.body.totalResults).toBe(1)
    expect(found.body.Resources[0].id).toBe(id)
    expect((await scim.get(`/Users?${filterQuery('userName eq "reto.mayer"')}`)).body.totalResults).toBe(0)
  })

  it('PATCHes with capitalised ops and "False"; a deactivated user is still found, then reactivated', async () => {
    const patch = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Reto M.' },
        { op: 'Add', path: 'active', value: 'False' },
        { op: 'Replace', path: 'name.givenName', value: 'Reto-Peter' },
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: 'manager-id-7' },
        { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+41 44 000 00 00' },
      ],
    })
    expect(patch.status).toBe(200)
    expect(patch.body).toMatchObject({ displayName: 'Reto M.', active: false, name: { givenName: 'Reto-Peter' } })
    expect(patch.body[ENTERPRISE].manager).toEqual({ value: 'manager-id-7' })
    expect(patch.body.phoneNumbers).toEqual(expect.arrayContaining([{ type: 'work', value: '+41 44 000 00 00' }]))
    const stillThere = await scim.get(`/Users?${filterQuery('userName eq "reto.mayer@contoso.com"')}`)
    expect(stillThere.body.Resources[0].active).toBe(false)

    const admin = await t.asAdmin()
    const user = await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)
    expect(user.body.state).toBe('blocked')
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id, type: 'blocked' }))}`)
    expect(history.body[0].actor).toEqual({ type: 'api_token', label: `token '${tokenName}'` })

    const back = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] })
    expect(back.body.active).toBe(true)
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)).body.state).toBe('invited')
  })

  it('creates a group empty, adds members, removes one by value with $ref null, and finds it by displayName', async () => {
    const second = (await scim.post('/Users', entraUser('ann@contoso.com'))).body.id
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Sales EU', externalId: 'g-1', members: [] })
    expect(group.status).toBe(201)
    const gid = group.body.id
    const add = await scim.patch(`/Groups/${gid}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: id }, { value: second }] }],
    })
    expect(add.status).toBe(204)
    const remove = await scim.patch(`/Groups/${gid}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: second }] }],
    })
    expect(remove.status).toBe(204)
    const found = await scim.get(`/Groups?${filterQuery('displayName eq "sales eu"')}`)
    expect(found.body.totalResults).toBe(1)
    expect(found.body.Resources[0].members.map((m: { value: string }) => m.value)).toEqual([id])
    const excluded = await scim.get(`/Groups/${gid}?excludedAttributes=members`)
    expect(excluded.body).not.toHaveProperty('members')
  })

  it('deletes the user, who then is gone (404)', async () => {
    expect((await scim.delete(`/Users/${id}`)).status).toBe(204)
    const gone = await scim.get(`/Users/${id}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: expect.any(String) })
  })
})

describe('Entra ID with aadOptscim062020', () => {
  it('takes lower-case ops, real booleans, path-less values keyed by attribute paths, and members[value eq ...]', async () => {
    const token = await createToken(t, await t.asAdmin())
    const client = scimClient(t, token.token)
    const created = await client.post('/Users?aadOptscim062020', entraUser('flag@contoso.com'))
    expect(created.status).toBe(201)
    const id = created.body.id
    const patched = await client.patch(`/Users/${id}?aadOptscim062020`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', value: { 'name.givenName': 'Flag', [`${ENTERPRISE}:employeeNumber`]: '9', active: false } },
      ],
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: { givenName: 'Flag' }, active: false, [ENTERPRISE]: { employeeNumber: '9' } })
    const group = (await client.post('/Groups?aadOptscim062020', { schemas: [GROUP], displayName: 'Flagged' })).body.id
    await client.patch(`/Groups/${group}?aadOptscim062020`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] })
    const removed = await client.patch(`/Groups/${group}?aadOptscim062020`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    })
    expect(removed.status).toBe(204)
    expect((await client.get(`/Groups/${group}`)).body.members).toEqual([])
  })
})
