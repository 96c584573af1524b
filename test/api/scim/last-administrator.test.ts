import { eq, sql } from 'drizzle-orm'
import { memberships, sessions } from '../../../drizzle/schema.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { lockLiveMembership } from '../../../api/core/memberships/shared.js'
import { someoneWaitsForALock } from '../../support/locks.js'
import { createToken, PATCH_OP, scimClient, type ScimClient } from '../../support/scim.js'

let t: TestApp
let scim: ScimClient
beforeAll(async () => {
  t = await createTestApp()
  scim = scimClient(t, (await createToken(t, await t.asAdmin(), { sendInvitationEmail: false })).token)
})
afterAll(() => t.close())

const deactivate = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'False' }] }

describe('the last active administrator', () => {
  it('cannot be deactivated by an identity provider, and nothing of the attempt stays', async () => {
    const admin = await t.asAdmin()
    const id = t.acme.membershipId
    const before = (await scim.get(`/Users/${id}`)).body
    const response = await scim.patch(`/Users/${id}`, deactivate)
    expect(response.status).toBe(409)
    expect(response.body.detail).toContain('last active administrator')
    const after = (await scim.get(`/Users/${id}`)).body
    expect(after.active).toBe(true)
    expect(after.meta.version).toBe(before.meta.version)
    // The administrator's session still works: the sessions were not ended either.
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users`)).status).toBe(200)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((e: { type: string }) => e.type)).not.toContain('blocked')
  })

  it('can be deactivated once another administrator is active', async () => {
    const admin = await t.asAdmin()
    const other = (await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'second-admin@example.com' })).body.id
    const groups = (await admin.get(`/api/accounts/${t.acme.accountId}/groups`)).body as { id: string; isDefault: boolean }[]
    const administrators = groups.find((g) => g.isDefault)!.id
    await t.db.execute(sql`update memberships set state = 'active' where id = ${other}`) // as if they had accepted
    expect((await admin.put(`/api/accounts/${t.acme.accountId}/users/${other}`, { groupIds: [administrators] })).status).toBe(200)
    const response = await scim.patch(`/Users/${t.acme.membershipId}`, deactivate)
    expect(response.status).toBe(200)
    expect(response.body.active).toBe(false)
    // Deactivation ends access at once: this was the person's only membership, so every session goes.
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users`)).status).toBe(401)
    const [member] = await t.db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.id, t.acme.membershipId))
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, member!.personId))).toHaveLength(0)
  })
  // A deactivation that waited for the member's lock read whether they administer the account in
  // its statement's snapshot, from before the change it waited for: a member made the last
  // administrator meanwhile was deactivated, and the account was left with none.
  it('is kept when the member became the last administrator while the deactivation waited', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const id = (await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'made-admin@example.com' })).body.id
    await t.db.execute(sql`update memberships set state = 'active' where id = ${id}`) // as if they had accepted
    let deactivating: Promise<{ status: number; body: any }> | undefined
    await t.db.transaction(async (tx) => {
      // Another change, as the core makes it: the member joins Administrators, and every other
      // administrator is blocked.
      await lockLiveMembership(tx, t.acme.accountId, id)
      await tx.execute(sql`insert into group_members (group_id, membership_id, account_id, created_at) values (${t.acme.groupId}, ${id}, ${t.acme.accountId}, now())`)
      await tx.execute(sql`update memberships set state = 'blocked', state_before_block = 'active' where account_id = ${t.acme.accountId}
        and id <> ${id} and state = 'active' and id in (select membership_id from group_members where group_id = ${t.acme.groupId})`)
      deactivating = scim.patch(`/Users/${id}`, deactivate)
      await someoneWaitsForALock(t)
    })
    const response = await deactivating!
    expect(response.status).toBe(409)
    expect(response.body.detail).toContain('last active administrator')
    expect((await scim.get(`/Users/${id}`)).body.active).toBe(true)
  })
})
