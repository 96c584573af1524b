import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { accountId, ADMIN, apiFromPage, goToUsers, inviteUser, NO_LONGER_ACTIVE, rowCount, showsInvitation, signInAsAdmin, submitting } from './support/app'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { description, gone, shows, signIn, until, userRow } from './support/ui'

/**
 * Issue 3, end to end, an invitee's own path on the invite pages: of two people invited, one
 * declines (the administrator sees the user go and the history keep it), the other accepts,
 * registers past the password checks and signs in. On a server of its own.
 */

const FIRST = { firstName: 'Reto', lastName: 'Mayer', email: 'reto.mayer@example.com', group: 'Administrators', password: 'Gr8-Sunrise!' }
const SECOND = { firstName: 'Mia', lastName: 'Keller', email: 'mia.keller@example.com', group: 'Administrators' }
const links: { first?: string; second?: string } = {}

const tabs = serverWithTabs()
let admin: Page
let invitee: Page
const flow = stepsOf('accept-or-decline', () => admin)

describe('An invitee accepts or declines, end to end in Chromium', () => {
  beforeAll(() => {
    ;({ admin, invitee } = tabs)
  })

  flow.step('invitations', 'the seeded administrator signs in and invites two people; both emails are sent', async () => {
    await signInAsAdmin(admin)
    links.first = await inviteUser(admin, FIRST)
    links.second = await inviteUser(admin, SECOND)
    expect(links.second).not.toBe(links.first)
    await shows(userRow(admin, SECOND.email).getByRole('cell', { name: 'Invited', exact: true }))
    await admin.getByRole('menuitem', { name: 'Emails' }).click()
    for (const user of [FIRST, SECOND]) await showsInvitation(admin, user.email)
  })

  flow.step('decline', 'the second invitee declines; the user leaves the list, the history keeps it', async () => {
    flow.show(invitee)
    await invitee.goto(links.second!)
    await shows(invitee.getByRole('heading', { name: 'Welcome to Roster' }))
    await shows(invitee.getByText('Demo Company', { exact: true }))
    await shows(invitee.getByText(`This invitation has been sent to ${SECOND.email}`))
    // Declining is asked once more: it cannot be undone.
    await invitee.getByRole('link', { name: 'Decline invitation' }).click()
    await shows(invitee.getByRole('heading', { name: 'Decline the invitation to join Demo Company?' }))
    await flow.snapshot(invitee, 'decline-confirm')
    const declined = await submitting(invitee, '/decline', () => invitee.getByRole('button', { name: 'Decline invitation' }).click())
    // Post/Redirect/Get: a reload shows the confirmation again and posts nothing.
    expect(declined.status, declined.body).toBe(303)
    await shows(invitee.getByRole('heading', { name: 'Invitation declined' }))
    expect(new URL(invitee.url()).pathname).toMatch(/\/declined$/)
    await invitee.reload()
    await shows(invitee.getByRole('heading', { name: 'Invitation declined' }))
    await shows(invitee.getByText('You declined the invitation to join Demo Company.'))
    await flow.snapshot(invitee, 'decline-invitee')

    // The email's link, opened again, says what happened rather than that something failed.
    await invitee.goto(links.second!)
    await shows(invitee.getByText('You declined the invitation to join Demo Company.'))
    // A link that never worked says what any dead link says.
    await invitee.goto(links.second!.replace(/[^/]+$/, 'A'.repeat(43)))
    await shows(invitee.getByText(NO_LONGER_ACTIVE))

    flow.show(admin)
    await goToUsers(admin)
    await shows(userRow(admin, FIRST.email))
    await gone(userRow(admin, SECOND.email)) // once the list is fetched again (it shows its cache first)
    expect(await rowCount(admin)).toBe('2 rows')

    // The administrators can see it was declined (the membership's history, through the API).
    const account = await accountId(admin)
    const emails = await apiFromPage<{ to: string; userId: string }[]>(admin, `/api/accounts/${account}/emails`)
    const declinedId = emails.body.find((email) => email.to === SECOND.email)?.userId
    expect(declinedId).toBeTruthy()
    const events = await apiFromPage<{ type: string; actor: { type: string } }[]>(
      admin,
      `/api/accounts/${account}/events?filter=${encodeURIComponent(JSON.stringify({ userId: declinedId }))}`,
    )
    expect(events.status).toBe(200)
    expect(events.body.map((event) => event.type)).toContain('invitation_declined')
    expect(events.body.find((event) => event.type === 'invitation_declined')?.actor.type).toBe('invitee')

    // And on the History page, where the declined person stays once their user is gone.
    await admin.getByRole('menuitem', { name: 'History' }).click()
    const line = admin.getByRole('row').filter({ hasText: 'Invitation declined' })
    await shows(line)
    expect(await line.innerText()).toContain(SECOND.email)
    expect(await line.innerText()).toContain('Former member')
    await flow.snapshot(admin, 'decline-history')
    await goToUsers(admin)
  })

  flow.step('accept-and-register', 'the first invitee accepts and registers, after the password rules refuse a weak one', async () => {
    flow.show(invitee)
    await invitee.goto(links.first!)
    await shows(invitee.getByText(`This invitation has been sent to ${FIRST.email}`))
    await invitee.getByRole('link', { name: 'Accept invitation' }).click()
    await shows(invitee.getByText('Please provide the following information'))

    const email = invitee.getByRole('textbox', { name: 'Email' })
    expect(await email.inputValue()).toBe(FIRST.email)
    expect(await email.getAttribute('readonly')).not.toBeNull()
    expect(await invitee.getByRole('textbox', { name: 'First name' }).inputValue()).toBe(FIRST.firstName)
    expect(await invitee.getByRole('textbox', { name: 'Last name' }).inputValue()).toBe(FIRST.lastName)

    // The rules tick as the person types; the unmet ones stay unticked.
    const rules = invitee.locator('#password-rules li')
    const unmet = async () => (await rules.evaluateAll((items) => items.filter((li) => !li.classList.contains('met')).map((li) => li.firstChild?.textContent)))
    expect(await unmet()).toEqual(['At least 8 characters', 'A lower-case letter', 'An upper-case letter', 'A digit', 'A special character'])
    const password = invitee.getByRole('textbox', { name: 'Password', exact: true })
    await password.pressSequentially('sunrise', { delay: 10 })
    expect(await unmet()).toEqual(['At least 8 characters', 'An upper-case letter', 'A digit', 'A special character'])
    await password.pressSequentially('days', { delay: 10 })
    expect(await unmet()).toEqual(['An upper-case letter', 'A digit', 'A special character'])
    await flow.snapshot(invitee, 'accept-and-register-rules')

    // Checked in the browser too: a confirmation that differs, on leaving it; the terms, when sending.
    const confirm = invitee.getByRole('textbox', { name: 'Confirm password' })
    await confirm.fill('sunrise')
    await confirm.blur()
    await until(() => confirm.getAttribute('aria-invalid'), (value) => value === 'true', 'the confirmation to be flagged')
    expect(await description(confirm)).toBe('The passwords do not match.')
    await confirm.fill('sunrisedays')
    await until(() => confirm.getAttribute('aria-invalid'), (value) => value === null, 'the confirmation to be cleared')
    // Leaving a differing confirmation by clicking the terms ticks them: the message that moves the
    // checkbox down appears once the click is done, not between the press and the release.
    const unticked = invitee.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ })
    await confirm.fill('sunrise')
    await unticked.click()
    expect(await unticked.isChecked()).toBe(true)
    await until(() => confirm.getAttribute('aria-invalid'), (value) => value === 'true', 'the confirmation to be flagged after the click')
    await unticked.click()
    expect(await unticked.isChecked()).toBe(false)
    await confirm.fill('sunrisedays')
    await until(() => confirm.getAttribute('aria-invalid'), (value) => value === null, 'the confirmation to be cleared again')
    await invitee.getByRole('button', { name: 'Accept invitation' }).click()
    await until(() => unticked.getAttribute('aria-invalid'), (value) => value === 'true', 'the terms to be flagged')
    expect(await description(unticked)).toBe('Accept the terms of use to continue.')
    expect(await unticked.evaluate((box) => box === document.activeElement)).toBe(true)
    // The password can be shown (the page's one inline script runs under its nonce) and hidden again.
    const show = invitee.getByRole('button', { name: 'Show password', exact: true })
    await show.click()
    expect(await password.getAttribute('type')).toBe('text')
    expect(await show.getAttribute('aria-pressed')).toBe('true')
    await flow.snapshot(invitee, 'accept-and-register-checks')
    await show.click()
    expect(await password.getAttribute('type')).toBe('password')

    // The password rules are left to the server (the browser does not block the form): it says what is missing.
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill('sunrisedays')
    await invitee.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ }).check()
    const refused = await submitting(invitee, '/accept', () => invitee.getByRole('button', { name: 'Accept invitation' }).click())
    expect(refused.status, refused.body).toBe(400)
    await shows(invitee.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }))
    const newPassword = invitee.getByRole('textbox', { name: 'Password', exact: true })
    expect(await newPassword.getAttribute('aria-invalid')).toBe('true')
    // The server's message, tied to the field (after the rule list it also points at).
    expect(await description(newPassword)).toMatch(/The password needs: an upper-case letter, a digit, a special character\.$/)
    await flow.snapshot(invitee, 'accept-and-register-refused')

    await invitee.getByRole('textbox', { name: 'Password', exact: true }).pressSequentially(FIRST.password, { delay: 5 })
    expect(await unmet()).toEqual([])
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill(FIRST.password)
    const terms = invitee.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ })
    if (!(await terms.isChecked())) await terms.check()
    const accepted = await submitting(invitee, '/accept', () => invitee.getByRole('button', { name: 'Accept invitation' }).click())
    // Post/Redirect/Get: the page that says it worked can be reloaded without posting again.
    expect(accepted.status, accepted.body).toBe(303)
    await shows(invitee.getByRole('heading', { name: 'Welcome to Demo Company!' }))
    expect(new URL(invitee.url()).pathname).toMatch(/\/accepted$/)
    await invitee.reload()
    await shows(invitee.getByRole('heading', { name: 'Welcome to Demo Company!' }))
    await shows(invitee.getByText(`Your invitation is accepted. Sign in with ${FIRST.email} and your password.`))
  })

  flow.step('member-signs-in', 'the new member signs in on the admin, sees the Users list, and signs out', async () => {
    flow.show(invitee)
    await invitee.getByRole('link', { name: 'Sign in' }).click()
    await signIn(invitee, FIRST.email, FIRST.password)
    await shows(invitee.getByRole('heading', { name: 'Users', level: 1 }))
    await shows(invitee.getByRole('button', { name: 'Profile' }).filter({ hasText: `${FIRST.firstName} ${FIRST.lastName}` }))
    const self = userRow(invitee, FIRST.email)
    await shows(self.getByRole('cell', { name: 'Active', exact: true }))
    await shows(userRow(invitee, ADMIN.email))
    await flow.snapshot(invitee, 'member-signs-in-users')

    await invitee.getByRole('button', { name: 'Profile' }).click()
    await invitee.getByRole('menuitem', { name: 'Sign out' }).click()
    await shows(invitee.getByRole('heading', { name: 'Sign in', level: 1 }))
    const me = await invitee.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(me).toBe(401)
  })

  flow.step('phone', 'on a phone, a long name and address wrap inside the invite pages instead of widening them', async () => {
    const long = {
      firstName: 'Maximiliane-Konstantina',
      lastName: 'Niederlassungsverwaltungsgesellschaftsvertreterin',
      email: 'maximiliane.konstantina.niederlassungsverwaltungsgesellschaft@subdomain.example-company.com',
      group: 'Administrators',
    }
    const link = await inviteUser(admin, long)
    await invitee.setViewportSize({ width: 390, height: 844 })
    const wider = () => invitee.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    for (const page of ['', '/register', '/decline']) {
      await invitee.goto(`${link}${page}`)
      await shows(invitee.getByRole('heading').first())
      expect(await wider(), `${page || 'welcome'} page at 390 px`).toBeLessThanOrEqual(0)
    }
    await invitee.setViewportSize({ width: 1280, height: 860 })
  })
})
