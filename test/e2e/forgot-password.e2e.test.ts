import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { acceptInvitation, inviteUser, signInAsAdmin } from './support/app'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { shows, signIn, until } from './support/ui'

/**
 * Forgot your password?, end to end: from the sign-in form to the development mailbox's link, a new
 * password, and signing in with it. On a server of its own.
 */

const MEMBER = { firstName: 'Lea', lastName: 'Frei', email: 'lea.frei@example.com', group: 'Administrators', password: 'Bl8-Moonrise!' }

const tabs = serverWithTabs()
let admin: Page
let member: Page
const flow = stepsOf('forgot-password', () => member)

describe('Forgot your password?, end to end in Chromium', () => {
  beforeAll(() => {
    ;({ admin, invitee: member } = tabs)
  })

  flow.step('member', 'the administrator invites a member, who accepts and registers', async () => {
    flow.show(admin)
    await signInAsAdmin(admin)
    const link = await inviteUser(admin, MEMBER)
    flow.show(member)
    await acceptInvitation(member, link, MEMBER.password)
  })

  flow.step('forgot-password', 'a member who forgot their password gets a link by email and signs in with a new one', async () => {
    await member.goto('/#/login')
    await member.getByRole('textbox', { name: 'Email address' }).fill(MEMBER.email)
    await member.getByRole('link', { name: 'Forgot your password?' }).click()
    await shows(member.getByRole('heading', { name: 'Forgot your password?' }))
    expect(await member.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(MEMBER.email)
    await member.getByRole('button', { name: 'Send me a link' }).click()
    await shows(member.getByRole('heading', { name: 'Check your email' }))

    // The development mailbox prints the link; the email belongs to no account's Emails page.
    const printed = new RegExp(`"Reset your Roster password" to ${MEMBER.email.replaceAll('.', '\\.')}: (\\S+)`)
    const link = await until(() => Promise.resolve(tabs.server.output().match(printed)?.[1] ?? ''), (text) => text !== '', 'the reset link')
    await member.goto(link)
    await member.getByRole('textbox', { name: 'New password', exact: true }).fill('Fr3sh-start!')
    await member.getByRole('textbox', { name: 'Confirm password' }).fill('Fr3sh-start!')
    await member.getByRole('button', { name: 'Save the new password' }).click()
    await shows(member.getByRole('heading', { name: 'Your password was changed' }))
    await member.getByRole('link', { name: 'Sign in' }).click()
    await signIn(member, MEMBER.email, 'Fr3sh-start!')
    await shows(member.getByRole('button', { name: 'Profile' }).filter({ hasText: `${MEMBER.firstName} ${MEMBER.lastName}` }))
  })
})
