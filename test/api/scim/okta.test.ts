import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { createToken, filterQuery, GROUP, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

// Okta: application/json, password and groups [] on create, PUT of the whole object, path-less
// active=false, group renames with the id in the value, remove-by-filter then add, push replaces all.
let t: TestApp
let scim: ScimClient
const json = { 'content-type': 'application/json' }

beforeAll(async () => {
  t = await createTestApp()
  scim = scimClient(t, (await createToken(t, await t.asAdmin(), { sendInvitationEmail: false })).token)
})
afterAll(() => t.close())

const oktaUser = (login: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName: login,
  name: { givenName: 'Olive', familyName: 'Okta' },
  emails: [{ primary: true, value: login, type: 'work' }],
  displayName: 'Olive Okta',
  locale: 'en-US',
  externalId: '00u1abcd',
  groups: [],
  password: 'Secret-from-okta-1',
  active: true,
  ...extra,
})

describe('Okta', () => {
  let id: string

  it('checks existence with startIndex and count, then creates with application/json, never echoing the password', async () => {
    const exists = await scim.get(`/Users?${filterQuery('userName eq "olive@okta.example"')}&startIndex=1&count=100`)
    expect(exists.body).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 })
    const created = await scim.post('/Users', JSON.stringify(oktaUser('olive@okta.example')), json)
    expect(created.status).toBe(201)
    expect(created.text).not.toContain('Secret-from-okta-1')
    expect(created.body).not.toHaveProperty('password')
    id = created.body.id
    // The token says no invitation email.
    expect(await t.lastEmailTo('olive@okta.example')).toBeNull()
  })

  it('updates with GET then PUT of the whole object, honouring active', async () => {
    const current = (await scim.get(`/Users/${id}`)).body
    const put = await scim.put(`/Users/${id}`, JSON.stringify({ ...current, displayName: 'Olive O.', title: 'CTO', active: false }), json)
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ displayName: 'Olive O.', title: 'CTO', active: false })
    const reactivated = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] })
    expect(reactivated.body.active).toBe(true)
  })

  it('deactivates with a path-less replace of active', async () => {
    const response = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
    expect(response.status).toBe(200)
    expect(response.body.active).toBe(false)
  })

  it('a deactivation of a user created without displayName changes nothing else, and reads as a block only', async () => {
    const { displayName: _displayName, ...bare } = oktaUser('bare@okta.example', { externalId: 'bare1' })
    const created = (await scim.post('/Users', bare)).body
    expect(created.displayName).toBe('Olive Okta')
    const patched = await scim.patch(`/Users/${created.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
    expect(patched.body.active).toBe(false)
    const { active: _a, meta: _m, ...after } = patched.body
    const { active: _b, meta: _n, ...before } = created
    expect(after).toEqual(before)
    const admin = await t.asAdmin()
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: created.id }))}`)
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['blocked', 'invited'])
  })

  it('pages imports with integer totals in a stable order', async () => {
    for (let i = 0; i < 5; i++) await scim.post('/Users', oktaUser(`page${i}@okta.example`, { externalId: `p${i}` }))
    const seen: string[] = []
    let startIndex = 1
    for (;;) {
      const page = await scim.get(`/Users?startIndex=${startIndex}&count=2`)
      expect(Number.isInteger(page.body.totalResults) && Number.isInteger(page.body.startIndex) && Number.isInteger(page.body.itemsPerPage)).toBe(true)
      seen.push(...page.body.Resources.map((r: { id: string }) => r.id))
      if (page.body.Resources.length < 2) break
      startIndex += 2
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe((await scim.get('/Users?count=0')).body.totalResults)
  })

  it('pushes groups: create, rename with id in the value, remove by filter then add, push-now replaces all', async () => {
    const users = (await scim.get('/Users?count=3')).body.Resources.map((r: { id: string }) => r.id)
    const group = await scim.post('/Groups', JSON.stringify({ schemas: [GROUP], displayName: 'Okta Push', members: [{ value: users[0] }] }), json)
    expect(group.status).toBe(201)
    const gid = group.body.id
    const renamed = await scim.patch(`/Groups/${gid}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: gid, displayName: 'Okta Pushed' } }] })
    expect(renamed.status).toBe(204)
    await scim.patch(`/Groups/${gid}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: `members[value eq "${users[0]}"]` },
        { op: 'add', path: 'members', value: [{ value: users[1] }] },
      ],
    })
    let current = (await scim.get(`/Groups/${gid}`)).body
    expect(current.displayName).toBe('Okta Pushed')
    expect(current.members.map((m: { value: string }) => m.value)).toEqual([users[1]])
    await scim.patch(`/Groups/${gid}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'members', value: [{ value: users[0] }, { value: users[2] }] }] })
    current = (await scim.get(`/Groups/${gid}`)).body
    expect(current.members.map((m: { value: string }) => m.value).sort()).toEqual([users[0], users[2]].sort())
  })
})
