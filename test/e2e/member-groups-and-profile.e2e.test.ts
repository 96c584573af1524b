import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { acceptInvitation, createGroup, goToUsers, inviteUser, signInAsAdmin } from './support/app'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { gone, menuState, openActions, shows, signIn, toast, until, userRow } from './support/ui'

/**
 * Issue 3, end to end, a member once registered: the administrator edits their groups (the last one
 * stays), the member, who then administers nothing, edits their own profile, and once removed still
 * signs in to it. On a server of its own.
 */

const FIRST = {
  firstName: 'Reto',
  lastName: 'Mayer',
  email: 'reto.mayer@example.com',
  group: 'Administrators',
  phone: { country: 'Switzerland', number: '044 668 18 00' },
  password: 'Gr8-Sunrise!',
}

const tabs = serverWithTabs()
let admin: Page
let invitee: Page
const flow = stepsOf('member-groups-and-profile', () => admin)

describe("A member's groups and profile, end to end in Chromium", () => {
  beforeAll(() => {
    ;({ admin, invitee } = tabs)
  })

  flow.step('member', 'the administrator invites a member with a Swiss phone number, who accepts and registers', async () => {
    await signInAsAdmin(admin)
    await createGroup(admin, 'Support', 'Answers customer tickets')
    await goToUsers(admin)
    const link = await inviteUser(admin, FIRST)
    flow.show(invitee)
    await acceptInvitation(invitee, link, FIRST.password)
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
    await shows(invitee.getByRole('alert').filter({ hasText: 'You are a member of Demo Company.' }))
    expect(await invitee.getByRole('menuitem', { name: 'Users' }).count()).toBe(0)
    // An administrator's page (a bookmark, say) leads to the profile, not to "Not Found".
    await invitee.goto('/#/users')
    await until(() => invitee.evaluate(() => window.location.hash), (hash) => hash === '#/profile', 'the profile page')
    await shows(invitee.getByRole('alert').filter({ hasText: 'You are a member of Demo Company.' }))
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
})
