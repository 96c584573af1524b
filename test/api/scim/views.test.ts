// What a client sees of a resource is one thing: the filter, sortBy, attributes on every
// operation, and meta.version all agree with the resource as GET returns it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { declineByForm } from '../../support/fixtures.js'
import { createToken, filterQuery, GROUP, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

let t: TestApp
let scim: ScimClient

beforeAll(async () => {
  t = await createTestApp()
  scim = scimClient(t, (await createToken(t, await t.asAdmin())).token)
})
afterAll(() => t.close())

const ids = (response: { body: { Resources: { id: string }[] } }) => response.body.Resources.map((r) => r.id)
const find = async (filter: string) => ids(await scim.get(`/Users?${filterQuery(filter)}`))
/** A member an administrator adds in the UI (into Administrators); their id. */
async function inviteInUi(person: Record<string, string>): Promise<string> {
  const admin = await t.asAdmin()
  const invited = await admin.post(`/api/accounts/${t.acme.accountId}/users`, { ...person, groupIds: [t.acme.groupId] })
  expect(invited.status).toBe(201)
  return invited.body.id as string
}

describe('filters match what the resource shows', () => {
  it('displayName and name.* of a member added in the UI come from the person', async () => {
    const admin = (await scim.get(`/Users?${filterQuery('userName eq "admin@acme.test"')}`)).body.Resources[0]
    expect(admin.displayName).toBeTruthy()
    expect(await find(`displayName eq "${admin.displayName}"`)).toEqual([admin.id])
    expect(await find(`name.formatted eq "${admin.name.formatted}"`)).toEqual([admin.id])
    expect(await find(`name.givenName eq "${admin.name.givenName}" and userName eq "admin@acme.test"`)).toEqual([admin.id])
  })

  it('a provider’s name object is shown whole, and filtered whole: no given name means none', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'no-given@example.com', name: { familyName: 'Only' } })
    expect(created.status).toBe(201)
    expect(created.body.name).toEqual({ familyName: 'Only' })
    expect(await find('userName eq "no-given@example.com" and name.givenName pr')).toEqual([])
    expect(await find('userName eq "no-given@example.com" and name.familyName eq "only"')).toEqual([created.body.id])
    expect(await find(`displayName eq "${created.body.displayName}" and userName eq "no-given@example.com"`)).toEqual([created.body.id])
  })

  it('makes up no family name: a user created with none has none, and filters so', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'goodun@example.com' })
    expect(created.body.name).toEqual({ givenName: 'goodun', formatted: 'goodun' })
    expect(created.body.displayName).toBe('goodun')
    expect(await find('userName eq "goodun@example.com" and name.familyName pr')).toEqual([])
    expect(await find('userName eq "goodun@example.com" and name.givenName eq "goodun"')).toEqual([created.body.id])
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Goodun’s group', members: [{ value: created.body.id }] })
    expect(group.body.members).toEqual([expect.objectContaining({ value: created.body.id, display: 'goodun' })])
  })

  it('a PATCH of one part of a name from the person leaves out the formatted name that spelled the old parts', async () => {
    const member = (await scim.get(`/Users?${filterQuery('userName eq "admin@acme.test"')}`)).body.Resources[0]
    expect(member.name).toEqual({ givenName: 'Ada', familyName: 'Admin', formatted: 'Ada Admin' })
    const patched = await scim.patch(`/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'name.familyName', value: 'Adminson' }] })
    expect(patched.status).toBe(200)
    expect(patched.body.name).toEqual({ givenName: 'Ada', familyName: 'Adminson' })
    const both = await scim.patch(`/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { 'name.formatted': 'Ada Adminson' } }] })
    expect(both.body.name).toEqual({ givenName: 'Ada', familyName: 'Adminson', formatted: 'Ada Adminson' })
  })

  it('a provider removing the only phone of a user added in the UI hides the person\'s phone, and filters agree', async () => {
    const id = await inviteInUi({ firstName: 'Phoebe', lastName: 'Phone', email: 'phoebe@example.com', countryCode: 'CH', phone: '+41446681800' })
    expect((await scim.get(`/Users/${id}`)).body.phoneNumbers).toEqual([{ value: '+41446681800', type: 'work' }])
    const patched = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'phoneNumbers[type eq "work"]', value: { type: 'work', value: null } }],
    })
    expect(patched.status).toBe(200)
    expect(patched.body.phoneNumbers).toBeUndefined()
    expect((await scim.get(`/Users/${id}`)).body.phoneNumbers).toBeUndefined()
    expect(await find('userName eq "phoebe@example.com" and phoneNumbers pr')).toEqual([])
  })

  it('a provider removing emails leaves none: not the person\'s address either, in GET and in filters', async () => {
    const fromUi = await inviteInUi({ firstName: 'Emil', lastName: 'Mail', email: 'emil@example.com' })
    const removeWork = { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'emails[type eq "work"].value' }] }
    const patched = await scim.patch(`/Users/${fromUi}`, removeWork)
    expect(patched.status).toBe(200)
    expect(patched.body.emails).toBeUndefined()
    expect(await find('emails.value eq "emil@example.com"')).toEqual([])

    const created = await scim.post('/Users', { schemas: [USER], userName: 'mail-x@example.com', emails: [{ value: 'mail-x@example.com', type: 'work', primary: true }] })
    const removed = await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'emails' }] })
    expect(removed.status).toBe(200)
    expect(removed.body.emails).toBeUndefined()
    expect((await scim.get(`/Users/${created.body.id}`)).body.emails).toBeUndefined()
    expect(await find('emails.value eq "mail-x@example.com"')).toEqual([])
    expect(await find('userName eq "mail-x@example.com" and emails pr')).toEqual([])

    // An empty list sent in a PUT or a POST is the provider's "none" too.
    const emptied = await scim.put(`/Users/${fromUi}`, { schemas: [USER], userName: 'emil@example.com', emails: [], phoneNumbers: [] })
    expect(emptied.status).toBe(200)
    expect(emptied.body.emails).toBeUndefined()
    const none = await scim.post('/Users', { schemas: [USER], userName: 'post-none@example.com', emails: [] })
    expect(none.status).toBe(201)
    expect(none.body.emails).toBeUndefined()

    // A PUT that leaves out emails the provider had stored removes them too.
    const second = await scim.post('/Users', { schemas: [USER], userName: 'put-x@example.com', emails: [{ value: 'put-x@example.com', primary: true }, { value: 'alias@example.com' }] })
    const { id: _id, meta: _meta, groups: _groups, emails: _emails, ...withoutEmails } = second.body
    const put = await scim.put(`/Users/${second.body.id}`, withoutEmails)
    expect(put.status).toBe(200)
    expect(put.body.emails).toBeUndefined()
    expect(await find('emails.value eq "put-x@example.com"')).toEqual([])

    // A member who never had a phone: removing phoneNumbers changes nothing, not even the version.
    const before = (await scim.get(`/Users/${fromUi}`)).body.meta.version
    const noPhone = await scim.patch(`/Users/${fromUi}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'phoneNumbers' }] })
    expect(noPhone.status).toBe(200)
    expect(noPhone.body.meta.version).toBe(before)
  })

  it('a userName or group name sent with spaces around it is stored trimmed, and found the way it was sent', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: '  spaced@example.org  ' })
    expect(created.status).toBe(201)
    expect(created.body.userName).toBe('spaced@example.org')
    expect(await find('userName eq "  spaced@example.org  "')).toEqual([created.body.id])
    expect(await find('userName eq "spaced@example.org" and userName ne "  spaced@example.org "')).toEqual([])
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: '  Spaced Group  ' })
    expect(group.body.displayName).toBe('Spaced Group')
    const groups = await scim.get(`/Groups?${filterQuery('displayName eq "  Spaced Group  "')}`)
    expect(groups.body.Resources.map((r: { id: string }) => r.id)).toEqual([group.body.id])
  })

  it('name, a complex attribute, can be tested with pr; compared whole or by an unknown part it is a 400', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'named@example.com', name: { familyName: 'Named' } })
    expect(await find('userName eq "named@example.com" and name pr')).toEqual([created.body.id])
    expect(await find('userName eq "named@example.com" and not (name pr)')).toEqual([])
    for (const filter of ['name eq "Named"', 'name.nickname eq "x"']) {
      const response = await scim.get(`/Users?${filterQuery(filter)}`)
      expect(response.status).toBe(400)
      expect(response.body.scimType).toBe('invalidFilter')
    }
    const empty = await scim.post('/Users', { schemas: [USER], userName: 'empty-name@example.com', name: { givenName: '', familyName: '' } })
    expect(await find(`userName eq "empty-name@example.com" and name pr`)).toEqual([])
    expect(await find(`userName eq "empty-name@example.com" and not (name pr)`)).toEqual([empty.body.id])
    const sorted = await scim.get(`/Users?sortBy=name`)
    expect(sorted.status).toBe(400)
  })

  it('a User filter naming the Group schema is refused', async () => {
    const response = await scim.get(`/Users?${filterQuery('urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x"')}`)
    expect(response.status).toBe(400)
    expect(response.body.scimType).toBe('invalidFilter')
    const own = await scim.get(`/Users?${filterQuery('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "admin@acme.test"')}`)
    expect(own.body.totalResults).toBe(1)
  })
})

describe('sortBy', () => {
  beforeAll(async () => {
    const people = [
      { userName: 'sorted-1@example.com', displayName: 'beta', title: 'Zeta', emails: [{ value: 'z@example.com' }, { value: 'a2@example.com', primary: true }] },
      { userName: 'sorted-2@example.com', displayName: 'Alpha', title: 'eta', emails: [{ value: 'm@example.com', primary: true }] },
      { userName: 'sorted-3@example.com', displayName: 'gamma', emails: [{ value: 'b@example.com' }] },
    ]
    for (const person of people) expect((await scim.post('/Users', { schemas: [USER], ...person })).status).toBe(201)
  })
  const sortedNames = async (sortBy: string, order = 'ascending') => {
    const response = await scim.get(`/Users?${filterQuery('userName sw "sorted-"')}&sortBy=${encodeURIComponent(sortBy)}&sortOrder=${order}`)
    expect(response.status).toBe(200)
    return response.body.Resources.map((r: { userName: string }) => r.userName.slice(7, 8))
  }

  it('sorts by any singular attribute, strings case-insensitively, missing values last', async () => {
    expect(await sortedNames('displayName')).toEqual(['2', '1', '3'])
    expect(await sortedNames('urn:ietf:params:scim:schemas:core:2.0:User:displayName', 'descending')).toEqual(['3', '1', '2'])
    expect(await sortedNames('title')).toEqual(['2', '1', '3'])
  })

  it('sorts by a multi-valued attribute’s primary value, else its first', async () => {
    expect(await sortedNames('emails')).toEqual(['1', '3', '2'])
    expect(await sortedNames('emails.value', 'descending')).toEqual(['2', '3', '1'])
  })

  it('refuses what has no single value to sort by', async () => {
    for (const sortBy of ['groups', 'nonsense', 'name']) {
      const response = await scim.get(`/Users?sortBy=${sortBy}`)
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ status: '400', scimType: 'invalidValue' })
    }
    expect((await scim.get('/Groups?sortBy=members')).status).toBe(400)
    expect((await scim.get('/Groups?sortBy=displayName&sortOrder=descending')).status).toBe(200)
  })
})

describe('attributes and versions', () => {
  it('meta.version is the resource’s, whatever part of it a list returns', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'versioned@example.com' })
    const etag = created.headers.get('etag')
    for (const projection of ['attributes=meta.version', 'excludedAttributes=groups', 'attributes=groups,meta']) {
      const listed = await scim.get(`/Users?${filterQuery('userName eq "versioned@example.com"')}&${projection}`)
      expect(listed.body.Resources[0].meta.version).toBe(etag)
    }
  })

  it('POST, PUT and PATCH return only the attributes asked for', async () => {
    const created = await scim.post('/Users?attributes=userName', { schemas: [USER], userName: 'partial@example.com', title: 'T' })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ schemas: [USER], id: expect.any(String), userName: 'partial@example.com' })
    expect(created.headers.get('location')).toContain(created.body.id)
    const patched = await scim.patch(`/Users/${created.body.id}?excludedAttributes=groups,meta,emails`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'title', value: 'U' }],
    })
    expect(patched.body.title).toBe('U')
    expect(Object.keys(patched.body)).not.toEqual(expect.arrayContaining(['groups']))
    expect(patched.body).not.toHaveProperty('meta')
    const replaced = await scim.put(`/Users/${created.body.id}?attributes=title`, { schemas: [USER], userName: 'partial@example.com', title: 'V' })
    expect(replaced.body).toEqual({ schemas: [USER], id: created.body.id, title: 'V' })
  })

  it('a group PATCH answers 204, or 200 with the group when attributes are asked for', async () => {
    const group = await scim.post('/Groups?excludedAttributes=members,meta', { schemas: [GROUP], displayName: 'Projected' })
    expect(group.status).toBe(201)
    expect(group.body).toEqual({ schemas: [GROUP], id: expect.any(String), displayName: 'Projected' })
    const rename = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Projected 2' }] }
    expect((await scim.patch(`/Groups/${group.body.id}`, rename)).status).toBe(204)
    const asked = await scim.patch(`/Groups/${group.body.id}?attributes=displayName`, { ...rename, Operations: [{ ...rename.Operations[0], value: 'Projected 3' }] })
    expect(asked.status).toBe(200)
    expect(asked.body).toEqual({ schemas: [GROUP], id: group.body.id, displayName: 'Projected 3' })
    expect(asked.headers.get('etag')).toBeTruthy()
  })
})

describe('group input', () => {
  it('holds a group name to 256 characters however it is set, and externalId to a string', async () => {
    const longest = await scim.post('/Groups', { schemas: [GROUP], displayName: 'x'.repeat(256) })
    expect(longest.status).toBe(201)
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Short' })
    const long = 'y'.repeat(257)
    for (const response of [
      await scim.post('/Groups', { schemas: [GROUP], displayName: long }),
      await scim.put(`/Groups/${group.body.id}`, { schemas: [GROUP], displayName: long }),
      await scim.patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: long }] }),
      await scim.patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: group.body.id, displayName: long } }] }),
      await scim.post('/Groups', { schemas: [GROUP], displayName: 'Odd id', externalId: { a: 1 } }),
    ]) {
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ status: '400', scimType: 'invalidValue' })
    }
    expect((await scim.get(`/Groups/${group.body.id}`)).body.displayName).toBe('Short')
    expect((await scim.get(`/Groups?${filterQuery('displayName eq "Odd id"')}`)).body.totalResults).toBe(0)
  })
})

describe('conditional reads and endpoints left out', () => {
  it('answers If-None-Match with the current version 304, and 200 once it changed', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'cached@example.com' })
    const etag = created.headers.get('etag')!
    const cached = await scim.get(`/Users/${created.body.id}`, { 'if-none-match': etag })
    expect(cached.status).toBe(304)
    expect(cached.text).toBe('')
    expect(cached.headers.get('etag')).toBe(etag)
    // Weak comparison (RFC 9110 §13.1.2): the tag without its W/ is the same version.
    expect((await scim.get(`/Users/${created.body.id}`, { 'if-none-match': etag.replace(/^W\//, '') })).status).toBe(304)
    await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'New' }] })
    const fresh = await scim.get(`/Users/${created.body.id}`, { 'if-none-match': etag })
    expect(fresh.status).toBe(200)
    expect(fresh.body.title).toBe('New')

    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Cached' })
    expect((await scim.get(`/Groups/${group.body.id}`, { 'if-none-match': `W/"other", ${group.headers.get('etag')}` })).status).toBe(304)
  })

  it('answers /Me, POST .search and /Bulk 501 with a SCIM error', async () => {
    const bulk = await scim.post('/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [] })
    for (const response of [await scim.get('/Me'), await scim.post('/.search', {}), await scim.post('/Users/.search', { filter: 'userName eq "a"' }), bulk]) {
      expect(response.status).toBe(501)
      expect(response.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '501' })
    }
  })
})

describe('group members', () => {
  it('reads members alike in POST, PUT and PATCH (trimmed; users only)', async () => {
    const member = (await scim.post('/Users', { schemas: [USER], userName: 'member-a@example.com' })).body.id
    const created = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Trimmed', members: [{ value: ` ${member} ` }] })
    expect(created.status).toBe(201)
    expect(created.body.members.map((m: { value: string }) => m.value)).toEqual([member])
    const put = await scim.put(`/Groups/${created.body.id}`, { schemas: [GROUP], displayName: 'Trimmed', members: [{ value: ` ${member}` }] })
    expect(put.status).toBe(200)
    const nested = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Nested', members: [{ value: created.body.id, type: 'Group' }] })
    expect(nested.status).toBe(400)
    expect(nested.body.scimType).toBe('invalidValue')
  })

  it('moves a group’s lastModified when a member is deleted', async () => {
    const member = (await scim.post('/Users', { schemas: [USER], userName: 'member-b@example.com' })).body.id
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Dwindling', members: [{ value: member }] })
    t.clock.advance(5000)
    expect((await scim.delete(`/Users/${member}`)).status).toBe(204)
    const after = await scim.get(`/Groups/${group.body.id}`)
    expect(after.body.members).toEqual([])
    expect(after.body.meta.lastModified).toBe(t.clock.now().toISOString())
    expect(after.body.meta.lastModified).not.toBe(group.body.meta.lastModified)
  })

  it('moves a group’s lastModified when a user joins it by a create, and a filter finds it by that time', async () => {
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Joined by creates' })).body
    const provisioner = scimClient(t, (await createToken(t, await t.asAdmin(), { provisionGroupId: group.id })).token)
    t.clock.advance(5000)
    const joinedAt = t.clock.now().toISOString()
    expect((await provisioner.post('/Users', { schemas: [USER], userName: 'joiner@example.com' })).status).toBe(201)
    const read = await scim.get(`/Groups/${group.id}?excludedAttributes=members`)
    expect(read.body.meta.lastModified).toBe(joinedAt)
    const listed = await scim.get(`/Groups?${filterQuery(`meta.lastModified ge "${joinedAt}" and displayName eq "Joined by creates"`)}`)
    expect(listed.body.Resources.map((r: { id: string }) => r.id)).toEqual([group.id])
  })

  it('moves the lastModified of the groups an administrator adds a member to and takes them from', async () => {
    const from = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Left in the UI' })).body
    const to = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Joined in the UI' })).body
    const member = await inviteInUi({ firstName: 'Moved', lastName: 'Around', email: 'moved@example.com' })
    const admin = await t.asAdmin()
    expect((await admin.put(`/api/accounts/${t.acme.accountId}/users/${member}`, { groupIds: [from.id] })).status).toBe(200)
    t.clock.advance(5000)
    expect((await admin.put(`/api/accounts/${t.acme.accountId}/users/${member}`, { groupIds: [to.id] })).status).toBe(200)
    for (const group of [from, to]) {
      expect((await scim.get(`/Groups/${group.id}`)).body.meta.lastModified).toBe(t.clock.now().toISOString())
    }
  })

  it('moves the lastModified of the groups an invitee leaves by declining', async () => {
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Declined' })).body
    const email = 'decliner@example.com'
    const invited = await (await t.asAdmin()).post(`/api/accounts/${t.acme.accountId}/users`, { firstName: 'De', lastName: 'Cliner', email, groupIds: [group.id] })
    expect(invited.status).toBe(201)
    t.clock.advance(5000)
    expect((await declineByForm(t, await t.invitationLinkFromEmail(email))).status).toBe(303)
    const read = await scim.get(`/Groups/${group.id}`)
    expect(read.body.members).toEqual([])
    expect(read.body.meta.lastModified).toBe(t.clock.now().toISOString())
  })
})
