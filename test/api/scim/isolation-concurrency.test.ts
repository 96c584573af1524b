import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { createToken, filterQuery, GROUP, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

let t: TestApp
let acme: ScimClient
let globex: ScimClient

beforeAll(async () => {
  t = await createTestApp()
  acme = scimClient(t, (await createToken(t, await t.asAdmin(), { sendInvitationEmail: false })).token)
  const other = await createAccount(t.db, t.clock, { name: 'Globex', admin: { email: 'g@globex.test', firstName: 'G', lastName: 'G', password: 'Globex-pass-1!' } })
  const globexAdmin = await t.http.signIn('g@globex.test', 'Globex-pass-1!')
  const token = await globexAdmin.post(`/api/accounts/${other.accountId}/api-tokens`, { name: 'globex-idp' })
  globex = scimClient(t, token.body.token)
})
afterAll(() => t.close())

const user = (userName: string) => ({ schemas: [USER], userName, emails: [{ value: userName }] })

describe('tenant isolation', () => {
  it("a token of one account sees nothing of another's users and groups", async () => {
    const theirs = (await globex.post('/Users', user('secret@globex.test'))).body.id
    const theirGroup = (await globex.post('/Groups', { schemas: [GROUP], displayName: 'Globex only' })).body.id
    expect((await acme.get(`/Users/${theirs}`)).status).toBe(404)
    expect((await acme.get(`/Groups/${theirGroup}`)).status).toBe(404)
    expect((await acme.get(`/Users?${filterQuery('userName eq "secret@globex.test"')}`)).body.totalResults).toBe(0)
    expect((await acme.patch(`/Users/${theirs}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(404)
    expect((await acme.delete(`/Users/${theirs}`)).status).toBe(404)
    const mine = (await acme.post('/Groups', { schemas: [GROUP], displayName: 'Acme group' })).body.id
    // Left out like any id that names no user of the account: nothing of Globex joins, nothing is told.
    const sneaky = await acme.patch(`/Groups/${mine}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: theirs }] }] })
    expect(sneaky.status).toBe(204)
    expect((await acme.get(`/Groups/${mine}`)).body.members).toEqual([])
    expect((await globex.get(`/Users/${theirs}`)).body.groups.map((g: { display: string }) => g.display)).not.toContain('Acme group')
    expect((await globex.get(`/Users/${theirs}`)).body.active).toBe(true)
  })
})

describe('concurrency', () => {
  it('parallel creates of one userName: one 201, the rest 409', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => acme.post('/Users', user('race@example.com'))))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, ...Array(7).fill(409)])
    // One answer, whichever check caught the race (the read before the insert, or the unique index).
    const details = new Set(results.filter((r) => r.status === 409).map((r) => r.body.detail))
    expect([...details]).toEqual(['The userName "race@example.com" is already taken in this account.'])
  })

  it('twenty concurrent member PATCHes on one group keep all twenty', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await acme.post('/Users', user(`member${i}@example.com`))).body.id as string))
    const group = (await acme.post('/Groups', { schemas: [GROUP], displayName: 'Crowd' })).body.id
    const results = await Promise.all(
      ids.map((id) => acme.patch(`/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] })),
    )
    expect(results.every((r) => r.status === 204)).toBe(true)
    const members = (await acme.get(`/Groups/${group}`)).body.members.map((m: { value: string }) => m.value)
    expect(members.sort()).toEqual([...ids].sort())
  })

  it('a user removed from their last group falls back to the token group', async () => {
    const id = (await acme.post('/Users', user('fallback@example.com'))).body.id
    const tokenGroup = (await acme.get(`/Users/${id}`)).body.groups[0].value
    const group = (await acme.post('/Groups', { schemas: [GROUP], displayName: 'Temp', members: [{ value: id }] })).body.id
    await acme.patch(`/Groups/${tokenGroup}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] })
    expect((await acme.get(`/Users/${id}`)).body.groups.map((g: { value: string }) => g.value)).toEqual([group])
    await acme.patch(`/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] })
    expect((await acme.get(`/Users/${id}`)).body.groups.map((g: { value: string }) => g.value)).toEqual([tokenGroup])

    // Removed from the token group itself while it is their last group, they stay in it (as the
    // fallback), by filter, by value (Entra), and by replacing the members.
    const stays = async () => expect((await acme.get(`/Users/${id}`)).body.groups.map((g: { value: string }) => g.value)).toEqual([tokenGroup])
    for (const operation of [
      { op: 'remove', path: `members[value eq "${id}"]` },
      { op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] },
      { op: 'replace', path: 'members', value: [] },
    ]) {
      expect((await acme.patch(`/Groups/${tokenGroup}`, { schemas: [PATCH_OP], Operations: [operation] })).status).toBe(204)
      await stays()
    }
  })
})
