// Wrong passwords count per email and per client address: a guesser is stopped, and someone
// failing on purpose from one address cannot lock the person out of their own sign-in.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAttempts } from '../../drizzle/schema.js'
import { MAX_PASSWORD_FAILURES, MAX_PASSWORD_FAILURES_PER_EMAIL } from '../../api/core/password-attempts.js'
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.js'

let t: TestApp

beforeAll(async () => {
  // The test's stand-in for the socket's address (Node) or cf-connecting-ip (Workers).
  t = await createTestApp({ clientAddress: (c) => c.req.header('x-test-client') })
})
afterAll(() => t.close())

const login = (client: string, password: string) =>
  t.http.send('POST', '/api/auth/login', { json: { email: 'admin@acme.test', password }, headers: { 'x-test-client': client } })

/** As many checks of the admin's email from `client` as the limit, not finished yet (parallel sign-ins); their end. */
async function checksInFlight(client: string, forMs: number) {
  const pendingUntil = new Date(t.clock.now().getTime() + forMs)
  const check = { emailNormalized: 'admin@acme.test', client, attemptedAt: t.clock.now(), pendingUntil }
  await t.db.insert(signInAttempts).values(Array.from({ length: MAX_PASSWORD_FAILURES }, () => check))
  return pendingUntil
}

describe('failed passwords', () => {
  it('stop the address that failed, not the person signing in from elsewhere', async () => {
    for (let i = 0; i < MAX_PASSWORD_FAILURES; i++) expect((await login('203.0.113.7', 'wrong')).status).toBe(401)
    expect((await login('203.0.113.7', ADMIN_PASSWORD)).status).toBe(429)
    expect((await login('198.51.100.20', ADMIN_PASSWORD)).status).toBe(200)
    t.clock.advance(16 * 60 * 1000)
    expect((await login('203.0.113.7', ADMIN_PASSWORD)).status).toBe(200)
  })

  it('from IPv6 count by the /64, which one subscriber holds whole', async () => {
    t.clock.advance(16 * 60 * 1000)
    for (let i = 0; i < MAX_PASSWORD_FAILURES; i++) expect((await login(`2001:db8:1:2::${i + 1}`, 'wrong')).status).toBe(401)
    expect((await login('2001:db8:1:2:ffff:ffff:ffff:ffff', ADMIN_PASSWORD)).status).toBe(429)
    expect((await login('2001:db8:1:3::1', ADMIN_PASSWORD)).status).toBe(200)
  })

  it('spread over many addresses, stop at the limit for the email', async () => {
    t.clock.advance(16 * 60 * 1000)
    const addresses = Math.ceil(MAX_PASSWORD_FAILURES_PER_EMAIL / MAX_PASSWORD_FAILURES)
    for (let a = 0; a < addresses; a++) {
      const tries = Array.from({ length: MAX_PASSWORD_FAILURES }, () => login(`192.0.2.${a}`, 'wrong'))
      for (const answer of await Promise.all(tries)) expect(answer.status).toBe(401)
    }
    expect((await login('192.0.2.250', ADMIN_PASSWORD)).status).toBe(429)
  }, 120_000)

  it('in flight are not failures: a check refused only for them says to try again in a moment', async () => {
    t.clock.advance(16 * 60 * 1000)
    const client = '198.51.100.77'
    const pendingUntil = await checksInFlight(client, 30_000)
    const refused = await login(client, ADMIN_PASSWORD)
    expect(refused.status).toBe(429)
    expect(refused.body.message).toBe('Too many attempts at once for this email. Try again in a moment.')
    await t.db.update(signInAttempts).set({ pendingUntil: null }).where(eq(signInAttempts.pendingUntil, pendingUntil))
    expect((await login(client, ADMIN_PASSWORD)).body.message).toBe('Too many failed password attempts. Try again in 15 minutes.')
  })

  it('in flight that never finish (a crash) count as failures once a minute has passed', async () => {
    t.clock.advance(16 * 60 * 1000)
    const client = '198.51.100.78'
    await checksInFlight(client, 60_000)
    t.clock.advance(61_000)
    expect((await login(client, ADMIN_PASSWORD)).body.message).toBe('Too many failed password attempts. Try again in 15 minutes.')
  })

  it('right ones sent at once each sign in, or are asked to try again in a moment; none counts as a failure', async () => {
    t.clock.advance(16 * 60 * 1000)
    const client = '198.51.100.79'
    const answers = await Promise.all(Array.from({ length: 2 * MAX_PASSWORD_FAILURES }, () => login(client, ADMIN_PASSWORD)))
    for (const answer of answers) {
      if (answer.status !== 200) expect(answer.body).toMatchObject({ code: 'rate_limited', message: 'Too many attempts at once for this email. Try again in a moment.' })
    }
    for (let i = 0; i < MAX_PASSWORD_FAILURES - 1; i++) expect((await login(client, 'wrong')).status).toBe(401)
    expect((await login(client, ADMIN_PASSWORD)).status).toBe(200)
  })
})
