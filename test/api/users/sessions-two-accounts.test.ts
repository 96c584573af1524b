import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { sessions } from '../../../drizzle/schema.js'
import { blockLocked } from '../../../api/core/memberships/block.js'
import { lockLiveMembership } from '../../../api/core/memberships/shared.js'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import { someoneWaitsForALock } from '../../support/locks.js'
import type { Session } from '../../support/http.js'
import { PATCH_OP, scimClient } from '../../support/scim.js'

// A person's sessions end when their last Active membership does, whichever account ends it. Two
// accounts ending the person's last two memberships at the same moment each saw the other one
// still Active, and neither ended the sessions: the person stayed signed in with no access left.
let t: TestApp
let acmeAdmin: Session
let globex: Awaited<ReturnType<typeof createAccount>>
let globexAdmin: Session
beforeAll(async () => {
  t = await createTestApp()
  acmeAdmin = await t.asAdmin()
  globex = await createAccount(t.db, t.clock, {
    name: 'Globex',
    admin: { email: 'boss@globex.test', firstName: 'Gus', lastName: 'Boss', password: GOOD_PASSWORD },
  })
  globexAdmin = await t.http.signIn('boss@globex.test', GOOD_PASSWORD)
})
afterAll(() => t.close())

/** A person who is an Active member of Acme and of Globex, signed in. */
async function memberOfBoth(email: string) {
  const inAcme = await invite(t, acmeAdmin, { email })
  await acceptByForm(t, await t.invitationLinkFromEmail(email), { password: GOOD_PASSWORD })
  t.clock.advance(1000) // so that the last email is Globex's invitation
  const inGlobex = await globexAdmin.post(`/api/accounts/${globex.accountId}/users`, {
    firstName: 'Grace',
    lastName: 'Hopper',
    email,
    groupIds: [globex.groupId],
  })
  expect(inGlobex.status).toBe(201)
  await acceptByForm(t, await t.invitationLinkFromEmail(email), { password: GOOD_PASSWORD })
  expect((await acmeAdmin.get(`/api/accounts/${t.acme.accountId}/users/${inAcme.id}`)).body.state).toBe('active')
  expect((await globexAdmin.get(`/api/accounts/${globex.accountId}/users/${inGlobex.body.id}`)).body.state).toBe('active')
  const session = await t.http.signIn(email, GOOD_PASSWORD)
  expect((await session.get('/api/auth/me')).status).toBe(200)
  return { acmeId: inAcme.id, globexId: inGlobex.body.id as string, session }
}

const sessionsOf = async (personId: string) => t.db.select().from(sessions).where(eq(sessions.personId, personId))

describe('ending a person’s last two memberships at once', () => {
  it('ends their sessions when Globex blocks while Acme removes', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const { acmeId, globexId, session } = await memberOfBoth('both.ways@example.com')
    let removing: Promise<{ status: number }> | undefined
    let personId = ''
    await t.db.transaction(async (tx) => {
      // Globex's block, as the core runs it, still uncommitted when Acme's removal starts.
      const member = await lockLiveMembership(tx, globex.accountId, globexId)
      personId = member.personId
      await blockLocked(tx, t.clock.now(), { type: 'system', label: 'test' }, member)
      removing = acmeAdmin.delete(`/api/accounts/${t.acme.accountId}/users/${acmeId}`)
      await someoneWaitsForALock(t)
    })
    expect((await removing!).status).toBe(200)
    expect(await sessionsOf(personId)).toHaveLength(0)
    expect((await session.get('/api/auth/me')).status).toBe(401)
  })

  it('ends their sessions when both accounts block at once', async (context) => {
    if (t.driver !== 'postgres') return context.skip()
    const { acmeId, globexId, session } = await memberOfBoth('blocked.twice@example.com')
    const token = await globexAdmin.post(`/api/accounts/${globex.accountId}/api-tokens`, { name: 'globex-idp' })
    const globexScim = scimClient(t, token.body.token)
    let blocking: Promise<{ status: number }> | undefined
    let personId = ''
    await t.db.transaction(async (tx) => {
      const member = await lockLiveMembership(tx, t.acme.accountId, acmeId)
      personId = member.personId
      await blockLocked(tx, t.clock.now(), { type: 'system', label: 'test' }, member)
      blocking = globexScim.patch(`/Users/${globexId}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
      await someoneWaitsForALock(t)
    })
    expect((await blocking!).status).toBe(200)
    expect(await sessionsOf(personId)).toHaveLength(0)
    expect((await session.get('/api/auth/me')).status).toBe(401)
  })
})
