import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { ADMIN, copyInvitationLink, createGroup, goToUsers, inviteUrl, rowCount, showsInvitation, signInAsAdmin } from './support/app'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { addUser, description, gone, shows, until, userRow } from './support/ui'

/**
 * Issue 3, end to end, adding users: the real server (Node entry, PGlite, development mailbox) and
 * the built admin UI in Chromium. The administrator adds a user through the wizard and its checks,
 * a group and a second user into it, and finds both invitations on the Emails page. What the
 * invitees do with them: accept-or-decline.e2e.test.ts, each file on a server of its own.
 */

const FIRST = { firstName: 'Reto', lastName: 'Mayer', email: 'reto.mayer@example.com' }
const SECOND = { firstName: 'Mia', lastName: 'Keller', email: 'mia.keller@example.com', group: 'Support' }
const links: { first?: string; second?: string } = {}

const tabs = serverWithTabs()
let admin: Page
const flow = stepsOf('add-user', () => admin)

describe('Adding users, end to end in Chromium', () => {
  beforeAll(() => {
    admin = tabs.admin
  })

  flow.step('sign-in', 'the seeded administrator signs in and sees the Users list', async () => {
    await signInAsAdmin(admin)
    await shows(admin.getByRole('heading', { name: 'Users', level: 1 }))
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
    await shows(summary.getByText(`An invitation email is on its way to ${FIRST.email}.`))
    await shows(summary.getByText(/^The invitation link expires on /))

    links.first = await copyInvitationLink(admin, dialog)
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
    const groupRow = await createGroup(admin, 'Support', 'Answers customer tickets')
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
      const card = await showsInvitation(admin, user.email)
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
})
