import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { memberships, people } from '../../../drizzle/schema.js'
import { createAccount } from '../../../api/core/seed.js'
import { withAdminApp, type TestApp } from '../../support/app.js'
import { acceptByForm, declineByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'
import { someoneWaitsForALock } from '../../support/locks.js'

let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

const pathOf = (link: string) => new URL(link).pathname
const stateOf = async (id: string) => (await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)).body.state

describe('the welcome page', () => {
  it('shows the account, Accept, Decline and the address, and changes nothing however often it is opened', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    for (let i = 0; i < 3; i++) {
      const page = await t.http.send('GET', pathOf(link))
      expect(page.status).toBe(200)
      // As the reference page: a welcome, what accepting does, the account shown on its own.
      expect(page.text).toMatch(/<h1>Welcome to [^<]+<\/h1>/)
      expect(page.text).toContain('Let’s create your user account so that you can join the account of')
      expect(page.text).toMatch(/<p class="account-name">Acme[^<]*<\/p>/)
      expect(page.text).toContain('Accept invitation')
      expect(page.text).toContain('Decline invitation')
      expect(page.text).toContain(`This invitation has been sent to ${user.email}`)
      expect(page.headers.get('cache-control')).toBe('no-store')
      expect(page.headers.get('referrer-policy')).toBe('same-origin')
    }
    await t.http.send('GET', `${pathOf(link)}/register`)
    const confirm = await t.http.send('GET', `${pathOf(link)}/decline`)
    expect(confirm.text).toContain('Decline the invitation to join Acme?')
    expect(await stateOf(user.id)).toBe('invited')
  })

  it('answers one "no longer active" page for unknown and malformed links', async () => {
    for (const token of ['x', 'A'.repeat(43), '../../etc/passwd']) {
      const page = await t.http.send('GET', `/invite/${encodeURIComponent(token)}`)
      expect(page.status).toBe(404)
      expect(page.text).toContain('The invitation link is no longer active! Please check with the person who shared it with you or reach out to support.')
    }
  })
})

