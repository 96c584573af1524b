import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { countingStatements } from '../../support/counting.js'
import { createToken, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

// The outbox is claimed after a SCIM change only when the change queued an email: a claim is a
// statement on every request otherwise, and most provider traffic queues none.
let t: TestApp
let claims: { count: number }
let mailing: ScimClient
let silent: ScimClient
beforeAll(async () => {
  t = await createTestApp({
    wrapDb: (db) => {
      const counted = countingStatements(db, /^update emails set locked_until/)
      claims = counted.counter
      return counted.db
    },
  })
  const admin = await t.asAdmin()
  mailing = scimClient(t, (await createToken(t, admin, { name: 'mailing' })).token)
  silent = scimClient(t, (await createToken(t, admin, { name: 'silent', sendInvitationEmail: false })).token)
})
afterAll(() => t.close())

const user = (userName: string) => ({ schemas: [USER], userName, name: { givenName: 'Mia', familyName: 'Meier' }, emails: [{ value: userName, primary: true }] })
const setActive = (active: boolean) => ({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active } }] })

/** Runs a request and says how many outbox claims it caused once its after-response work is done. */
async function claimsOf(request: () => Promise<{ status: number }>, status: number) {
  await t.settle()
  const before = claims.count
  expect((await request()).status).toBe(status)
  await t.settle()
  return claims.count - before
}

describe('email dispatch after SCIM changes', () => {
  it('a create that invites by email claims the outbox, and the email goes out', async () => {
    let id = ''
    const count = await claimsOf(async () => {
      const response = await mailing.post('/Users', user('mia.meier@example.com'))
      id = response.body.id
      return response
    }, 201)
    expect(count).toBeGreaterThanOrEqual(1)
    expect((await t.lastEmailTo('mia.meier@example.com'))?.subject).toMatch(/invit/i)

    // Deactivating queues nothing; reactivating an invitee sends a fresh link.
    expect(await claimsOf(() => mailing.patch(`/Users/${id}`, setActive(false)), 200)).toBe(0)
    const firstEmail = await t.lastEmailTo('mia.meier@example.com')
    t.clock.advance(60_000)
    expect(await claimsOf(() => mailing.patch(`/Users/${id}`, setActive(true)), 200)).toBeGreaterThanOrEqual(1)
    const secondEmail = await t.lastEmailTo('mia.meier@example.com')
    expect(secondEmail?.id).not.toBe(firstEmail?.id)
  })

  it('changes of a token that sends no email never claim it', async () => {
    let id = ''
    expect(
      await claimsOf(async () => {
        const response = await silent.post('/Users', user('noah.keller@example.com'))
        id = response.body.id
        return response
      }, 201),
    ).toBe(0)
    expect(await claimsOf(() => silent.patch(`/Users/${id}`, setActive(false)), 200)).toBe(0)
    expect(await claimsOf(() => silent.patch(`/Users/${id}`, setActive(true)), 200)).toBe(0)
    expect(await claimsOf(() => silent.put(`/Users/${id}`, { ...user('noah.keller@example.com'), title: 'Engineer' }), 200)).toBe(0)
    expect(await t.lastEmailTo('noah.keller@example.com')).toBeNull()
  })

  it('a DELETE emails the person only if they heard of the membership: invited by email, or joined', async () => {
    const unheard = (await silent.post('/Users', user('never.told@example.com'))).body.id
    expect((await silent.delete(`/Users/${unheard}`)).status).toBe(204)
    await t.settle()
    expect(await t.lastEmailTo('never.told@example.com')).toBeNull()

    const invited = (await mailing.post('/Users', user('was.invited@example.com'))).body.id
    await t.settle()
    t.clock.advance(1000) // so that "the last email" is the removal one
    expect((await silent.delete(`/Users/${invited}`)).status).toBe(204)
    expect((await t.lastEmailTo('was.invited@example.com'))?.subject).toBe('Your invitation to Acme was withdrawn')
  })
})
