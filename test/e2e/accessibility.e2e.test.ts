import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { copyInvitationLink, inviteUser, signInAsAdmin, submitting } from './support/app'
import { seriousViolations } from './support/axe'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { description, gone, openActions, shows, signIn, until, userRow } from './support/ui'

/**
 * WCAG 2.1 A and AA, checked by axe-core on every page and dialog an administrator or an invitee
 * sees: each check fails on a serious or critical violation, listing the rule, its help and where.
 * A failed check does not stop the walk (expect.soft), so one run reports every page.
 */

const FIRST = { firstName: 'Reto', lastName: 'Mayer', email: 'reto.mayer@example.com' }
const SECOND = { firstName: 'Mia', lastName: 'Keller', email: 'mia.keller@example.com', group: 'Administrators' }
const links: { first?: string; second?: string } = {}

const tabs = serverWithTabs({ bypassCSP: true })
let admin: Page
let invitee: Page
const flow = stepsOf('accessibility', () => admin)

/** Checks the page as it is now; no rule is turned off and nothing is excluded. */
async function accessible(page: Page, where: string) {
  // MUI dialogs and menus fade in: a half-transparent element would be measured at the wrong contrast.
  await page.evaluate(() => Promise.all(document.getAnimations().map((running) => running.finished.catch(() => undefined))))
  expect.soft(await seriousViolations(page, where), `accessibility of ${where}`).toEqual([])
}

const flagged = (field: Locator) =>
  until(() => field.getAttribute('aria-invalid'), (value) => value === 'true', 'the field to be flagged')

