import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { invitations, memberships, sessions } from '../../../drizzle/schema.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { someoneWaitsForALock } from '../../support/locks.js'
import { blockLocked } from '../../../api/core/memberships/block.js'
import { lockLiveMembership } from '../../../api/core/memberships/shared.js'
import { rowsOf } from '../../../api/core/rows.js'
import { acceptByForm, GOOD_PASSWORD } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'
import { createToken, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

// active=false blocks: the person's access to the account and any pending link end at once;
// active=true restores the state before the block.
let t: TestApp
let admin: Session
let scim: ScimClient
beforeAll(async () => {
  t = await createTestApp()
  admin = await t.asAdmin()
  scim = scimClient(t, (await createToken(t, admin)).token)
})
afterAll(() => t.close())

const setActive = (active: boolean) => ({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: active ? 'True' : 'False' }] })
const linkPath = (link: string) => new URL(link).pathname
const invitationStates = async (membershipId: string) =>
  (await t.db.select({ status: invitations.status }).from(invitations).where(eq(invitations.membershipId, membershipId))).map((row) => row.status).sort()
const usersPath = () => `/api/accounts/${t.acme.accountId}/users`

async function provision(userName: string): Promise<{ id: string; link: string }> {
  const created = await scim.post('/Users', { schemas: [USER], userName, name: { givenName: 'Lea', familyName: 'Frei' }, emails: [{ value: userName, primary: true }] })
  expect(created.status).toBe(201)
  return { id: created.body.id, link: await t.invitationLinkFromEmail(userName) }
}

