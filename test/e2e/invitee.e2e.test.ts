import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { accountId, ADMIN, apiFromPage, goToUsers, invitationCard, inviteUrl, NO_LONGER_ACTIVE, rowCount, submitting } from './support/app'
import { readClipboard } from './support/browser'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { addUser, description, gone, menuState, openActions, shows, signIn, toast, until, userRow } from './support/ui'

/**
 * Issue 3, end to end, an invitee's path: the real server (Node entry, PGlite, development mailbox)
 * and the built admin UI in Chromium. The administrator invites two people through the wizard; one
 * declines and one accepts on the invite pages, registers and signs in; the administrator edits
 * the new member's groups. invitations.e2e.test.ts manages invitations on a server of its own.
 */

const FIRST = { firstName: 'Reto', lastName: 'Mayer', email: 'reto.mayer@example.com', password: 'Gr8-Sunrise!' }
const SECOND = { firstName: 'Mia', lastName: 'Keller', email: 'mia.keller@example.com', group: 'Support' }
const links: { first?: string; second?: string } = {}

const tabs = serverWithTabs()
let admin: Page
let invitee: Page
const flow = stepsOf('invitee', () => admin)

describe("An invitee's path, end to end in Chromium", () => {
  beforeAll(() => {
    ;({ admin, invitee } = tabs)
  })

  flow.step('sign-in', 'the seeded administrator signs in and sees the Users list', async () => {
    await admin.goto('/')
    await signIn(admin, ADMIN.email, ADMIN.password)
    await shows(admin.getByRole('heading', { name: 'Users', level: 6 }))
    await shows(admin.getByRole('button', { name: 'Profile' }).filter({ hasText: ADMIN.name }))
    const row = userRow(admin, ADMIN.email)
    await shows(row.getByRole('link', { name: ADMIN.name }))
    await shows(row.getByRole('cell', { name: 'Active', exact: true }))
    await shows(row.getByRole('link', { name: 'Administrators' }))
    expect(await rowCount(admin)).toBe('1 row')
  })

  flow.step('add-user-wizard', 'adds a user through the wizard, with its checks, and copies the invitation link', async () => {
    await admin.getByRole('link', { name: 'Add', exact: true }).click()
    const dialog = admin.getByRole('dialog', { name: 'Add user' })
    await shows(dialog.getByRole('region', { name: 'User details' }))
    const firstName = dialog.getByRole('textbox', { name: 'First name' })
    const lastName = dialog.getByRole('textbox', { name: 'Last name' })
    const email = dialog.getByRole('textbox', { name: 'Email address' })
    const phone = dialog.getByRole('textbox', { name: 'Phone number' })
    const next = dialog.getByRole('button', { name: 'Next' })

    // Next with nothing typed: each required field says so, and the step stays.
    await next.click()
    for (const field of [firstName, lastName, email]) {
      await until(() => field.getAttribute('aria-invalid'), (value) => value === 'true', 'a required field to be invalid')
      expect(await description(field)).toBe('Required')
    }
    const required = dialog.getByText('Required', { exact: true })
    expect(await required.count()).toBe(3)
    expect(await dialog.getByRole('heading', { name: 'User details' }).isVisible()).toBe(true)

    await firstName.fill(FIRST.firstName)
    await lastName.fill(FIRST.lastName)
    await until(() => required.count(), (count) => count === 1, 'only the email to be still required')

    // The administrator's own email: who has it shows on the field while typing, before Next.
    await email.pressSequentially(ADMIN.email, { delay: 10 })
    const takenMessage = `Already the email of ${ADMIN.name} (active) in this account.`
    const taken = dialog.getByText(takenMessage)
    await shows(taken)
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    expect(await description(email)).toBe(takenMessage)
    await flow.snapshot(admin, 'add-user-wizard-email-taken')
    await next.click()
    await shows(taken)
    expect(await dialog.getByRole('heading', { name: 'User details' }).isVisible()).toBe(true)

    await email.fill('')
    await email.pressSequentially(FIRST.email, { delay: 5 })
    await gone(taken)
    expect(await email.getAttribute('aria-invalid')).toBe('false')

    // A phone number is checked for the chosen country.
    const country = dialog.getByRole('combobox', { name: 'Country code' })
    await country.click()
    await country.fill('Switzerland')
    await admin.getByRole('option', { name: '+41 Switzerland' }).click()
    expect(await country.inputValue()).toBe('+41 Switzerland')
    await phone.fill('044 668 18')
    const badPhone = dialog.getByText('This is not a valid phone number for Switzerland')
    await shows(badPhone)
    expect(await phone.getAttribute('aria-invalid')).toBe('true')
    expect(await description(phone)).toBe('This is not a valid phone number for Switzerland')
    await next.click()
    expect(await dialog.getByRole('heading', { name: 'User details' }).isVisible()).toBe(true)
    await phone.fill('044 668 18 00')
    await gone(badPhone)
    expect(await phone.getAttribute('aria-invalid')).toBe('false')

    // Enter in a field does what Next does. Groups: at least one, chosen through the search.
    await phone.press('Enter')
    const groups = dialog.getByRole('region', { name: 'Groups' })
    await shows(groups)
    await dialog.getByRole('button', { name: 'Next' }).click()
    await shows(groups.getByRole('alert').filter({ hasText: 'Select at least one group' }))
    expect(await groups.isVisible()).toBe(true)
    await groups.getByRole('searchbox', { name: 'Search groups' }).fill('admin')
    const administrators = groups.getByRole('checkbox', { name: /^Administrators\b/ })
    await administrators.check()
    await gone(groups.getByRole('alert'))
    await dialog.getByRole('button', { name: 'Next' }).click()

    // Overview: what was typed, the phone in international format, the group.
    const overview = dialog.getByRole('region', { name: 'Overview' })
    await shows(overview)
    const text = await overview.innerText()
    for (const expected of [FIRST.firstName, FIRST.lastName, FIRST.email, '+41 44 668 18 00 (Switzerland)', 'Administrators']) {
      expect(text).toContain(expected)
    }
    await flow.snapshot(admin, 'add-user-wizard-overview')
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()

    const summary = dialog.getByRole('region', { name: 'Summary' })
    await shows(summary.getByText(`${FIRST.firstName} ${FIRST.lastName} was added to the account`))
    await shows(summary.getByText(`An invitation email was sent to ${FIRST.email}.`))
    await shows(summary.getByText(/^The invitation link expires on /))

    await dialog.getByRole('button', { name: 'Copy invitation link' }).click()
    // Said inside the dialog, where screen readers hear it (the toast behind a modal they do not).
    await shows(dialog.getByRole('status').filter({ hasText: 'Link copied' }))
    links.first = await readClipboard(admin)
    expect(links.first).toMatch(inviteUrl(tabs.server.baseUrl))
    await flow.snapshot(admin, 'add-user-wizard-summary')

    await dialog.getByRole('button', { name: 'Close' }).click()
    await gone(dialog)
    const row = userRow(admin, FIRST.email)
    await shows(row.getByRole('link', { name: `${FIRST.firstName} ${FIRST.lastName}` }))
    await shows(row.getByRole('cell', { name: 'Invited', exact: true }))
    await shows(row.getByRole('link', { name: 'Administrators' }))
    expect(await rowCount(admin)).toBe('2 rows')
  })

  flow.step('second-user', 'creates a Support group and adds a second user into it', async () => {
    await admin.getByRole('menuitem', { name: 'Groups' }).click()
    await shows(admin.getByRole('heading', { name: 'Groups', level: 6 }))
    await admin.getByRole('link', { name: 'Create' }).click()
    await admin.getByRole('textbox', { name: 'Name' }).fill('Support')
    await admin.getByRole('textbox', { name: 'Description' }).fill('Answers customer tickets')
    await admin.getByRole('button', { name: 'Save' }).click()
    const groupRow = admin.getByRole('row').filter({ hasText: 'Answers customer tickets' })
    await shows(groupRow)
    expect(await groupRow.innerText()).toContain('Support')

    await goToUsers(admin)
    const dialog = await addUser(admin, SECOND)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await gone(dialog)
    const row = userRow(admin, SECOND.email)
    await shows(row.getByRole('cell', { name: 'Invited', exact: true }))
    await shows(row.getByRole('link', { name: 'Support' }))
  })

  flow.step('emails', 'the Emails page lists and previews both invitations, with their links', async () => {
    await admin.getByRole('menuitem', { name: 'Emails' }).click()
    for (const [user, key] of [
      [FIRST, 'first'],
      [SECOND, 'second'],
    ] as const) {
      const card = invitationCard(admin, user.email)
      // Emails leave the outbox just after the response: reload if one is not there yet.
      for (let attempt = 1; ; attempt++) {
        try {
          await shows(card, 4_000)
          break
        } catch (error) {
          if (attempt === 3) throw error
          await admin.reload()
        }
      }
      const body = card.getByTitle('Preview of "Invitation to Roster"').contentFrame().locator('body')
      await shows(body.getByText(`Hi ${user.firstName},`, { exact: true }))
      await shows(body.getByText(`${ADMIN.name} has invited you to use Roster on behalf of Demo Company.`, { exact: true }))
      await shows(body.getByText('This is a personalised invitation that will expire after 7 days.', { exact: true }))
      const link = await body.getByRole('link', { name: 'here', exact: true }).getAttribute('href')
      expect(link).toMatch(inviteUrl(tabs.server.baseUrl))
      await card.getByRole('button', { name: 'Show plain text' }).click()
      expect(await card.locator('pre').innerText()).toContain(link!)
      // "Copy invitation link" copied the very link the email holds.
      if (key === 'first') expect(link).toBe(links.first)
      links[key] = link!
    }
    expect(links.second).not.toBe(links.first)
  })

  flow.step('decline', 'the second invitee declines; the user leaves the list, the history keeps it', async () => {
    flow.show(invitee)
    await invitee.goto(links.second!)
    await shows(invitee.getByRole('heading', { name: 'You have been invited to join Roster under Demo Company' }))
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

    // The link is dead now.
    await invitee.goto(links.second!)
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
    const unmet = async () => (await rules.evaluateAll((items) => items.filter((li) => !li.classList.contains('met')).map((li) => li.textContent)))
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
    const unticked = invitee.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ })
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
    await shows(invitee.getByRole('heading', { name: 'Users', level: 6 }))
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

  flow.step('edit-groups', "the administrator edits the member's groups; the last group stays", async () => {
    await admin.reload()
    const row = userRow(admin, FIRST.email)
    await shows(row.getByRole('cell', { name: 'Active', exact: true }))
    const menu = await openActions(admin, `${FIRST.firstName} ${FIRST.lastName}`)
    expect(await menuState(menu)).toEqual({
      'Copy invitation link': false,
      'Resend invitation link': false,
      'Send new invitation': false,
      Edit: true,
      Remove: true,
    })
    await menu.getByRole('menuitem', { name: 'Edit' }).click()

    const dialog = admin.getByRole('dialog', { name: 'Edit user' })
    const details = dialog.getByRole('region', { name: 'User details' })
    await shows(details.getByText(FIRST.email))
    expect(await details.innerText()).toContain('+41 44 668 18 00 (Switzerland)')
    expect(await dialog.getByRole('textbox').count()).toBe(0) // details are read-only
    await dialog.getByRole('button', { name: 'Next' }).click()

    const groups = dialog.getByRole('region', { name: 'Groups' })
    const administrators = groups.getByRole('checkbox', { name: /^Administrators\b/ })
    const support = groups.getByRole('checkbox', { name: /^Support\b/ })
    await shows(administrators)
    expect(await administrators.isChecked()).toBe(true)
    expect(await administrators.isDisabled()).toBe(true) // the only group cannot be unticked
    await shows(groups.getByText('A user keeps at least one group.'))

    await administrators.click({ force: true }) // a click on the locked box changes nothing
    expect(await administrators.isChecked()).toBe(true)
    await support.check()
    expect(await administrators.isDisabled()).toBe(false)
    await administrators.uncheck()
    expect(await support.isChecked()).toBe(true)
    expect(await support.isDisabled()).toBe(true)
    await flow.snapshot(admin, 'edit-groups-dialog')

    await dialog.getByRole('button', { name: 'Save' }).click()
    await shows(toast(admin, 'Groups updated'))
    await gone(dialog)
    await shows(row.getByRole('link', { name: 'Support' }))
    expect(await row.getByRole('link', { name: 'Administrators' }).count()).toBe(0)
  })

  flow.step('profile', 'a member who administers nothing, and then a removed person, sign in to their own profile', async () => {
    flow.show(invitee)
    await invitee.goto('/')
    await signIn(invitee, FIRST.email, FIRST.password)
    await shows(invitee.getByRole('alert').filter({ hasText: 'You do not administer any account.' }))
    expect(await invitee.getByRole('menuitem', { name: 'Users' }).count()).toBe(0)
    // An administrator's page (a bookmark, say) leads to the profile, not to "Not Found".
    await invitee.goto('/#/users')
    await until(() => invitee.evaluate(() => window.location.hash), (hash) => hash === '#/profile', 'the profile page')
    await shows(invitee.getByRole('alert').filter({ hasText: 'You do not administer any account.' }))
    const email = invitee.getByRole('textbox', { name: 'Email address' })
    expect(await email.inputValue()).toBe(FIRST.email)
    expect(await email.isDisabled()).toBe(true)
    const lastName = invitee.getByRole('textbox', { name: 'Last name' })
    expect(await lastName.inputValue()).toBe(FIRST.lastName)
    await lastName.fill('Mayer-Frei')
    await invitee.getByRole('textbox', { name: 'Phone number' }).fill('+49 30 901820')
    await invitee.getByRole('button', { name: 'Save' }).click()
    // The number is German, the country Swiss: refused on the spot, nothing saved.
    await shows(invitee.getByText('This is not a valid phone number for Switzerland'))
    await invitee.getByRole('textbox', { name: 'Phone number' }).fill('044 668 18 01')
    await invitee.getByRole('button', { name: 'Save' }).click()
    await shows(toast(invitee, 'Your profile was saved.'))
    await shows(invitee.getByRole('button', { name: 'Profile' }).filter({ hasText: `${FIRST.firstName} Mayer-Frei` }))
    await flow.snapshot(invitee, 'profile-saved')
    await invitee.getByRole('button', { name: 'Profile' }).click()
    await invitee.getByRole('menuitem', { name: 'Sign out' }).click()

    // The administrator sees the new name, then removes the member.
    const name = `${FIRST.firstName} Mayer-Frei`
    await admin.reload()
    const menu = await openActions(admin, name)
    await menu.getByRole('menuitem', { name: 'Remove' }).click()
    const dialog = admin.getByRole('dialog', { name: 'Remove user' })
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await shows(toast(admin, `${name} was removed from the account`))

    // With no membership left (Disabled), the person still signs in, to their profile only.
    await signIn(invitee, FIRST.email, FIRST.password)
    await shows(invitee.getByRole('alert').filter({ hasText: 'You are no longer a member of any account.' }))
    expect(await invitee.getByRole('textbox', { name: 'Last name' }).inputValue()).toBe('Mayer-Frei')
  })

  flow.step('signed-in-elsewhere', "a link accepted in the administrator's browser leads to a sign-in form, not into their session", async () => {
    const THIRD = { firstName: 'Lea', lastName: 'Frei', email: 'lea.frei@example.com', group: 'Support', password: 'Bl8-Moonrise!' }
    await goToUsers(admin)
    const dialog = await addUser(admin, THIRD)
    await dialog.getByRole('button', { name: 'Copy invitation link' }).click()
    // Once copied: the clipboard still holds the first invitee's link until then.
    await shows(dialog.getByRole('status').filter({ hasText: 'Link copied' }))
    const link = await readClipboard(admin)
    expect(link).not.toBe(links.first)
    await dialog.getByRole('button', { name: 'Close' }).click()

    // The administrator tries the link where they are signed in: the pages say so.
    await admin.goto(link)
    await shows(admin.getByText(`You are signed in as ${ADMIN.email} in this browser. This invitation is for ${THIRD.email}`))
    await admin.getByRole('link', { name: 'Accept invitation' }).click()
    await admin.getByRole('textbox', { name: 'Password', exact: true }).fill(THIRD.password)
    await admin.getByRole('textbox', { name: 'Confirm password' }).fill(THIRD.password)
    await admin.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ }).check()
    const accepted = await submitting(admin, '/accept', () => admin.getByRole('button', { name: 'Accept invitation' }).click())
    expect(accepted.status, accepted.body).toBe(303)
    await shows(admin.getByRole('heading', { name: 'Welcome to Demo Company!' }))
    await shows(admin.getByText(`You are signed in as ${ADMIN.email} in this browser. Signing in as ${THIRD.email} signs ${ADMIN.email} out first.`))
    expect(await admin.getByRole('link', { name: 'Sign in' }).count()).toBe(0)

    // Sign in ends the administrator's session and opens the sign-in form, with the new member's email.
    await admin.getByRole('button', { name: 'Sign out and sign in' }).click()
    await shows(admin.getByRole('heading', { name: 'Sign in', level: 1 }))
    expect(await admin.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401)
    expect(await admin.getByRole('textbox', { name: 'Email address' }).inputValue()).toBe(THIRD.email)
    await admin.getByRole('textbox', { name: 'Password' }).fill(THIRD.password)
    await admin.getByRole('button', { name: 'Sign in' }).click()
    await shows(admin.getByRole('button', { name: 'Profile' }).filter({ hasText: `${THIRD.firstName} ${THIRD.lastName}` }))
  })

  flow.step('forgot-password', 'a member who forgot their password gets a link by email and signs in with a new one', async () => {
    const THIRD = { email: 'lea.frei@example.com', password: 'Bl8-Moonrise!' }
    await admin.goto('/#/login')
    await admin.evaluate(async () => fetch('/api/auth/logout', { method: 'POST' }))
    await admin.goto('/#/login')
    await admin.getByRole('textbox', { name: 'Email address' }).fill(THIRD.email)
    await admin.getByRole('link', { name: 'Forgot your password?' }).click()
    await shows(admin.getByRole('heading', { name: 'Forgot your password?' }))
    expect(await admin.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(THIRD.email)
    await admin.getByRole('button', { name: 'Send me a link' }).click()
    await shows(admin.getByRole('heading', { name: 'Check your email' }))

    // The development mailbox prints the link; the email belongs to no account's Emails page.
    const printed = new RegExp(`"Reset your Roster password" to ${THIRD.email.replaceAll('.', '\\.')}: (\\S+)`)
    const link = await until(() => Promise.resolve(tabs.server.output().match(printed)?.[1] ?? ''), (text) => text !== '', 'the reset link')
    await admin.goto(link)
    await admin.getByRole('textbox', { name: 'New password', exact: true }).fill('Fr3sh-start!')
    await admin.getByRole('textbox', { name: 'Confirm password' }).fill('Fr3sh-start!')
    await admin.getByRole('button', { name: 'Save the new password' }).click()
    await shows(admin.getByRole('heading', { name: 'Your password was changed' }))
    await admin.getByRole('link', { name: 'Sign in' }).click()
    await signIn(admin, THIRD.email, 'Fr3sh-start!')
    await shows(admin.getByRole('button', { name: 'Profile' }).filter({ hasText: 'Lea Frei' }))
  })

})
