// "Forgot your password?": a link emailed to the person proves the address is theirs; it works
// once, for an hour, and ends every session. The pages never tell a stranger who has an account.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailbox, passwordResets, people } from '../../../drizzle/schema.js'
import { runMaintenance } from '../../../api/maintenance.js'
import { rowsOf } from '../../../api/core/rows.js'
import { requestPasswordReset } from '../../../api/core/password-reset.js'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import { someoneWaitsForALock } from '../../support/locks.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const form = 'application/x-www-form-urlencoded'
const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? ''
const NEW_PASSWORD = 'N3w-and-mine!'

async function askForLink(email: string) {
  const page = await t.http.send('GET', '/password/forgot')
  const body = new URLSearchParams({ csrf: csrfOf(page.text), email }).toString()
  const posted = await t.http.send('POST', '/password/forgot', { body, headers: { 'content-type': form }, cookie: cookieOf(page.headers) })
  await t.settle()
  // Post/Redirect/Get: the page that says a link went out is a GET, which a reload repeats harmlessly.
  if (posted.status !== 303) return posted
  return t.http.send('GET', posted.headers.get('location')!)
}

async function resetLinksTo(email: string): Promise<string[]> {
  const rows = await t.db.select({ text: mailbox.text, subject: mailbox.subject }).from(mailbox).where(eq(mailbox.to, email))
  return rows.filter((row) => row.subject.startsWith('Reset your')).map((row) => row.text.match(/https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/)![0])
}

async function choose(link: string, password: string, confirmPassword = password) {
  const path = new URL(link).pathname
  const page = await t.http.send('GET', path)
  const body = new URLSearchParams({ csrf: csrfOf(page.text), password, confirmPassword }).toString()
  return t.http.send('POST', path, { body, headers: { 'content-type': form }, cookie: cookieOf(page.headers) })
}