describe('accepting', () => {
  it('refuses a password that breaks the rules, then registers and activates the membership', async () => {
    const user = await invite(t, admin, { groupIds: [t.acme.groupId] })
    const link = await t.invitationLinkFromEmail(user.email)
    const weak = await acceptByForm(t, link, { password: 'weakpass' })
    expect(weak.status).toBe(400)
    expect(weak.text).toContain('an upper-case letter')
    expect(await stateOf(user.id)).toBe('invited')

    const mismatch = await acceptByForm(t, link, { password: GOOD_PASSWORD, confirmPassword: `${GOOD_PASSWORD}x` })
    expect(mismatch.text).toContain('The passwords do not match.')
    const noTerms = await acceptByForm(t, link, { password: GOOD_PASSWORD, acceptTerms: false })
    expect(noTerms.text).toContain('Accept the terms of use')
    // Names as long as, and no longer than, an administrator may enter; no control characters (a
    // NUL could not even be stored): the form says so at the field, as HTML.
    const long = await acceptByForm(t, link, { firstName: 'G'.repeat(101), password: GOOD_PASSWORD })
    expect([long.status, long.headers.get('content-type')]).toEqual([400, 'text/html; charset=UTF-8'])
    expect(long.text).toContain('At most 100 characters.')
    for (const lastName of ['Hop\u2028per', 'Hop\u202eper']) {
      expect((await acceptByForm(t, link, { lastName, password: GOOD_PASSWORD })).text).toContain('Remove the control characters')
    }
    const control = await acceptByForm(t, link, { lastName: 'Hop\u0000per', password: GOOD_PASSWORD })
    expect([control.status, control.headers.get('content-type')]).toEqual([400, 'text/html; charset=UTF-8'])
    expect(control.text).toContain('Remove the control characters')
    expect(await stateOf(user.id)).toBe('invited')

    const ok = await acceptByForm(t, link, { firstName: 'Grace', lastName: 'Hopper', password: GOOD_PASSWORD })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain('Welcome to Acme')
    const record = (await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).body
    expect(record).toMatchObject({ state: 'active', firstName: 'Grace', lastName: 'Hopper', joinedAt: t.clock.now().toISOString() })

    // The link is used up (it leads to the page that says so); the new member signs in and, being
    // in Administrators, administers the account.
    expect((await t.http.send('GET', pathOf(link))).status).toBe(303)
    const member = await t.http.signIn(user.email, GOOD_PASSWORD)
    expect((await member.get(`/api/accounts/${t.acme.accountId}/users`)).status).toBe(200)
  })

  it('answers the form with a redirect, so that reloading the page that says it worked posts nothing again', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    const path = pathOf(link)
    const form = await t.http.send('GET', `${path}/register`)
    const cookie = form.headers.get('set-cookie')!.split(';')[0]!
    const csrf = form.text.match(/name="csrf" value="([^"]+)"/)![1]!
    const body = new URLSearchParams({ csrf, firstName: 'Grace', lastName: 'Hopper', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD, acceptTerms: 'on' })
    const posted = await t.http.send('POST', `${path}/accept`, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe(`${path}/accepted`)
    for (let reload = 0; reload < 2; reload++) {
      const page = await t.http.send('GET', `${path}/accepted`)
      expect(page.status).toBe(200)
      expect(page.text).toContain('Acme')
    }
    expect(await stateOf(user.id)).toBe('active')
    // The email's link, opened again (a second device, the Back button), says so too.
    for (const page of ['', '/register', '/decline']) {
      const again = await t.http.send('GET', `${path}${page}`)
      expect([again.status, again.headers.get('location')]).toEqual([303, `${path}/accepted`])
    }
    // For as long as the link would have lived: after that it says what any dead link says.
    const week = 7 * 24 * 60 * 60 * 1000
    t.clock.advance(week + 60_000)
    expect((await t.http.send('GET', `${path}/accepted`)).status).toBe(404)
    expect((await t.http.send('GET', path)).status).toBe(404)
    t.clock.advance(-week - 60_000)
    // Nor once the member is deactivated (signing in would be refused), or removed.
    await t.db.update(memberships).set({ state: 'blocked', stateBeforeBlock: 'active' }).where(eq(memberships.id, user.id))
    expect((await t.http.send('GET', `${path}/accepted`)).status).toBe(404)
    await t.db.update(memberships).set({ state: 'active', stateBeforeBlock: null }).where(eq(memberships.id, user.id))
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    expect((await t.http.send('GET', `${path}/accepted`)).status).toBe(404)
    // A link nobody accepted has no such page.
    const pending = await t.invitationLinkFromEmail((await invite(t, admin)).email)
    expect((await t.http.send('GET', `${pathOf(pending)}/accepted`)).status).toBe(404)
  })

  it('says so when a form is sent after the link was answered in another tab, and that what it held was not saved', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    expect((await acceptByForm(t, link, { password: GOOD_PASSWORD })).text).not.toContain('had already been accepted')
    const second = await acceptByForm(t, link, { password: 'Other-pass-2!' })
    expect(second.status).toBe(200)
    expect(second.text).toContain('This invitation had already been accepted (in another tab, say), so this form was not saved')
    expect((await t.http.send('GET', `${pathOf(link)}/accepted`)).text).not.toContain('had already been accepted')
    const declined = await declineByForm(t, link)
    expect(declined.headers.get('location')).toBe(`${pathOf(link)}/accepted?again=1`)

    const other = await invite(t, admin)
    const otherLink = await t.invitationLinkFromEmail(other.email)
    expect((await declineByForm(t, otherLink)).status).toBe(303)
    const late = await acceptByForm(t, otherLink, { password: GOOD_PASSWORD })
    expect(late.text).toContain('This invitation had already been declined (in another tab, say), so it can no longer be accepted.')
    expect(late.text).toContain('Declined by mistake? Ask an administrator of Acme to invite you again.')
  })

  it("sends the forms' own addresses, opened as pages, to the page they belong to; any other address is a dead link with a way to sign in", async () => {
    const user = await invite(t, admin)
    const path = pathOf(await t.invitationLinkFromEmail(user.email))
    const accept = await t.http.send('GET', `${path}/accept`)
    expect([accept.status, accept.headers.get('location')]).toEqual([303, `${path}/register`])
    const signIn = await t.http.send('GET', `${path}/sign-in`)
    expect([signIn.status, signIn.headers.get('location')]).toEqual([303, `${path}/accepted`])
    for (const address of ['/invite', '/invite/', `${path}/register/extra`, '/invite/a/b/c']) {
      const page = await t.http.send('GET', address)
      expect(page.status, address).toBe(404)
      expect(page.text, address).toContain('The invitation link is no longer active!')
      expect(page.text, address).toMatch(/Already a member\? <a href="[^"]*#\/login">Sign in<\/a>/)
    }
  })

  it('of two concurrent accepts of one link (a double click, two tabs), one wins and both say it worked', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    const results = await Promise.all([acceptByForm(t, link, { password: GOOD_PASSWORD }), acceptByForm(t, link, { password: GOOD_PASSWORD })])
    expect(results.map((r) => r.status)).toEqual([200, 200])
    for (const result of results) expect(result.text).toContain('Welcome to Acme!')
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id, type: 'invitation_accepted' }))}`)
    expect(history.body).toHaveLength(1)
  })

  // An acceptance that waited for a resend (or any change to the member) is dated after it: it
  // used to keep the time it arrived, and History listed "accepted" before the resend.
  it('dates the acceptance once the member is locked, after the change it waited for', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    let accepting: ReturnType<typeof acceptByForm> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${user.id} for update`)
      accepting = acceptByForm(t, link, { password: GOOD_PASSWORD })
      await someoneWaitsForALock(t)
      t.clock.advance(60_000)
      await tx.execute(sql`update memberships set invited_at = ${t.clock.now().toISOString()}::timestamptz where id = ${user.id}`)
    })
    expect((await accepting!).status).toBe(200)
    const [row] = await t.db.select({ invitedAt: memberships.invitedAt, joinedAt: memberships.joinedAt }).from(memberships).where(eq(memberships.id, user.id))
    expect(row!.joinedAt!.getTime()).toBeGreaterThanOrEqual(row!.invitedAt!.getTime())
  })

  it('asks a person who already has a password to confirm with it, and keeps their name', async () => {
    const globex = await createAccount(t.db, t.clock, {
      name: 'Globex',
      admin: { email: 'hank@globex.test', firstName: 'Hank', lastName: 'Scorpio', password: 'Hank-pass-1!' },
    })
    const user = await invite(t, admin, { email: 'HANK@globex.test', firstName: 'Someone', lastName: 'Else' })
    const link = await t.invitationLinkFromEmail(user.email)
    const form = await t.http.send('GET', `${pathOf(link)}/register`)
    expect(form.text).toContain('Confirm with your password')
    expect(form.text).not.toContain('name="firstName"')

    const empty = await acceptByForm(t, link, { password: '' })
    expect(empty.status).toBe(400)
    expect(empty.text).toContain('Enter your password.')
    const wrong = await acceptByForm(t, link, { password: 'Wrong-pass-1!' })
    expect(wrong.status).toBe(400)
    // Said once, at the field it is about, not again in a banner above the form.
    expect(wrong.text.match(/The password is not correct\./g)).toHaveLength(1)
    expect(wrong.text).toMatch(/<input id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-error"/)
    expect(wrong.text).toMatch(/<p class="error" id="password-error" role="alert">The password is not correct\.<\/p>/)
    expect((await acceptByForm(t, link, { password: 'Hank-pass-1!' })).status).toBe(200)
    const [person] = await t.db.select().from(people).where(eq(people.id, globex.personId))
    expect(person).toMatchObject({ firstName: 'Hank', lastName: 'Scorpio' })
    expect(await stateOf(user.id)).toBe('active')
  })

  it('counts wrong passwords on the form against the same limit as sign-in: whoever holds a link gets no unlimited guesses', async () => {
    await createAccount(t.db, t.clock, {
      name: 'Initech',
      admin: { email: 'bill@initech.test', firstName: 'Bill', lastName: 'Lumbergh', password: 'Bill-pass-1!' },
    })
    const user = await invite(t, admin, { email: 'bill@initech.test' })
    const link = await t.invitationLinkFromEmail(user.email)
    for (let i = 0; i < 5; i++) expect((await acceptByForm(t, link, { password: `Guess-${i}-pass!` })).status).toBe(400)
    for (let i = 0; i < 5; i++) {
      expect((await t.http.send('POST', '/api/auth/login', { json: { email: 'bill@initech.test', password: 'bad' } })).status).toBe(401)
    }
    const limited = await acceptByForm(t, link, { password: 'Bill-pass-1!' })
    expect(limited.status).toBe(429)
    expect(limited.text).toContain('Too many failed password attempts')
    expect((await t.http.send('POST', '/api/auth/login', { json: { email: 'bill@initech.test', password: 'Bill-pass-1!' } })).status).toBe(429)
    expect(await stateOf(user.id)).toBe('invited')
    t.clock.advance(16 * 60 * 1000)
    expect((await acceptByForm(t, link, { password: 'Bill-pass-1!' })).status).toBe(200)
    expect(await stateOf(user.id)).toBe('active')
    t.clock.advance(-16 * 60 * 1000)
  })

  it('refuses a POST without the CSRF token, or from another site, and changes nothing', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    const form = new URLSearchParams({ firstName: 'A', lastName: 'B', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD, acceptTerms: 'on' })
    const noToken = await t.http.send('POST', `${pathOf(link)}/accept`, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(noToken.status).toBe(403)
    const crossSite = await t.http.send('POST', `${pathOf(link)}/decline`, {
      body: 'csrf=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: 'roster_invite_csrf=x' },
    })
    expect(crossSite.status).toBe(403)
    expect(await stateOf(user.id)).toBe('invited')
  })
})

