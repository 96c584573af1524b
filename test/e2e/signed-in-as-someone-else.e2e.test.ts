import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { ADMIN, inviteUrl, inviteUser, register, signInAsAdmin } from './support/app'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { shows } from './support/ui'

/**
 * Issue 3, end to end, a second person in the same browser: an invitation link opened where the
 * administrator is signed in says so, and accepting it leads to a sign-in form that signs the
 * administrator out first, never into their session. On a server of its own.
 */

const THIRD = { firstName: 'Lea', lastName: 'Frei', email: 'lea.frei@example.com', group: 'Administrators', password: 'Bl8-Moonrise!' }

const tabs = serverWithTabs()
let admin: Page
const flow = stepsOf('signed-in-as-someone-else', () => admin)

describe('Signed in as someone else, end to end in Chromium', () => {
  beforeAll(() => {
    admin = tabs.admin
  })

  flow.step('sign-in', 'the seeded administrator signs in', async () => {
    await signInAsAdmin(admin)
  })

  flow.step('signed-in-elsewhere', "a link accepted in the administrator's browser leads to a sign-in form, not into their session", async () => {
    // The clipboard is emptied before the copy: an earlier link cannot pass for this one.
    const link = await inviteUser(admin, THIRD)
    expect(link).toMatch(inviteUrl(tabs.server.baseUrl))

    // The administrator tries the link where they are signed in: the pages say so.
    await admin.goto(link)
    await shows(admin.getByText(`You are signed in as ${ADMIN.email} in this browser. This invitation is for ${THIRD.email}`))
    await admin.getByRole('link', { name: 'Accept invitation' }).click()
    const accepted = await register(admin, THIRD.password)
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
})