describe('deactivation through SCIM', () => {
  it('kills a pending link at once; reactivation sends a new link and the old one stays dead', async () => {
    const { id, link } = await provision('lea.frei@example.com')
    expect((await t.http.send('GET', linkPath(link))).status).toBe(200)

    expect((await scim.patch(`/Users/${id}`, setActive(false))).body.active).toBe(false)
    expect((await t.http.send('GET', linkPath(link))).status).toBe(404)
    expect(await invitationStates(id)).toEqual(['withdrawn'])
    expect((await admin.get(`${usersPath()}/${id}`)).body.state).toBe('blocked')

    t.clock.advance(60_000)
    expect((await scim.patch(`/Users/${id}`, setActive(true))).body.active).toBe(true)
    const fresh = await t.invitationLinkFromEmail('lea.frei@example.com')
    expect(fresh).not.toBe(link)
    expect((await t.http.send('GET', linkPath(fresh))).status).toBe(200)
    expect((await t.http.send('GET', linkPath(link))).status).toBe(404)
    expect((await admin.get(`${usersPath()}/${id}`)).body.state).toBe('invited')
    expect(await invitationStates(id)).toEqual(['pending', 'withdrawn'])
    // The new link's email is in the history, as one from Send new invitation is.
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['new_invitation_sent', 'unblocked', 'blocked', 'invited'])
  })

  it('keeps the "invitation expired" line of a link that had expired before the block withdrew it', async () => {
    const { id } = await provision('late.block@example.com')
    t.clock.advance(8 * 24 * 60 * 60 * 1000)
    expect((await scim.patch(`/Users/${id}`, setActive(false))).body.active).toBe(false)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['blocked', 'invitation_expired', 'invited'])
    t.clock.advance(-8 * 24 * 60 * 60 * 1000)
  })

  it('shows an invitation email only for the pending link: none once blocked, none after a reactivation without email', async () => {
    const { id } = await provision('quiet.return@example.com')
    const emailOf = async () => {
      await t.settle()
      return (await admin.get(`${usersPath()}/${id}`)).body.invitationEmail
    }
    expect(await emailOf()).toMatchObject({ status: 'sent' })
    expect((await scim.patch(`/Users/${id}`, setActive(false))).status).toBe(200)
    expect(await emailOf()).toBeNull()

    const silent = scimClient(t, (await createToken(t, admin, { sendInvitationEmail: false })).token)
    expect((await silent.patch(`/Users/${id}`, setActive(true))).body.active).toBe(true)
    expect((await admin.get(`${usersPath()}/${id}`)).body.state).toBe('invited')
    expect(await emailOf()).toBeNull()
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body.map((event: { type: string }) => event.type)).toEqual(['unblocked', 'blocked', 'invited'])

    expect((await admin.post(`${usersPath()}/${id}/resend-invitation`, {})).status).toBe(200)
    expect(await emailOf()).toMatchObject({ status: 'sent' })
  })

  it('ends the member’s sessions at once, leaves everyone else’s, and restores an active member', async () => {
    const { id, link } = await provision('tim.berg@example.com')
    expect((await acceptByForm(t, link, { firstName: 'Tim', lastName: 'Berg', password: GOOD_PASSWORD })).status).toBe(200)
    const member = await t.http.signIn('tim.berg@example.com', GOOD_PASSWORD)
    expect((await member.get('/api/auth/me')).status).toBe(200)
    const [row] = await t.db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.id, id))

    expect((await scim.patch(`/Users/${id}`, setActive(false))).status).toBe(200)
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, row!.personId))).toHaveLength(0)
    expect((await member.get('/api/auth/me')).status).toBe(401)
    expect((await admin.get(usersPath())).status).toBe(200)

    expect((await scim.patch(`/Users/${id}`, setActive(true))).body.active).toBe(true)
    expect((await admin.get(`${usersPath()}/${id}`)).body.state).toBe('active')
    const again = await t.http.signIn('tim.berg@example.com', GOOD_PASSWORD)
    expect((await again.get('/api/auth/me')).status).toBe(200)
  })

  // A sign-in checks access and opens its session in one statement: a block landing between the
  // two left the blocked person signed in. The test's transaction blocks the member while the
  // sign-in waits on the sessions table (what a slower sign-in would have met).
  it('leaves no session to a sign-in that a block overtakes', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const { id, link } = await provision('overtaken@example.com')
    expect((await acceptByForm(t, link, { firstName: 'Ove', lastName: 'Taken', password: GOOD_PASSWORD })).status).toBe(200)
    const [row] = await t.db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.id, id))
    let signingIn: Promise<{ status: number }> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`lock table sessions in share mode`)
      signingIn = t.http.send('POST', '/api/auth/login', { json: { email: 'overtaken@example.com', password: GOOD_PASSWORD } })
      await someoneWaitsForALock(t)
      await tx.execute(sql`update memberships set state = 'blocked', state_before_block = 'active' where id = ${id}`)
      await tx.execute(sql`delete from sessions where person_id = ${row!.personId}`)
    })
    expect((await signingIn!).status).toBe(401)
    expect(await t.db.select().from(sessions).where(eq(sessions.personId, row!.personId))).toHaveLength(0)
  })

  // Accepting locked the invitation before the member, a block the member before the invitation:
  // the two deadlocked, and PostgreSQL stopped one of them after a second. Both now lock the member
  // first, so the accept waits for the block and finds its link dead.
  it('blocks an invitee who is accepting at that moment without a deadlock', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const { id, link } = await provision('accepting.now@example.com')
    const deadlocks = async () =>
      rowsOf<{ n: number }>(await t.db.execute(sql`select deadlocks::int as n from pg_stat_database where datname = current_database()`))[0]!.n
    const before = await deadlocks()
    let accepting: ReturnType<typeof acceptByForm> | undefined
    await t.db.transaction(async (tx) => {
      const member = await lockLiveMembership(tx, t.acme.accountId, id)
      accepting = acceptByForm(t, link, { firstName: 'Acc', lastName: 'Epting', password: GOOD_PASSWORD })
      await someoneWaitsForALock(t)
      await blockLocked(tx, t.clock.now(), { type: 'system', label: 'test' }, member)
    })
    expect((await accepting!).status).toBe(404)
    expect((await admin.get(`${usersPath()}/${id}`)).body.state).toBe('blocked')
    expect(await deadlocks()).toBe(before)
  })

  // The block goes out with the COMMIT and the read-back, unawaited (sendBlock): a block that fails
  // there must still fail the request and leave everything as it was. A trigger makes it fail.
  it('fails the request and changes nothing when the block itself fails', async () => {
    const { id, link } = await provision('ida.kern@example.com')
    await whileBlocksFail(id, "raise exception 'refused by the test'", async () => {
      const refused = await scim.patch(`/Users/${id}`, setActive(false))
      expect(refused.status).toBe(500)
      expect(refused.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error'])
      expect((await scim.get(`/Users/${id}`)).body.active).toBe(true)
      expect((await admin.get(`${usersPath()}/${id}`)).body.state).toBe('invited')
      expect(await invitationStates(id)).toEqual(['pending'])
      expect((await t.http.send('GET', linkPath(link))).status).toBe(200)
    })
    expect((await scim.patch(`/Users/${id}`, setActive(false))).body.active).toBe(false)
  })

  // PostgreSQL may pick that statement, still running at COMMIT, as a deadlock's victim: the
  // request runs again rather than answer 500. The trigger fails the first try only (a sequence
  // counts tries: it is not rolled back with them).
  it('runs the change again when the block, in flight at COMMIT, loses a deadlock', async () => {
    const { id, link } = await provision('rita.retry@example.com')
    await t.db.execute(sql.raw('create sequence block_tries'))
    try {
      const firstTry = "if nextval('block_tries') = 1 then raise exception 'deadlock detected (simulated)' using errcode = '40P01'; end if"
      await whileBlocksFail(id, firstTry, async () => {
        const blocked = await scim.patch(`/Users/${id}`, setActive(false))
        expect(blocked.status).toBe(200)
        expect(blocked.body.active).toBe(false)
        expect(await invitationStates(id)).toEqual(['withdrawn'])
        expect((await t.http.send('GET', linkPath(link))).status).toBe(404)
      })
    } finally {
      await t.db.execute(sql.raw('drop sequence block_tries'))
    }
  })
})

/** Runs `run` while a trigger runs `failure` (PL/pgSQL) whenever the member's block writes its history line. */
async function whileBlocksFail(membershipId: string, failure: string, run: () => Promise<void>) {
  await t.db.execute(sql.raw(`create function fail_block() returns trigger language plpgsql as $$
    begin
      if new.type = 'blocked' and new.membership_id = '${membershipId}' then ${failure}; end if;
      return new;
    end $$`))
  await t.db.execute(sql.raw('create trigger fail_block before insert on events for each row execute function fail_block()'))
  try {
    await run()
  } finally {
    await t.db.execute(sql.raw('drop trigger fail_block on events'))
    await t.db.execute(sql.raw('drop function fail_block()'))
  }
}
