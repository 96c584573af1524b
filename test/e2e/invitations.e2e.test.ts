import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { accountId, ADMIN, apiFromPage, DAY_MS, inviteUrl, NO_LONGER_ACTIVE, rowCount, signInAsAdmin } from './support/app'
import { readClipboard } from './support/browser'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { addUser, description, gone, menuState, openActions, shows, toast, until, userRow } from './support/ui'

/**
 * Issue 3, end to end, managing invitations: on a server of its own (its clock moves 8 days), the
 * administrator invites someone, resends and copies the link, lets it expire, sends a new
 * invitation, removes the user, and cannot remove themselves.
 */

const THIRD = { firstName: 'Lena', lastName: 'Graf', email: 'lena.graf@example.com', group: 'Administrators' }
const links: { third?: string; thirdRenewed?: string } = {}

const tabs = serverWithTabs()
let admin: Page
let invitee: Page
const flow = stepsOf('invitations', () => admin)

describe('Managing invitations, end to end in Chromium', () => {
  beforeAll(() => {
    ;({ admin, invitee } = tabs)
  })

  flow.step('sign-in', 'the seeded administrator signs in', async () => {
    await signInAsAdmin(admin)
  })

  flow.step('invitation-actions', 'resend, copy, expiry after 8 days, and a new invitation', async () => {
    const name = `${THIRD.firstName} ${THIRD.lastName}`
    const dialog = await addUser(admin, THIRD)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await gone(dialog)
    const row = userRow(admin, THIRD.email)
    await shows(row.getByRole('cell', { name: 'Invited', exact: true }))

    let menu = await openActions(admin, name)
    expect(await menuState(menu)).toEqual({
      'Copy invitation link': true,
      'Resend invitation link': true,
      'Send new invitation': false,
      Edit: true,
      Remove: true,
    })
    await menu.getByRole('menuitem', { name: 'Resend invitation link' }).click()
    await shows(toast(admin, `Invitation link sent again to ${THIRD.email}`))
    await flow.snapshot(admin, 'invitation-actions-resent')

    await admin.evaluate(() => navigator.clipboard.writeText(''))
    menu = await openActions(admin, name)
    await menu.getByRole('menuitem', { name: 'Copy invitation link' }).click()
    await shows(toast(admin, 'Link copied'))
    links.third = await until(() => readClipboard(admin), (text) => text !== '', 'the copied link')
    expect(links.third).toMatch(inviteUrl(tabs.server.baseUrl))

    // Both emails (first and resent) hold the same link, the one copied.
    const account = await accountId(admin)
    const mails = await until(
      async () => (await apiFromPage<{ to: string; text: string }[]>(admin, `/api/accounts/${account}/emails`)).body.filter((mail) => mail.to === THIRD.email),
      (list) => list.length === 2,
      'two invitation emails to the third user',
    )
    for (const mail of mails) expect(mail.text).toContain(links.third)

    // Eight days later the invitation has expired, with no background job needed.
    const clock = await apiFromPage<{ offsetMs: number }>(admin, '/api/test/clock', { method: 'POST', body: { advanceMs: 8 * DAY_MS } })
    expect(clock.status).toBe(200)
    expect(clock.body.offsetMs).toBe(8 * DAY_MS)
    await admin.reload()
    await shows(row.getByRole('cell', { name: 'Invitation expired', exact: true }))
    expect(await row.innerText()).toContain('Invitation expired')
    menu = await openActions(admin, name)
    expect(await menuState(menu)).toEqual({
      'Copy invitation link': false,
      'Resend invitation link': false,
      'Send new invitation': true,
      Edit: true,
      Remove: true,
    })
    await flow.snapshot(admin, 'invitation-actions-expired-menu')

    await menu.getByRole('menuitem', { name: 'Send new invitation' }).click()
    await shows(toast(admin, `A new invitation was sent to ${THIRD.email}`))
    await shows(row.getByRole('cell', { name: 'Invited', exact: true }))

    // The old link is dead; the new one, in the new email, opens the welcome page.
    flow.show(invitee)
    await invitee.goto(links.third)
    await shows(invitee.getByText(NO_LONGER_ACTIVE))
    const renewed = await until(
      async () => (await apiFromPage<{ to: string; text: string }[]>(admin, `/api/accounts/${account}/emails`)).body.filter((mail) => mail.to === THIRD.email),
      (list) => list.length === 3,
      'the new invitation email',
    )
    const newLink = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(renewed[0]!.text)?.[0]
    expect(newLink).toMatch(inviteUrl(tabs.server.baseUrl))
    expect(newLink).not.toBe(links.third)
    await invitee.goto(newLink!)
    await shows(invitee.getByText(`This invitation has been sent to ${THIRD.email}`))
    links.thirdRenewed = newLink!
    flow.show(admin)
  })

  flow.step('remove', 'removes a user through the dialog; removing oneself is greyed out', async () => {
    const name = `${THIRD.firstName} ${THIRD.lastName}`
    let menu = await openActions(admin, name)
    await menu.getByRole('menuitem', { name: 'Remove' }).click()
    let dialog = admin.getByRole('dialog', { name: 'Remove user' })
    await shows(dialog)
    expect(await description(dialog)).toBe(
      `Are you sure you want to remove the user "${name}"? This user can be invited back in the future.`,
    )
    await flow.snapshot(admin, 'remove-dialog')
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await shows(toast(admin, `${name} was removed from the account`))
    await gone(dialog)
    await gone(userRow(admin, THIRD.email))
    await shows(userRow(admin, ADMIN.email))
    // Removing an invited user kills their link.
    await invitee.goto(links.thirdRenewed!)
    await shows(invitee.getByText(NO_LONGER_ACTIVE))

    // One's own Remove is greyed out, with the reason, before any confirmation (the server refuses it too).
    menu = await openActions(admin, ADMIN.name)
    const removeSelf = menu.getByRole('menuitem', { name: /^Remove/ })
    expect(await removeSelf.getAttribute('aria-disabled')).toBe('true')
    await shows(removeSelf.getByText('You cannot remove yourself: ask another administrator.'))
    await flow.snapshot(admin, 'remove-self')
    await admin.keyboard.press('Escape')
    await gone(menu)
    await shows(userRow(admin, ADMIN.email).getByRole('cell', { name: 'Active', exact: true }))
    await admin.reload()
    await shows(userRow(admin, ADMIN.email))
    expect(await rowCount(admin)).toBe('1 row')
  })
})
