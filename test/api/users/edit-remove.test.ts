import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memberships, sessions } from '../../../drizzle/schema.js'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let path: string
let sales: string
let support: string

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.asAdmin()
  path = `/api/accounts/${t.acme.accountId}/users`
  sales = (await admin.post(`/api/accounts/${t.acme.accountId}/groups`, { name: 'Sales' })).body.id
  support = (await admin.post(`/api/accounts/${t.acme.accountId}/groups`, { name: 'Support' })).body.id
})
afterAll(() => t.close())

async function activeMember(groupIds: string[]) {
  const user = await invite(t, admin, { groupIds })
  await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
  return user
}

describe('editing groups', () => {
  it('replaces the groups and records what changed', async () => {
    const user = await invite(t, admin, { groupIds: [sales] })
    // react-admin's update sends the whole record back; only the groups count.
    const record = (await admin.get(`${path}/${user.id}`)).body
    const response = await admin.put(`${path}/${user.id}`, { ...record, firstName: 'Changed', groupIds: [support, t.acme.groupId] })
    expect(response.status).toBe(200)
    expect(response.body.groupIds.sort()).toEqual([support, t.acme.groupId].sort())
    expect(response.body.firstName).toBe(record.firstName)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)
    expect(history.body[0]).toMatchObject({ type: 'groups_changed', actor: { type: 'administrator', label: 'Ada Admin' } })
    expect(history.body[0].data).toEqual({ added: expect.arrayContaining(['Support', 'Administrators']), removed: ['Sales'] })
  })

  it('never leaves a user with zero groups, nor with groups of nowhere', async () => {
    const user = await invite(t, admin, { groupIds: [sales] })
    for (const groupIds of [[], [crypto.randomUUID()], ['x']]) {
      const response = await admin.put(`${path}/${user.id}`, { groupIds })
      expect(response.status).toBe(400)
      expect(response.body.errors).toHaveProperty('groupIds')
    }
    expect((await admin.get(`${path}/${user.id}`)).body.groupIds).toEqual([sales])
  })

  it('keeps one active administrator: the last one cannot leave Administrators', async () => {
    const response = await admin.put(`${path}/${t.acme.membershipId}`, { groupIds: [sales] })
    expect(response.status).toBe(409)
    expect(response.body.message).toContain('last active administrator')
  })
})

describe('removing', () => {
  it('refuses to remove yourself, and says why', async () => {
    const response = await admin.delete(`${path}/${t.acme.membershipId}`)
    expect(response.status).toBe(403)
    expect(response.body.message).toBe('You cannot remove yourself from the account. Ask another administrator to do it.')
  })

  it('removing an Invited user kills their link and emails them', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    t.clock.advance(1000) // so that "the last email" is the removal one
    const response = await admin.delete(`${path}/${user.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ id: user.id, state: 'invited' })
    expect((await t.http.send('GET', new URL(link).pathname)).status).toBe(404)
    expect((await admin.get(`${path}/${user.id}`)).status).toBe(404)
    const email = await t.lastEmailTo(user.email)
    expect(email?.subject).toBe('Your invitation to Acme was withdrawn')
    expect((await admin.delete(`${path}/${user.id}`)).status).toBe(404)
  })

  it('removes from this account only: the person keeps their other accounts and can be invited back', async () => {
    const globex = await createAccount(t.db, t.clock, {
      name: 'Globex',
      admin: { email: 'multi@globex.test', firstName: 'Multi', lastName: 'Account', password: GOOD_PASSWORD },
    })
    const user = await invite(t, admin, { email: 'multi@globex.test' })
    await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
    const member = await t.http.signIn('multi@globex.test', GOOD_PASSWORD)
    t.clock.advance(1000) // so that "the last email" is the removal one
    expect((await admin.delete(`${path}/${user.id}`)).status).toBe(200)
    expect((await t.lastEmailTo('multi@globex.test'))?.subject).toBe('You have been removed from Acme')
    const me = await member.get('/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body.memberships).toEqual([{ accountId: globex.accountId, accountName: 'Globex', state: 'active', isAdministrator: true }])
    expect((await admin.post(path, { firstName: 'M', lastName: 'A', email: 'multi@globex.test', groupIds: [sales] })).status).toBe(201)
  })

  it('ends access at once: a removed administrator is refused on their next request', async () => {
    const other = await activeMember([t.acme.groupId])
    const session = await t.http.signIn(other.email, GOOD_PASSWORD)
    expect((await session.get(path)).status).toBe(200)
    expect((await admin.delete(`${path}/${other.id}`)).status).toBe(200)
    // With no active membership left anywhere, the person's sessions are gone.
    expect((await session.get(path)).status).toBe(401)
    const [m] = await t.db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.id, other.id))
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, m!.personId))).toHaveLength(0)
  })
})

describe('administrators only', () => {
  it('refuses active members who are not administrators with 403', async () => {
    const member = await activeMember([sales])
    const session = await t.http.signIn(member.email, GOOD_PASSWORD)
    const response = await session.get(path)
    expect(response.status).toBe(403)
    expect(response.body.message).toBe('Only administrators of this account can do this.')
  })

  it('refuses requests without a session with 401', async () => {
    const response = await t.http.send('GET', path)
    expect(response.status).toBe(401)
    expect(response.body).toMatchObject({ code: 'unauthenticated', requestId: expect.any(String) })
  })
})
