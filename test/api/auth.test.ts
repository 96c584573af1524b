import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memberships, sessions } from '../../drizzle/schema.js'
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.js'
import { DAY } from '../support/clock.js'
import { createAccount } from '../../api/core/seed.js'
import { sha256 } from '../../api/core/crypto.js'
import { runMaintenance } from '../../api/maintenance.js'
import { acceptByForm, invite } from '../support/fixtures.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('sign-in', () => {
  it('signs in an active member with an HttpOnly, SameSite session cookie and sets last sign-in', async () => {
    const response = await t.http.send('POST', '/api/auth/login', { json: { email: ' ADMIN@acme.test ', password: ADMIN_PASSWORD } })
    expect(response.status).toBe(200)
    expect(response.body.person).toMatchObject({ email: 'admin@acme.test', firstName: 'Ada' })
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/^roster_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    const [m] = await t.db.select().from(memberships).where(eq(memberships.id, t.acme.membershipId))
    expect(m?.lastSignInAt?.toISOString()).toBe(t.clock.now().toISOString())
  })

  it('answers /me with the person, memberships and administered accounts', async () => {
    const admin = await t.asAdmin()
    const me = await admin.get('/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({
      person: { id: t.acme.personId, email: 'admin@acme.test', firstName: 'Ada', lastName: 'Admin' },
      memberships: [{ accountId: t.acme.accountId, accountName: 'Acme', state: 'active', isAdministrator: true }],
      administeredAccounts: [{ id: t.acme.accountId, name: 'Acme' }],
    })
  })

  it("leaves out the accounts a person is only invited to: another account's administrator who registered the address learns nothing", async () => {
    const globex = await createAccount(t.db, t.clock, {
      name: 'Globex Secret Project',
      admin: { email: 'gus@globex.test', firstName: 'Gus', lastName: 'Globex', password: 'Globex-pass-1!' },
    })
    const globexAdmin = await t.http.signIn('gus@globex.test', 'Globex-pass-1!')
    const email = `victim-${crypto.randomUUID().slice(0, 8)}@corp.test`
    const invitedThere = await globexAdmin.post(`/api/accounts/${globex.accountId}/users`, { firstName: 'Vic', lastName: 'Tim', email, groupIds: [globex.groupId] })
    expect(invitedThere.status).toBe(201)

    // Acme's administrator invites the same address, copies the link and registers it themselves.
    const admin = await t.asAdmin()
    const user = await invite(t, admin, { email })
    const { url } = (await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}/invitation-link`)).body as { url: string }
    expect((await acceptByForm(t, url, { password: 'Attacker-pw-1!' })).status).toBe(200)
    const me = await (await t.http.signIn(email, 'Attacker-pw-1!')).get('/api/auth/me')
    expect(me.body.memberships.map((m: { accountName: string; state: string }) => [m.accountName, m.state])).toEqual([['Acme', 'active']])
    expect(JSON.stringify(me.body)).not.toContain('Globex')
  })

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await t.http.send('POST', '/api/auth/login', { json: { email: 'admin@acme.test', password: 'nope' } })
    const unknown = await t.http.send('POST', '/api/auth/login', { json: { email: 'nobody@acme.test', password: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.message).toBe(unknown.body.message)
    expect(wrong.body.code).toBe('invalid_credentials')
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('refuses a person whose only membership is an invitation', async () => {
    const admin = await t.asAdmin()
    const user = await invite(t, admin)
    const response = await t.http.send('POST', '/api/auth/login', { json: { email: user.email, password: 'Whatever-1!' } })
    expect(response.status).toBe(401)
  })

  it('sign-out revokes the session in the database', async () => {
    const admin = await t.asAdmin()
    expect((await admin.get('/api/auth/me')).status).toBe(200)
    expect((await admin.post('/api/auth/logout')).status).toBe(204)
    expect((await admin.get('/api/auth/me')).status).toBe(401)
  })

  it('expires sessions after their lifetime, and maintenance deletes them a day later', async () => {
    const admin = await t.asAdmin()
    const hash = sha256(admin.cookie.split('=')[1]!)
    const kept = await t.asAdmin()
    t.clock.advance(15 * DAY)
    expect((await admin.get('/api/auth/me')).status).toBe(401)
    await runMaintenance(t.services)
    expect(await t.db.select().from(sessions).where(eq(sessions.tokenHash, hash))).toHaveLength(1)
    t.clock.advance(1 * DAY)
    const fresh = await t.asAdmin()
    await runMaintenance(t.services)
    expect(await t.db.select().from(sessions).where(eq(sessions.tokenHash, hash))).toEqual([])
    expect((await fresh.get('/api/auth/me')).status).toBe(200)
    expect((await kept.get('/api/auth/me')).status).toBe(401)
    t.clock.advance(-16 * DAY)
  })

  it('stores only a hash of the session token', async () => {
    const admin = await t.asAdmin()
    const token = admin.cookie.split('=')[1]!
    const rows = await t.db.select({ tokenHash: sessions.tokenHash }).from(sessions)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.some((r) => r.tokenHash === token)).toBe(false)
  })

  it('rate-limits repeated failures for one email, in the database', async () => {
    const email = 'target@acme.test'
    for (let i = 0; i < 10; i++) {
      expect((await t.http.send('POST', '/api/auth/login', { json: { email, password: 'bad' } })).status).toBe(401)
    }
    const limited = await t.http.send('POST', '/api/auth/login', { json: { email, password: 'bad' } })
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    t.clock.advance(16 * 60 * 1000)
    expect((await t.http.send('POST', '/api/auth/login', { json: { email, password: 'bad' } })).status).toBe(401)
  })

  it('counts guesses sent in parallel one after another: no more than ten get their password checked', async () => {
    const email = 'parallel@acme.test'
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => t.http.send('POST', '/api/auth/login', { json: { email, password: 'bad' } })),
    )
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 401)).toHaveLength(10)
    expect(statuses.filter((status) => status === 429)).toHaveLength(15)
  })

  it('validates the body', async () => {
    const response = await t.http.send('POST', '/api/auth/login', { json: { email: 'admin@acme.test' } })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'validation_failed', errors: { password: expect.any(String) } })
    expect(response.body.requestId).toEqual(expect.any(String))
  })
})