describe('resetting a password', () => {
  it('emails a link that sets a new password once, ends every session, and lets the person sign in with it', async () => {
    const user = await invite(t, await t.asAdmin(), { email: 'forgetful@example.com' })
    await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
    const session = await t.http.signIn('forgetful@example.com', GOOD_PASSWORD)

    const sent = await askForLink('Forgetful@Example.com ')
    expect(sent.status).toBe(200)
    expect(sent.text).toContain('Check your email')
    const [link] = await resetLinksTo('forgetful@example.com')
    const page = await t.http.send('GET', new URL(link!).pathname)
    expect(page.status).toBe(200)
    expect(page.text).toContain('For forgetful@example.com.')

    const weak = await choose(link!, 'weak')
    expect(weak.status).toBe(400)
    expect(weak.text).toContain('The password needs:')
    const done = await choose(link!, NEW_PASSWORD)
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/password/changed')
    expect((await t.http.send('GET', '/password/changed')).text).toContain('Your password was changed')

    expect((await session.get('/api/auth/me')).status).toBe(401)
    await t.http.signIn('forgetful@example.com', NEW_PASSWORD)
    expect((await t.http.send('POST', '/api/auth/login', { json: { email: 'forgetful@example.com', password: GOOD_PASSWORD } })).status).toBe(401)
    // Used: the link is dead, and says how to get another.
    expect((await t.http.send('GET', new URL(link!).pathname)).status).toBe(404)
    expect((await choose(link!, 'An0ther-one!')).status).toBe(404)
  })

  // A sign-in checks the password (tens of milliseconds of hashing) before it opens its session:
  // one checked with the old password before a reset committed kept its session after the reset.
  // The test's transaction holds the member while the sign-in is between the two.
  it('leaves no session to a sign-in with the old password that the reset overtook', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const user = await invite(t, await t.asAdmin(), { email: 'overtaken@example.com' })
    await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
    await askForLink('overtaken@example.com')
    const [link] = await resetLinksTo('overtaken@example.com')
    let signingIn: ReturnType<typeof t.http.send> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${user.id} for update`)
      signingIn = t.http.send('POST', '/api/auth/login', { json: { email: 'overtaken@example.com', password: GOOD_PASSWORD } })
      await someoneWaitsForALock(t)
      expect((await choose(link!, NEW_PASSWORD)).status).toBe(303)
    })
    expect((await signingIn!).status).toBe(401)
    const [person] = await t.db.select({ id: people.id }).from(people).where(eq(people.emailNormalized, 'overtaken@example.com'))
    const left = await t.db.execute(sql`select count(*)::int as n from sessions where person_id = ${person!.id}`)
    expect(rowsOf<{ n: number }>(left)[0]!.n).toBe(0)
    expect((await t.http.send('POST', '/api/auth/login', { json: { email: 'overtaken@example.com', password: NEW_PASSWORD } })).status).toBe(200)
  })

  it('refuses an invitation confirmed with the old password that the reset overtook', async (context) => {
    if (t.driver !== 'postgres') return context.skip()
    const acme = await invite(t, await t.asAdmin(), { email: 'two-accounts@example.com' })
    await acceptByForm(t, await t.invitationLinkFromEmail(acme.email), { password: GOOD_PASSWORD })
    const other = await createAccount(t.db, t.clock, { name: 'Initech', admin: { email: 'boss@initech.test', firstName: 'Bill', lastName: 'Boss', password: GOOD_PASSWORD } })
    const boss = await t.http.signIn('boss@initech.test', GOOD_PASSWORD)
    t.clock.advance(1000) // so that the last email is Initech's invitation
    const invited = await boss.post(`/api/accounts/${other.accountId}/users`, { firstName: 'Two', lastName: 'Accounts', email: 'two-accounts@example.com', groupIds: [other.groupId] })
    const invitation = await t.invitationLinkFromEmail('two-accounts@example.com')
    await askForLink('two-accounts@example.com')
    const [link] = await resetLinksTo('two-accounts@example.com')
    let accepting: ReturnType<typeof acceptByForm> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${invited.body.id} for update`)
      accepting = acceptByForm(t, invitation, { password: GOOD_PASSWORD })
      await someoneWaitsForALock(t)
      expect((await choose(link!, NEW_PASSWORD)).status).toBe(303)
    })
    const refused = await accepting!
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('The password is not correct.')
    expect((await boss.get(`/api/accounts/${other.accountId}/users/${invited.body.id}`)).body.state).toBe('invited')
    expect((await acceptByForm(t, invitation, { password: NEW_PASSWORD })).status).toBe(200)
  })

  // The answer must not wait for the link's locked write, which only a known address costs: its
  // time would tell who has an account. The test's transaction holds the person meanwhile.
  it('answers before the link is issued, so the time to answer tells nothing', async (context) => {
    if (t.driver !== 'postgres') return context.skip()
    const user = await invite(t, await t.asAdmin(), { email: 'timed@example.com' })
    await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
    const page = await t.http.send('GET', '/password/forgot')
    const body = new URLSearchParams({ csrf: csrfOf(page.text), email: 'timed@example.com' }).toString()
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from people where email_normalized = 'timed@example.com' for update`)
      const sent = await t.http.send('POST', '/password/forgot', { body, headers: { 'content-type': form }, cookie: cookieOf(page.headers) })
      expect(sent.status).toBe(303)
      expect((await t.http.send('GET', sent.headers.get('location')!)).text).toContain('timed@example.com')
      expect(await resetLinksTo('timed@example.com')).toEqual([])
    })
    await t.settle()
    expect(await resetLinksTo('timed@example.com')).toHaveLength(1)
  })

  it("leads back to the invitation whose form sent the person to reset their password, and to no other place", async () => {
    const acme = await invite(t, await t.asAdmin(), { email: 'came-from-invite@example.com' })
    await acceptByForm(t, await t.invitationLinkFromEmail(acme.email), { password: GOOD_PASSWORD })
    const other = await createAccount(t.db, t.clock, { name: 'Hooli', admin: { email: 'gavin@hooli.test', firstName: 'G', lastName: 'B', password: GOOD_PASSWORD } })
    const boss = await t.http.signIn('gavin@hooli.test', GOOD_PASSWORD)
    t.clock.advance(1000)
    await boss.post(`/api/accounts/${other.accountId}/users`, { firstName: 'Came', lastName: 'Back', email: acme.email, groupIds: [other.groupId] })
    const invitation = new URL(await t.invitationLinkFromEmail(acme.email)).pathname

    // The invitation's form (a person with a password confirms with it) links to the reset, with the way back.
    const register = await t.http.send('GET', `${invitation}/register`)
    const forgotHref = register.text.match(/href="(\/password\/forgot\?[^"]+)"/)![1]!.replace(/&amp;/g, '&')
    const forgot = await t.http.send('GET', forgotHref)
    expect(forgot.text).toContain(`name="next" value="${invitation}/register"`)
    const body = new URLSearchParams({ csrf: csrfOf(forgot.text), email: acme.email, next: `${invitation}/register` }).toString()
    await t.http.send('POST', '/password/forgot', { body, headers: { 'content-type': form }, cookie: cookieOf(forgot.headers) })
    await t.settle()
    const [emailed] = (await t.db.select({ text: mailbox.text }).from(mailbox).where(eq(mailbox.to, acme.email))).map((row) => row.text).filter((text) => text.includes('/password/reset/')).slice(-1)
    const link = emailed!.match(/https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+\?next=[^\s>]+/)![0]
    const resetPath = new URL(link).pathname + new URL(link).search
    const page = await t.http.send('GET', resetPath)
    const chosen = await t.http.send('POST', resetPath, {
      body: new URLSearchParams({ csrf: csrfOf(page.text), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).toString(),
      headers: { 'content-type': form },
      cookie: cookieOf(page.headers),
    })
    expect(chosen.status).toBe(303)
    const changed = await t.http.send('GET', chosen.headers.get('location')!)
    expect(changed.text).toMatch(new RegExp(`<a class="button-link" href="${invitation}/register">Back to your invitation</a>`))
    expect((await acceptByForm(t, `http://roster.test${invitation}`, { password: NEW_PASSWORD })).status).toBe(200)

    // Anything but an invitation's form is dropped: no way to send someone elsewhere.
    for (const next of ['https://evil.test/', '//evil.test/invite/x/register', '/invite/../admin', `${invitation}/register/../../x`, '/#/login']) {
      expect((await t.http.send('GET', `/password/changed?${new URLSearchParams({ next })}`)).text, next).not.toContain('Back to your invitation')
      expect((await t.http.send('GET', `/password/forgot?${new URLSearchParams({ next })}`)).text, next).not.toContain('name="next"')
    }
  })

  it('answers the form with a redirect, so that reloading "Check your email" asks for no other link', async () => {
    await createAccount(t.db, t.clock, { name: 'Reloads', admin: { email: 'reloader@example.com', firstName: 'R', lastName: 'L', password: GOOD_PASSWORD } })
    const sent = await askForLink('reloader@example.com')
    expect(sent.text).toContain('If reloader@example.com is how someone signs in')
    for (let reload = 0; reload < 2; reload++) {
      expect((await t.http.send('GET', `/password/forgot/sent?${new URLSearchParams({ email: 'reloader@example.com' })}`)).status).toBe(200)
    }
    await t.settle()
    expect(await resetLinksTo('reloader@example.com')).toHaveLength(1)
  })

  it('answers the same for an unknown email or a person who never registered, and sends nothing', async () => {
    await invite(t, await t.asAdmin(), { email: 'never.registered@example.com' })
    for (const email of ['nobody@example.com', 'never.registered@example.com']) {
      const sent = await askForLink(email)
      expect(sent.status).toBe(200)
      expect(sent.text).toContain(`If ${email} is how someone signs in`)
      expect(await resetLinksTo(email)).toEqual([])
    }
  })

  it('sends at most three links an hour to one person, and a link dies after its hour', async () => {
    await createAccount(t.db, t.clock, { name: 'Hourly', admin: { email: 'hourly@example.com', firstName: 'H', lastName: 'Our', password: GOOD_PASSWORD } })
    for (let i = 0; i < 5; i++) await askForLink('hourly@example.com')
    const links = await resetLinksTo('hourly@example.com')
    expect(links).toHaveLength(3)
    t.clock.advance(60 * 60 * 1000 + 1)
    expect((await t.http.send('GET', new URL(links[0]!).pathname)).status).toBe(404)
    await askForLink('hourly@example.com')
    expect(await resetLinksTo('hourly@example.com')).toHaveLength(4)

    // The timer's maintenance forgets links a day after they died.
    const rows = () =>
      t.db
        .select({ id: passwordResets.id })
        .from(passwordResets)
        .innerJoin(people, eq(people.id, passwordResets.personId))
        .where(eq(people.email, 'hourly@example.com'))
    expect(await rows()).toHaveLength(4)
    t.clock.advance(24 * 60 * 60 * 1000)
    await runMaintenance(t.services)
    expect(await rows()).toHaveLength(1)
  })

  it('holds the limit when many requests for one person arrive at once', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    await createAccount(t.db, t.clock, { name: 'Burst', admin: { email: 'burst@example.com', firstName: 'B', lastName: 'Urst', password: GOOD_PASSWORD } })
    // Every connection of the pool open first, so that the requests really run side by side.
    await Promise.all(Array.from({ length: 10 }, () => t.db.execute(sql`select pg_sleep(0.05)`)))
    const issued = await Promise.all(Array.from({ length: 8 }, () => requestPasswordReset(t.services, 'burst@example.com')))
    expect(issued.filter(Boolean)).toHaveLength(3)
  })

  it('lifts a sign-in lockout of the address: the owner of the mailbox signs in with the new password', async () => {
    await createAccount(t.db, t.clock, { name: 'Locked', admin: { email: 'locked@example.com', firstName: 'L', lastName: 'Ocked', password: GOOD_PASSWORD } })
    let status = 0
    for (let i = 0; i < 12 && status !== 429; i++) {
      status = (await t.http.send('POST', '/api/auth/login', { json: { email: 'locked@example.com', password: `Wrong-${i}` } })).status
    }
    expect(status).toBe(429)
    await askForLink('locked@example.com')
    const [link] = await resetLinksTo('locked@example.com')
    expect((await choose(link!, NEW_PASSWORD)).status).toBe(303)
    await t.http.signIn('locked@example.com', NEW_PASSWORD)
  })

  it('refuses forms without the page\'s CSRF token, and changes nothing', async () => {
    await createAccount(t.db, t.clock, { name: 'Guarded', admin: { email: 'guarded@example.com', firstName: 'G', lastName: 'Uard', password: GOOD_PASSWORD } })
    const forged = await t.http.send('POST', '/password/forgot', { body: 'email=guarded@example.com&csrf=x', headers: { 'content-type': form } })
    expect(forged.status).toBe(403)
    await t.settle()
    expect(await resetLinksTo('guarded@example.com')).toEqual([])
    await askForLink('guarded@example.com')
    const [link] = await resetLinksTo('guarded@example.com')
    const body = new URLSearchParams({ csrf: 'x', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).toString()
    expect((await t.http.send('POST', new URL(link!).pathname, { body, headers: { 'content-type': form } })).status).toBe(403)
    await t.http.signIn('guarded@example.com', GOOD_PASSWORD)
  })
})

