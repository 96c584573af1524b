// An identity provider's picture of the account lags behind it: members removed in the UI, ids
// in another case, PUTs that leave `active` out. None of it may wedge a group or undo a change;
// the provisioning log says what each request really changed.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD } from '../../support/fixtures.js'
import { GROUP, PATCH_OP, USER, withScimToken, type CreatedToken, type ScimClient } from '../../support/scim.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let token: CreatedToken
let scim: ScimClient
withScimToken({ name: 'okta-prod', sendInvitationEmail: false }, (bed) => ({ t, admin, token, scim } = bed))

const newUser = async (userName: string) => (await scim.post('/Users', { schemas: [USER], userName })).body.id as string
const memberIdsOf = async (groupId: string) => ((await scim.get(`/Groups/${groupId}`)).body.members as { value: string }[]).map((m) => m.value).sort()
const patchGroup = (groupId: string, ...Operations: unknown[]) => scim.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations })
/** The newest log summaries of this token's changes (reads left out), newest first. */
async function summaries(count: number) {
  await t.settle()
  const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
  return (log.body as { method: string; summary: string }[])
    .filter((entry) => entry.method !== 'GET')
    .slice(0, count)
    .map((entry) => entry.summary)
}

describe('member ids the account no longer knows', () => {
  it('are left out of adds, replaces and new groups, and the rest still applies', async () => {
    const kept = await newUser('kept@example.com')
    const removed = await newUser('removed-in-ui@example.com')
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${removed}`)).status).toBe(200)
    const garbage = 'not-an-id'
    const other = await newUser('other@example.com')

    const created = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Stale', members: [{ value: removed }, { value: kept }] })
    expect(created.status).toBe(201)
    expect(created.body.members.map((m: { value: string }) => m.value)).toEqual([kept])

    const add = await patchGroup(created.body.id, { op: 'Add', path: 'members', value: [{ value: removed }, { value: other }, { value: garbage }] })
    expect(add.status).toBe(204)
    expect(await memberIdsOf(created.body.id)).toEqual([kept, other].sort())

    const replace = await patchGroup(created.body.id, { op: 'replace', path: 'members', value: [{ value: removed }, { value: other }] })
    expect(replace.status).toBe(204)
    expect(await memberIdsOf(created.body.id)).toEqual([other])

    expect(await summaries(3)).toEqual([
      `Patched group Stale: removed kept@example.com, left out an id that is not a user of this account (${removed})`,
      `Patched group Stale: added other@example.com, left out 2 ids that are not users of this account (${removed}, ${garbage})`,
      `Created group Stale: added kept@example.com, left out an id that is not a user of this account (${removed})`,
    ])
  })

  it('in capitals name the same user as in lower case, for adds and removals alike', async () => {
    const id = await newUser('capitals@example.com')
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Capitals' })).body.id
    expect((await scim.get(`/Users/${id.toUpperCase()}`)).status).toBe(200)
    expect((await patchGroup(group, { op: 'add', path: 'members', value: [{ value: id.toUpperCase() }] })).status).toBe(204)
    expect(await memberIdsOf(group)).toEqual([id])
    expect((await patchGroup(group, { op: 'remove', path: `members[value eq "${id.toUpperCase()}"]` })).status).toBe(204)
    expect(await memberIdsOf(group)).toEqual([])
  })

  it('a group id in capitals is the same group: removing a user from the token\'s own group changes nothing, and says so', async () => {
    const id = await newUser('own-group@example.com')
    const own = token.provisionGroupId
    expect((await patchGroup(own.toUpperCase(), { op: 'remove', path: `members[value eq "${id}"]` })).status).toBe(204)
    expect(await memberIdsOf(own)).toContain(id)
    expect(await summaries(1)).toEqual([expect.stringMatching(/: members unchanged, kept 1 member whose only group this is \(the token's own\)$/)])
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['invited'])
  })
})

describe('the log says what changed, not what was asked', () => {
  it('a user PATCH or PUT that sends what is stored changed nothing, and says so', async () => {
    const id = await newUser('resent@example.com')
    const setTitle = () => scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }] })
    await setTitle()
    await setTitle()
    const { id: _id, meta: _meta, groups: _groups, ...body } = (await scim.get(`/Users/${id}`)).body
    expect((await scim.put(`/Users/${id}`, body)).status).toBe(200)
    expect(await summaries(3)).toEqual([
      'Replaced user resent@example.com: nothing changed',
      'Patched user resent@example.com: nothing changed',
      'Patched user resent@example.com: replace title',
    ])
  })

  it('a PATCH that sets a password says it was ignored: it is never stored', async () => {
    const id = await newUser('with-password@example.com')
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: 'Secr3t!', title: 'pw' } }] })
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'password', value: 'Other-1!' }] })
    expect(await summaries(2)).toEqual([
      'Patched user with-password@example.com: nothing changed',
      'Patched user with-password@example.com: replace password (ignored), replace title',
    ])
  })

  it('names enterprise attributes in the log by their own names, not by the schema URN', async () => {
    const id = await newUser('enterprise-log@example.com')
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { [`${enterprise}:employeeNumber`]: '9', 'name.givenName': 'A' } }] })
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: enterprise }] })
    expect(await summaries(2)).toEqual([
      'Patched user enterprise-log@example.com: remove enterprise attributes',
      'Patched user enterprise-log@example.com: replace employeeNumber (enterprise), replace name.givenName',
    ])
  })

  it('a PUT of what GET showed changes nothing, when the provider had said "no phone" (an empty list GET leaves out)', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'no-phone@example.com', phoneNumbers: [{ type: 'work', value: null }] })
    expect(created.status).toBe(201)
    const { id, meta: _meta, groups: _groups, ...body } = (await scim.get(`/Users/${created.body.id}`)).body
    expect(body).not.toHaveProperty('phoneNumbers')
    const put = await scim.put(`/Users/${id}`, body)
    expect(put.body.meta.version).toBe(created.body.meta.version)
    expect(await summaries(1)).toEqual(['Replaced user no-phone@example.com: nothing changed'])
  })

  it('a PUT that changes something names the attributes it changed, as the history does', async () => {
    const id = await newUser('put-changes@example.com')
    const { id: _id, meta: _meta, groups: _groups, ...body } = (await scim.get(`/Users/${id}`)).body
    const put = await scim.put(`/Users/${id}`, { ...body, title: 'Engineer', name: { givenName: 'Paula', familyName: 'Put' } })
    expect(put.status).toBe(200)
    expect(await summaries(1)).toEqual(['Replaced user put-changes@example.com: changed name, title'])
    const { id: _again, meta: _meta2, groups: _groups2, ...current } = (await scim.get(`/Users/${id}`)).body
    const deactivated = await scim.put(`/Users/${id}`, { ...current, active: false })
    expect(deactivated.body.active).toBe(false)
    expect(await summaries(1)).toEqual(['Replaced user put-changes@example.com (deactivated)'])
  })

  it("Okta's whole-user PUT, resent with its keys in another order, changes nothing: same version, no history", async () => {
    const okta = (name: Record<string, string>) => ({
      schemas: [USER],
      userName: 'okta-put@example.com',
      name,
      emails: [{ primary: true, value: 'okta-put@example.com', type: 'work' }],
      displayName: 'Isaac Brock',
      password: 'Secret-123!',
      groups: [],
      active: true,
    })
    const created = await scim.post('/Users', okta({ givenName: 'Isaac', middleName: '', familyName: 'Brock' }))
    expect(created.status).toBe(201)
    const id = created.body.id as string
    const first = await scim.put(`/Users/${id}`, okta({ givenName: 'Isaac', middleName: '', familyName: 'Brock' }))
    const second = await scim.put(`/Users/${id}`, okta({ familyName: 'Brock', middleName: '', givenName: 'Isaac' }))
    expect([first.status, second.status]).toEqual([200, 200])
    expect(first.body.meta.version).toBe(created.body.meta.version)
    expect(second.body.meta.version).toBe(created.body.meta.version)
    expect(second.body.meta.lastModified).toBe(created.body.meta.lastModified)
    expect(await summaries(2)).toEqual(['Replaced user okta-put@example.com: nothing changed', 'Replaced user okta-put@example.com: nothing changed'])
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['invited'])
  })

  it('the name a person chose at registration outlives a PUT of what GET showed and a PATCH of another attribute; a changed part still follows', async () => {
    const created = await scim.post('/Users', { schemas: [USER], userName: 'own-name@example.com', name: { givenName: 'B2', familyName: 'Bulk' } })
    const id = created.body.id as string
    const usersPath = `/api/accounts/${t.acme.accountId}/users/${id}`
    expect((await admin.post(`${usersPath}/resend-invitation`, {})).status).toBe(200)
    const link = await t.invitationLinkFromEmail('own-name@example.com')
    expect((await acceptByForm(t, link, { firstName: 'Beatrice', lastName: 'Own', password: GOOD_PASSWORD })).status).toBe(200)
    const nameOf = async () => {
      const { firstName, lastName } = (await admin.get(usersPath)).body
      return `${firstName} ${lastName}`
    }

    const { id: _id, meta, groups: _groups, ...shown } = (await scim.get(`/Users/${id}`)).body
    const put = await scim.put(`/Users/${id}`, shown)
    expect(put.body.meta.version).toBe(meta.version)
    expect(await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Analyst' }] })).toMatchObject({ status: 200 })
    expect(await nameOf()).toBe('Beatrice Own')
    expect(await summaries(2)).toEqual(['Patched user own-name@example.com: replace title', 'Replaced user own-name@example.com: nothing changed'])

    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'name.familyName', value: 'Married' }] })
    expect(await nameOf()).toBe('Beatrice Married')
  })

  it('a member removed from their last group falls back to the token\'s own, and the log says so', async () => {
    const id = await newUser('falls-back@example.com')
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Fallback', members: [{ value: id }] })).body.id
    await patchGroup(token.provisionGroupId, { op: 'remove', path: `members[value eq "${id}"]` })
    await patchGroup(group, { op: 'remove', path: `members[value eq "${id}"]` })
    expect(await memberIdsOf(token.provisionGroupId)).toContain(id)
    expect(await summaries(2)).toEqual([
      "Patched group Fallback: removed falls-back@example.com, 1 member left without a group joined the token's own",
      'Patched group Provisioned users: removed falls-back@example.com',
    ])
  })

  it('a member removed and added back in one PATCH keeps their group and joins no other', async () => {
    const id = await newUser('back-again@example.com')
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Round trip', members: [{ value: id }] })).body.id
    await patchGroup(token.provisionGroupId, { op: 'remove', path: `members[value eq "${id}"]` })
    // Okta's membership change (remove by filter, then add), and Entra's (Remove by value, then Add).
    await patchGroup(group, { op: 'remove', path: `members[value eq "${id}"]` }, { op: 'add', path: 'members', value: [{ value: id }] })
    await patchGroup(group, { op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }, { op: 'Add', path: 'members', value: [{ value: id }] })
    expect(((await scim.get(`/Users/${id}`)).body.groups as { value: string }[]).map((g) => g.value)).toEqual([group])
    expect(await summaries(2)).toEqual(['Patched group Round trip: members unchanged', 'Patched group Round trip: members unchanged'])
    // Removed, added back and removed again: once, and only then does the member fall back.
    await patchGroup(group, { op: 'remove', path: `members[value eq "${id}"]` }, { op: 'add', path: 'members', value: [{ value: id }] }, { op: 'remove', path: `members[value eq "${id}"]` })
    expect((await summaries(1))[0]).toBe("Patched group Round trip: removed back-again@example.com, 1 member left without a group joined the token's own")
  })

  it('a failed request about a user or group is named in the log by that user or group, even once deleted', async () => {
    const id = await newUser('named-failure@example.com')
    const bad = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'frobnicate', path: 'title', value: 'x' }] })
    expect(bad.status).toBe(400)
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Named Failures' })).body.id
    expect((await patchGroup(group, { op: 'remove', path: 'displayName' })).status).toBe(400)
    expect((await scim.delete(`/Users/${id}`)).status).toBe(204)
    expect((await scim.put(`/Users/${id}`, { schemas: [USER], userName: 'named-failure@example.com' })).status).toBe(404)
    const [gone, , groupFailure, , userFailure] = await summaries(5)
    expect(gone).toBe(`named-failure@example.com: User ${id} not found.`)
    // Not an endpoint: nothing to name, though the path ends in the user's id.
    expect((await scim.patch(`/Groups/${group}/Users/${id}`, { schemas: [PATCH_OP], Operations: [] })).status).toBe(404)
    expect((await summaries(1))[0]).toMatch(/^No such SCIM endpoint/)
    expect(groupFailure).toMatch(/^Named Failures: /)
    expect(userFailure).toMatch(/^named-failure@example\.com: .*op/)
  })

  it('a repeated add, a removal of a non-member and a rename to the same name change nothing', async () => {
    const id = await newUser('already@example.com')
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Steady', members: [{ value: id }] })).body.id
    await patchGroup(group, { op: 'add', path: 'members', value: [{ value: id }] })
    await patchGroup(group, { op: 'remove', path: 'members[value eq "00000000-0000-4000-8000-000000000000"]' })
    await patchGroup(group, { op: 'replace', value: { id: group, displayName: 'Steady' } })
    await patchGroup(group, { op: 'replace', path: 'displayName', value: 'Flicker' }, { op: 'replace', path: 'displayName', value: 'Steady' }, { op: 'replace', path: 'externalId', value: null })
    await patchGroup(group, { op: 'replace', value: { id: group, displayName: 'Steadier' } })
    expect(await summaries(5)).toEqual([
      'Patched group Steady: renamed to Steadier',
      'Patched group Steady: nothing changed',
      'Patched group Steady: nothing changed',
      'Patched group Steady: members unchanged',
      'Patched group Steady: members unchanged',
    ])
  })

  it('a rename to the name a group has, however spaced, leaves its lastModified', async () => {
    const created = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Same Name' })
    t.clock.advance(60_000)
    await patchGroup(created.body.id, { op: 'replace', path: 'displayName', value: 'Same Name' })
    await scim.put(`/Groups/${created.body.id}`, { schemas: [GROUP], displayName: '  Same Name ' })
    expect((await scim.get(`/Groups/${created.body.id}`)).body.meta).toMatchObject({ lastModified: created.body.meta.lastModified, version: created.body.meta.version })
  })

  it('names up to three members a change added or removed, and counts more', async () => {
    const ids = await Promise.all(['n1', 'n2', 'n3', 'n4'].map((name) => newUser(`${name}@example.com`)))
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Named', members: ids.map((value) => ({ value })) })).body.id
    await patchGroup(group, { op: 'remove', path: 'members', value: [{ value: ids[0] }, { value: ids[1]!.toUpperCase() }] })
    const [removed, created] = await summaries(2)
    expect(created).toBe('Created group Named: added 4 members')
    expect(removed).toMatch(/^Patched group Named: removed (n1@example\.com, n2@example\.com|n2@example\.com, n1@example\.com)$/)
  })

  it('a group PUT without the externalId it had removes it, and says so', async () => {
    const group = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Okta Sales', externalId: 'okta-g1' })).body.id
    const put = await scim.put(`/Groups/${group}`, { schemas: [GROUP], displayName: 'Okta Sales' })
    expect(put.body).not.toHaveProperty('externalId')
    await scim.put(`/Groups/${group}`, { schemas: [GROUP], displayName: 'Okta Sales', externalId: 'okta-g2' })
    expect(await summaries(2)).toEqual(['Replaced group Okta Sales: externalId set', 'Replaced group Okta Sales: externalId removed'])
  })
})

describe('PUT /Users of what GET returned', () => {
  it('changes nothing for a member added in the UI, even resent with its keys in another order: same version, no history line', async () => {
    const invited = await admin.post(`/api/accounts/${t.acme.accountId}/users`, {
      firstName: 'Ui',
      lastName: 'Added',
      email: 'ui-added@example.com',
      countryCode: 'CH',
      phone: '446681800',
      groupIds: [t.acme.groupId],
    })
    expect(invited.status).toBe(201)
    const read = await scim.get(`/Users/${invited.body.id}`)
    expect(read.body.phoneNumbers).toHaveLength(1)
    const put = await scim.put(`/Users/${invited.body.id}`, read.body)
    expect(put.status).toBe(200)
    expect(put.body.meta.version).toBe(read.body.meta.version)
    expect(put.body).toEqual(read.body)
    // As a provider that rebuilds what it read (Go's encoding/json sorts keys) sends it back.
    const reordered = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reordered)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([key, child]) => [key, reordered(child)]))
      : value
    const again = await scim.put(`/Users/${invited.body.id}`, reordered(read.body))
    expect(again.body.meta.version).toBe(read.body.meta.version)
    expect(again.body).toEqual(read.body)
    expect(await summaries(2)).toEqual(['Replaced user ui-added@example.com: nothing changed', 'Replaced user ui-added@example.com: nothing changed'])
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: invited.body.id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['invited'])
  })
})

describe('PATCH /Users removing active, or setting it to null', () => {
  it('keeps a deactivated user deactivated, in both PATCH dialects', async () => {
    const id = await newUser('patched-blocked@example.com')
    const patch = (operation: Record<string, unknown>) => scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [operation] })
    await patch({ op: 'replace', path: 'active', value: 'False' })
    for (const operation of [
      { op: 'remove', path: 'active' },
      { op: 'Replace', value: { active: null, title: 'Engineer' } },
      { op: 'replace', path: 'active', value: null },
    ]) {
      const patched = await patch(operation)
      expect(patched.status).toBe(200)
      expect(patched.body.active).toBe(false)
    }
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)).body.state).toBe('blocked')
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).not.toContain('unblocked')
  })
})

describe('PUT /Users without active', () => {
  it('keeps a deactivated user deactivated, and sends no new invitation', async () => {
    const id = await newUser('stays-blocked@example.com')
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
    const put = await scim.put(`/Users/${id}`, { schemas: [USER], userName: 'stays-blocked@example.com', name: { givenName: 'Still', familyName: 'Blocked' } })
    expect(put.status).toBe(200)
    expect(put.body.active).toBe(false)
    expect(put.body.name).toEqual({ givenName: 'Still', familyName: 'Blocked' })
    const user = await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)
    expect(user.body.state).toBe('blocked')
    const withActive = await scim.put(`/Users/${id}`, { schemas: [USER], userName: 'stays-blocked@example.com', active: true })
    expect(withActive.body.active).toBe(true)
  })
})
