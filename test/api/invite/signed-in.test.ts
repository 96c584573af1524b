import { describe, expect, it } from 'vitest'
import { createAccount } from '../../../api/core/seed.js'
import { withAdminApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

const pathOf = (link: string) => new URL(link).pathname
const form = 'application/x-www-form-urlencoded'
const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? ''

/** Registers through the pages in a browser that holds `session`'s cookie; answers the path and cookies. */
async function acceptIn(session: string, link: string) {
  const path = pathOf(link)
  const page = await t.http.send('GET', `${path}/register`, { cookie: session })
  const cookie = `${session}; ${cookieOf(page.headers)}`
  const body = new URLSearchParams({
    csrf: csrfOf(page.text),
    firstName: 'Grace',
    lastName: 'Hopper',
    password: GOOD_PASSWORD,
    confirmPassword: GOOD_PASSWORD,
    acceptTerms: 'on',
  })
  const posted = await t.http.send('POST', `${path}/accept`, { body: body.toString(), headers: { 'content-type': form }, cookie })
  expect(posted.status).toBe(303)
  return { path, cookie }
}

describe('an invitation opened where someone else is signed in', () => {
  it('the welcome page says who is signed in; nobody signed in, or the invitee, sees no such line', async () => {
    const user = await invite(t, admin)
    const path = pathOf(await t.invitationLinkFromEmail(user.email))
    const asAdmin = await t.http.send('GET', path, { cookie: admin.cookie })
    expect(asAdmin.status).toBe(200)
    expect(asAdmin.text).toContain('You are signed in as admin@acme.test in this browser.')
    expect(asAdmin.text).toContain(`This invitation is for ${user.email}`)
    const nobody = await t.http.send('GET', path)
    expect(nobody.text).not.toContain('You are signed in as')
    // A session cookie that names no live session is nobody.
    const stale = await t.http.send('GET', path, { cookie: `roster_session=${'A'.repeat(43)}` })
    expect(stale.text).not.toContain('You are signed in as')
  })

  it('a person who is signed in themselves (a member elsewhere) is not warned about themselves', async () => {
    await createAccount(t.db, t.clock, {
      name: 'Globex',
      admin: { email: 'hank@globex.test', firstName: 'Hank', lastName: 'Scorpio', password: 'Hank-pass-1!' },
    })
    const hank = await t.http.signIn('hank@globex.test', 'Hank-pass-1!')
    const user = await invite(t, admin, { email: 'HANK@globex.test' })
    const path = pathOf(await t.invitationLinkFromEmail(user.email))
    expect((await t.http.send('GET', path, { cookie: hank.cookie })).text).not.toContain('You are signed in as')
  })

  it('after accepting, Sign in ends the other session (with the page’s CSRF token) and opens the sign-in form', async () => {
    const other = await t.asAdmin()
    const user = await invite(t, admin)
    const { path, cookie } = await acceptIn(other.cookie, await t.invitationLinkFromEmail(user.email))

    const page = await t.http.send('GET', `${path}/accepted`, { cookie })
    expect(page.status).toBe(200)
    expect(page.text).toContain('Welcome to Acme!')
    expect(page.text).toContain('You are signed in as admin@acme.test in this browser.')
    // Not a link into the administrator's session: a form that ends it first.
    expect(page.text).not.toContain('href="http://roster.test/"')
    expect(page.text).toContain(`<form method="post" action="${path}/sign-in">`)

    const without = await t.http.send('POST', `${path}/sign-in`, { body: 'csrf=nope', headers: { 'content-type': form }, cookie })
    expect(without.status).toBe(403)
    expect((await other.get('/api/auth/me')).status).toBe(200)

    const body = new URLSearchParams({ csrf: csrfOf(page.text) }).toString()
    const signIn = await t.http.send('POST', `${path}/sign-in`, { body, headers: { 'content-type': form }, cookie })
    expect(signIn.status).toBe(303)
    // The admin app's sign-in form, with the new member's email filled in.
    expect(signIn.headers.get('location')).toBe(`http://roster.test/#/login?email=${encodeURIComponent(user.email)}`)
    expect(signIn.headers.get('set-cookie')).toMatch(/^roster_session=;.*Max-Age=0/)
    expect((await other.get('/api/auth/me')).status).toBe(401)
    // The administrator's other sessions (other browsers) are untouched.
    expect((await admin.get('/api/auth/me')).status).toBe(200)
  })

  it('with nobody else signed in, Sign in stays a plain link to the app’s sign-in form, the email filled in', async () => {
    const user = await invite(t, admin)
    const accepted = await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
    expect(accepted.text).toContain(`href="http://roster.test/#/login?${new URLSearchParams({ email: user.email })}"`)
    expect(accepted.text).not.toContain('You are signed in as')
    expect(accepted.text).not.toContain('/sign-in"')
  })
})