describe('where people find it', () => {
  it('an invitation\'s confirm form links to it with the invitee\'s email, and the page fills it in', async () => {
    await createAccount(t.db, t.clock, { name: 'Elsewhere', admin: { email: 'has.password@example.com', firstName: 'H', lastName: 'P', password: GOOD_PASSWORD } })
    const user = await invite(t, await t.asAdmin(), { email: 'has.password@example.com' })
    const invitation = new URL(await t.invitationLinkFromEmail(user.email)).pathname
    const page = await t.http.send('GET', `${invitation}/register`)
    expect(page.text).toContain('Confirm with your password to accept.')
    expect(page.text).toContain(`href="/password/forgot?email=has.password%40example.com&amp;next=${encodeURIComponent(`${invitation}/register`)}"`)
    const forgot = await t.http.send('GET', '/password/forgot?email=has.password%40example.com')
    expect(forgot.text).toContain('value="has.password@example.com"')
    expect(forgot.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })
})

describe('a person whose address another account registered first', () => {
  it('takes it back with a link to their own mailbox: the other account\'s sessions as them end', async () => {
    const globex = await createAccount(t.db, t.clock, {
      name: 'Globex',
      admin: { email: 'mallory@globex.test', firstName: 'Mal', lastName: 'Lory', password: GOOD_PASSWORD },
    })
    const mallory = await t.http.signIn('mallory@globex.test', GOOD_PASSWORD)
    const users = `/api/accounts/${globex.accountId}/users`
    const squatted = await mallory.post(users, { firstName: 'Vic', lastName: 'Tim', email: 'victim@corp.example', groupIds: [globex.groupId] })
    const link = (await mallory.get(`${users}/${squatted.body.id}/invitation-link`)).body.url as string
    await acceptByForm(t, link, { firstName: 'Mallory', lastName: 'Impostor', password: 'Squ4tted-pass!' })
    const asVictim = await t.http.signIn('victim@corp.example', 'Squ4tted-pass!')

    await askForLink('victim@corp.example')
    const [reset] = await resetLinksTo('victim@corp.example')
    expect((await choose(reset!, NEW_PASSWORD)).status).toBe(303)
    expect((await asVictim.get('/api/auth/me')).status).toBe(401)
    expect((await t.http.send('POST', '/api/auth/login', { json: { email: 'victim@corp.example', password: 'Squ4tted-pass!' } })).status).toBe(401)
    await t.http.signIn('victim@corp.example', NEW_PASSWORD)
  })
})