describe('Accessibility (WCAG 2.1 AA, axe-core), end to end in Chromium', () => {
  beforeAll(() => {
    ;({ admin, invitee } = tabs)
  })

  flow.step('sign-in', 'the sign-in page and the Users list', async () => {
    await admin.goto('/')
    await shows(admin.getByRole('heading', { name: 'Sign in', level: 1 }))
    await accessible(admin, 'the sign-in page')
    await signIn(admin, 'admin@example.com', 'wrong-password')
    await shows(admin.getByRole('alert'))
    await accessible(admin, 'the sign-in page with an error')
    await signInAsAdmin(admin)
    await accessible(admin, 'the Users list')
    await openActions(admin, 'Ada Admin')
    await accessible(admin, "a user's actions menu")
    await admin.keyboard.press('Escape')
  })

  flow.step('add-user', 'each step of the Add user wizard', async () => {
    await admin.getByRole('link', { name: 'Add', exact: true }).click()
    const dialog = admin.getByRole('dialog', { name: 'Add user' })
    await shows(dialog.getByRole('region', { name: 'User details' }))
    await accessible(admin, 'Add user: details')
    await dialog.getByRole('button', { name: 'Next' }).click()
    const firstName = dialog.getByRole('textbox', { name: 'First name' })
    await flagged(firstName)
    await accessible(admin, 'Add user: details, with errors')

    await firstName.fill(FIRST.firstName)
    await dialog.getByRole('textbox', { name: 'Last name' }).fill(FIRST.lastName)
    await dialog.getByRole('textbox', { name: 'Email address' }).fill(FIRST.email)
    await dialog.getByRole('button', { name: 'Next' }).click()
    const groups = dialog.getByRole('region', { name: 'Groups' })
    await shows(groups)
    await accessible(admin, 'Add user: groups')
    await dialog.getByRole('button', { name: 'Next' }).click()
    await shows(groups.getByRole('alert'))
    await accessible(admin, 'Add user: groups, with an error')
    await groups.getByRole('checkbox', { name: /^Administrators\b/ }).check()
    await dialog.getByRole('button', { name: 'Next' }).click()
    await shows(dialog.getByRole('region', { name: 'Overview' }))
    await accessible(admin, 'Add user: overview')
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()
    const added = `${FIRST.firstName} ${FIRST.lastName} was added to the account`
    await shows(dialog.getByRole('region', { name: 'Summary' }).getByText(added))
    links.first = await copyInvitationLink(admin, dialog)
    await accessible(admin, 'Add user: summary')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await gone(dialog)
    links.second = await inviteUser(admin, SECOND)
  })

  flow.step('user', "a user's Edit dialog and page", async () => {
    const menu = await openActions(admin, `${FIRST.firstName} ${FIRST.lastName}`)
    await menu.getByRole('menuitem', { name: 'Edit' }).click()
    const dialog = admin.getByRole('dialog', { name: 'Edit user' })
    await shows(dialog.getByRole('region', { name: 'User details' }).getByText(FIRST.email))
    await accessible(admin, 'Edit user: details')
    await dialog.getByRole('button', { name: 'Next' }).click()
    await shows(dialog.getByRole('region', { name: 'Groups' }).getByRole('checkbox', { name: /^Administrators\b/ }))
    await accessible(admin, 'Edit user: groups')
    await admin.keyboard.press('Escape')
    await gone(dialog)

    await userRow(admin, FIRST.email).getByRole('link', { name: `${FIRST.firstName} ${FIRST.lastName}` }).click()
    await shows(admin.getByText(FIRST.email).first())
    await admin.waitForLoadState('networkidle')
    await accessible(admin, "a user's page")
  })

  flow.step('groups', 'the Groups list, a group and its form', async () => {
    await admin.getByRole('menuitem', { name: 'Groups' }).click()
    await shows(admin.getByRole('heading', { name: 'Groups', level: 1 }))
    const row = admin.getByRole('row').filter({ hasText: 'Administrators' })
    await shows(row)
    await accessible(admin, 'the Groups list')
    await row.click()
    await shows(admin.getByText('Ada Admin').first())
    await admin.waitForLoadState('networkidle')
    await accessible(admin, "a group's page")
    await admin.getByRole('menuitem', { name: 'Groups' }).click()
    await admin.getByRole('link', { name: 'Create' }).click()
    const name = admin.getByRole('textbox', { name: 'Name' })
    // Save is enabled once something was typed.
    await admin.getByRole('textbox', { name: 'Description' }).fill('Answers customer tickets')
    await admin.getByRole('button', { name: 'Save' }).click()
    await flagged(name)
    await accessible(admin, 'the new group form, with an error')
  })

  flow.step('api-tokens', 'API tokens, a new token shown once, and the provisioning log', async () => {
    await admin.getByRole('menuitem', { name: 'API tokens' }).click()
    await shows(admin.getByRole('textbox', { name: 'SCIM base URL' }))
    await accessible(admin, 'the API tokens page')
    await admin.getByRole('link', { name: 'Create token' }).click()
    await admin.getByRole('textbox', { name: 'Name' }).fill('Entra a11y')
    await accessible(admin, 'the new token form')
    await admin.getByRole('button', { name: 'Create token' }).click()
    const dialog = admin.getByRole('dialog', { name: 'New token "Entra a11y"' })
    await shows(dialog)
    await accessible(admin, 'the new token dialog')
    const token = await dialog.getByRole('textbox', { name: 'API token' }).inputValue()
    await dialog.getByRole('button', { name: 'I have copied the token' }).click()
    await gone(dialog)

    // A request in the log that worked, and one that failed (their status chips differ).
    for (const path of ['/Users?count=1', '/Users/no-such-user']) {
      await fetch(`${tabs.server.baseUrl}/scim/v2${path}`, { headers: { authorization: `Bearer ${token}` } })
    }
    await admin.getByRole('menuitem', { name: 'Provisioning log' }).click()
    await shows(admin.getByRole('row').filter({ hasText: 'Entra a11y' }).filter({ hasText: '404' }))
    await accessible(admin, 'the provisioning log')

    // Revoked, then listed for the record.
    await admin.getByRole('menuitem', { name: 'API tokens' }).click()
    await admin.getByRole('row').filter({ hasText: 'Entra a11y' }).getByRole('button', { name: 'Revoke' }).click()
    const confirm = admin.getByRole('dialog', { name: 'Revoke token "Entra a11y"' })
    await shows(confirm)
    await accessible(admin, 'the revoke confirmation')
    await confirm.getByRole('button', { name: 'Revoke' }).click()
    await gone(confirm)
    // Its only token revoked, the page says so, and offers to show it.
    await shows(admin.getByText(/Every API token of this account was revoked/))
    await admin.getByRole('button', { name: 'Show revoked tokens' }).click()
    await shows(admin.getByRole('row').filter({ hasText: 'Entra a11y' }).filter({ hasText: 'Revoked' }))
    await accessible(admin, 'the API tokens page with revoked tokens')
  })

  flow.step('history-emails-profile', 'History, Emails and the profile', async () => {
    await admin.getByRole('menuitem', { name: 'History' }).click()
    await shows(admin.getByRole('row').filter({ hasText: FIRST.email }).first())
    await accessible(admin, 'the History page')
    await admin.getByRole('menuitem', { name: 'Emails' }).click()
    await shows(admin.getByRole('article').filter({ hasText: `To ${FIRST.email} ·` }))
    await accessible(admin, 'the Emails page')
    await admin.getByRole('button', { name: 'Profile' }).click()
    await accessible(admin, 'the profile menu')
    await admin.keyboard.press('Escape')
    await admin.getByRole('menuitem', { name: 'Your profile' }).click()
    await shows(admin.getByRole('textbox', { name: 'Last name' }))
    await accessible(admin, 'the profile page')
  })

  flow.step('invitation', 'the invitation pages: welcome, decline, declined, register with errors', async () => {
    flow.show(invitee)
    await invitee.goto(links.first!)
    await shows(invitee.getByRole('link', { name: 'Accept invitation' }))
    await accessible(invitee, 'the invitation welcome page')
    await invitee.getByRole('link', { name: 'Decline invitation' }).click()
    await shows(invitee.getByRole('heading', { name: /^Decline the invitation/ }))
    await accessible(invitee, 'the decline confirmation')
    await submitting(invitee, '/decline', () => invitee.getByRole('button', { name: 'Decline invitation' }).click())
    await shows(invitee.getByRole('heading', { name: 'Invitation declined' }))
    await accessible(invitee, 'the declined page')
    await invitee.goto(links.first!.replace(/[^/]+$/, 'A'.repeat(43)))
    await shows(invitee.getByRole('heading', { name: /no longer active/ }))
    await accessible(invitee, 'an invitation no longer active')

    await invitee.goto(links.second!)
    await invitee.getByRole('link', { name: 'Accept invitation' }).click()
    const password = invitee.getByRole('textbox', { name: 'Password', exact: true })
    await shows(password)
    await accessible(invitee, 'the registration form')
    // The browser's own checks (a confirmation that differs, the terms unticked), then the server's.
    await password.fill('sunrise')
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill('sunset')
    await invitee.getByRole('button', { name: 'Accept invitation' }).click()
    await flagged(invitee.getByRole('checkbox'))
    await accessible(invitee, 'the registration form, with errors found in the browser')
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill('sunrise')
    await invitee.getByRole('checkbox').check()
    const refused = await submitting(invitee, '/accept', () => invitee.getByRole('button', { name: 'Accept invitation' }).click())
    expect(refused.status).toBe(400)
    await accessible(invitee, 'the registration form, with errors from the server')
  })

  flow.step('password', 'Forgot your password? and the reset page', async () => {
    flow.show(invitee)
    await invitee.goto('/password/forgot')
    await accessible(invitee, 'the forgot password page')
    await invitee.getByRole('button', { name: 'Send me a link' }).click()
    await shows(invitee.getByRole('alert'))
    expect(await description(invitee.getByRole('textbox', { name: 'Email' }))).toBe('Enter the email you sign in with.')
    await accessible(invitee, 'the forgot password page, with an error')
    await invitee.getByRole('textbox', { name: 'Email' }).fill('admin@example.com')
    await invitee.getByRole('button', { name: 'Send me a link' }).click()
    await shows(invitee.getByRole('heading', { name: 'Check your email' }))
    await accessible(invitee, 'the link sent page')

    const printed = /"Reset your Roster password" to admin@example\.com: (\S+)/
    const printedLink = () => Promise.resolve(tabs.server.output().match(printed)?.[1] ?? '')
    const link = await until(printedLink, (text) => text !== '', 'the reset link')
    await invitee.goto(link)
    await shows(invitee.getByRole('textbox', { name: 'New password', exact: true }))
    await accessible(invitee, 'the reset page')
    await invitee.getByRole('textbox', { name: 'New password', exact: true }).fill('short')
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill('short')
    const save = invitee.getByRole('button', { name: 'Save the new password' })
    expect((await submitting(invitee, new URL(link).pathname, () => save.click())).status).toBe(400)
    await accessible(invitee, 'the reset page, with errors')
  })

  flow.step('dark', 'in dark mode: the Users list, the wizard with errors, a group, the log, a form with an error', async () => {
    await admin.emulateMedia({ colorScheme: 'dark' })
    await admin.goto('/#/users')
    await shows(userRow(admin, FIRST.email))
    expect(await admin.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)')
    await accessible(admin, 'the Users list, dark')
    await admin.getByRole('link', { name: 'Add', exact: true }).click()
    const dialog = admin.getByRole('dialog', { name: 'Add user' })
    await dialog.getByRole('button', { name: 'Next' }).click()
    await flagged(dialog.getByRole('textbox', { name: 'First name' }))
    await accessible(admin, 'Add user: details with errors, dark')
    await admin.keyboard.press('Escape')
    await gone(dialog)
    await admin.getByRole('menuitem', { name: 'Groups' }).click()
    await shows(admin.getByRole('heading', { name: 'Groups', level: 1 }))
    await admin.getByRole('row').filter({ hasText: 'Administrators' }).click()
    await shows(admin.getByText('Ada Admin').first())
    await accessible(admin, "a group's page, dark")
    await admin.getByRole('menuitem', { name: 'Provisioning log' }).click()
    await shows(admin.getByRole('row').filter({ hasText: 'Entra a11y' }).first())
    await accessible(admin, 'the provisioning log, dark')
    await admin.getByRole('menuitem', { name: 'API tokens' }).click()
    await admin.getByRole('button', { name: /^Copy / }).first().click()
    await shows(admin.getByRole('status').filter({ hasText: /copied|refused/i }))
    await accessible(admin, 'the API tokens page after a copy, dark')

    flow.show(invitee)
    await invitee.emulateMedia({ colorScheme: 'dark' })
    await invitee.goto('/password/forgot')
    await invitee.getByRole('button', { name: 'Send me a link' }).click()
    await shows(invitee.getByRole('alert'))
    await accessible(invitee, 'the forgot password page with an error, dark')
  })
})