describe('what browsers really send', () => {
  it('accepts a same-origin form post whose Origin is "null" (privacy settings), and refuses it from elsewhere', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    const path = new URL(link).pathname
    const page = await t.http.send('GET', `${path}/decline`)
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!
    const csrf = page.text.match(/name="csrf" value="([^"]+)"/)![1]!
    const post = (headers: Record<string, string>) =>
      t.http.send('POST', `${path}/decline`, {
        body: new URLSearchParams({ csrf }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: 'null', ...headers },
      })
    expect((await post({})).status).toBe(403)
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(await stateOf(user.id)).toBe('invited')
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(303)
  })
})

describe('declining', () => {
  it('withdraws the invitation: the membership is gone and the history says it was declined', async () => {
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    const posted = await declineByForm(t, link)
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe(`${pathOf(link)}/declined`)
    const response = await t.http.send('GET', posted.headers.get('location')!)
    expect(response.status).toBe(200)
    expect(response.text).toContain('Invitation declined')
    expect(response.text).toContain('You declined the invitation to join Acme.')
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(404)
    const [row] = await t.db.select().from(memberships).where(eq(memberships.id, user.id))
    expect(row).toMatchObject({ endReason: 'declined' })
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)
    expect(history.body[0]).toMatchObject({ type: 'invitation_declined', actor: { type: 'invitee', label: user.email } })
    // Sent again (a double click), the form leads to the same confirmation and changes nothing.
    const again = await declineByForm(t, link)
    expect([again.status, again.headers.get('location')]).toEqual([303, `${pathOf(link)}/declined?again=1`])
    expect((await t.http.send('GET', pathOf(link))).headers.get('location')).toBe(`${pathOf(link)}/declined`)
    // Declined people can be invited again.
    expect((await admin.post(`/api/accounts/${t.acme.accountId}/users`, { firstName: 'A', lastName: 'B', email: user.email, groupIds: [t.acme.groupId] })).status).toBe(201)
  })

  it('answers the form with a redirect, so that reloading the confirmation shows it again and posts nothing', async () => {
    const user = await invite(t, admin)
    const path = pathOf(await t.invitationLinkFromEmail(user.email))
    const posted = await declineByForm(t, `http://roster.test${path}`)
    expect(posted.status).toBe(303)
    for (let reload = 0; reload < 2; reload++) {
      const page = await t.http.send('GET', `${path}/declined`)
      expect(page.status).toBe(200)
      expect(page.text).toContain('You declined the invitation to join Acme.')
      expect(page.text).not.toContain('no longer active')
    }
    // Only for a while, and only for a declined link: otherwise it is what any dead link says.
    t.clock.advance(61 * 60 * 1000)
    expect((await t.http.send('GET', `${path}/declined`)).status).toBe(404)
    t.clock.advance(-61 * 60 * 1000)
    const pending = pathOf(await t.invitationLinkFromEmail((await invite(t, admin)).email))
    expect((await t.http.send('GET', `${pending}/declined`)).status).toBe(404)
    const accepted = await invite(t, admin)
    const acceptedLink = await t.invitationLinkFromEmail(accepted.email)
    expect((await acceptByForm(t, acceptedLink, { password: GOOD_PASSWORD })).status).toBe(200)
    const wrongKind = await t.http.send('GET', `${pathOf(acceptedLink)}/declined`)
    expect(wrongKind.status).toBe(404)
    expect(wrongKind.text).not.toContain('Acme')
    for (const token of ['x', 'A'.repeat(43)]) expect((await t.http.send('GET', `/invite/${token}/declined`)).status).toBe(404)
  })
})
