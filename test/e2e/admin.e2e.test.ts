import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, newContext, readClipboard, screenshot } from './support/browser'
import { startServer, type RunningServer } from './support/server'
import { addUser, description, gone, menuState, openActions, shows, signIn, toast, until, userRow } from './support/ui'

/**
 * Issue 3, end to end: the real server (Node entry, PGlite, development mailbox, test clock) and
 * the built admin UI in Chromium. An administrator invites people through the wizard, the invitees
 * decline or accept on the invite pages, and the administrator manages the invitations.
 *
 * The steps build on each other: once one fails, the rest are skipped. After each step a full-page
 * screenshot goes to test-artifacts/e2e/NN-step-name.png.
 */

const ADMIN = { email: 'admin@example.com', password: 'Roster-admin-1!', name: 'Ada Admin' }
const FIRST = { firstName: 'Reto', lastName: 'Mayer', email: 'reto.mayer@example.com', password: 'Gr8-Sunrise!' }
const SECOND = { firstName: 'Mia', lastName: 'Keller', email: 'mia.keller@example.com', group: 'Support' }
const THIRD = { firstName: 'Lena', lastName: 'Graf', email: 'lena.graf@example.com', group: 'Support' }
const DAY_MS = 24 * 60 * 60 * 1000
const NO_LONGER_ACTIVE =
  'The invitation link is no longer active! Please check with the person who shared it with you or reach out to support.'

let server: RunningServer
let browser: Browser
let adminContext: BrowserContext
/** The administrator's tab, shared by most steps. */
let admin: Page
/** A second, cookie-less browser context: the invitees' side. */
let inviteeContext: BrowserContext
let invitee: Page
/** What the next screenshot shows. */
let shown: () => Page
const links: { first?: string; second?: string; third?: string; thirdRenewed?: string } = {}

const inviteUrl = () => new RegExp(`^${server.baseUrl.replace(/[.]/g, '\\.')}/invite/[A-Za-z0-9_-]{20,}$`)

let stepCount = 0
let failedStep: string | undefined

/** One `it` per step, in order; a failed step skips the rest, and every step ends with a screenshot. */
function step(slug: string, title: string, run: () => Promise<void>, timeout = 60_000) {
  const index = String(++stepCount).padStart(2, '0')
  it(`${index}. ${title}`, async (context) => {
    if (failedStep) context.skip(`step ${failedStep} failed`)
    shown = () => admin
    try {
      await run()
    } catch (error) {
      failedStep = index
      throw error
    } finally {
      await screenshot(shown(), `${index}-${slug}`).catch(() => undefined)
    }
  }, timeout)
}

/** The API as the page's signed-in person (same origin, with its session cookie). */
async function apiFromPage<T = unknown>(page: Page, path: string, init?: { method?: string; body?: unknown }) {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, {
        method: init?.method ?? 'GET',
        headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
        body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      })
      return { status: response.status, body: (await response.json()) as unknown }
    },
    { path, init },
  ) as Promise<{ status: number; body: T }>
}

/** Runs `act` (a form submit) and returns the answer of the POST to the invite page ending in `path`. */
async function submitting(page: Page, path: string, act: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith(path)),
    act(),
  ])
  await page.waitForLoadState()
  return { status: response.status(), body: (await response.text()).slice(0, 500) }
}

async function accountId(): Promise<string> {
  const me = await apiFromPage<{ administeredAccounts: { id: string }[] }>(admin, '/api/auth/me')
  const id = me.body.administeredAccounts[0]?.id
  if (!id) throw new Error(`/api/auth/me: ${JSON.stringify(me)}`)
  return id
}

/** The Users list's "N rows" counter. */
const rowCount = (page: Page) => page.getByRole('status').filter({ hasText: /^\d+ rows?$/ }).innerText()

async function goToUsers(page: Page) {
  await page.getByRole('menuitem', { name: 'Users' }).click()
  await shows(page.getByRole('heading', { name: 'Users', level: 6 }))
}

/** An invitation email in the Emails page (the development mailbox), found by its recipient. */
function invitationCard(page: Page, to: string) {
  return page.getByRole('article', { name: 'Invitation to Roster' }).filter({ hasText: `To ${to} ·` })
}

describe('Roster admin, end to end in Chromium', () => {
  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    adminContext = await newContext(browser, server.baseUrl)
    admin = await adminContext.newPage()
    inviteeContext = await newContext(browser, server.baseUrl)
    invitee = await inviteeContext.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  step('sign-in', 'the seeded administrator signs in and sees the Users list', async () => {
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

  step('add-user-wizard', 'adds a user through the wizard, with its checks, and copies the invitation link', async () => {
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

    // The administrator's own email: "already a member" shows on the field while typing, before Next.
    await email.pressSequentially(ADMIN.email, { delay: 10 })
    const taken = dialog.getByText('This email is already a member of this account.')
    await shows(taken)
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    expect(await description(email)).toBe('This email is already a member of this account.')
    await screenshot(admin, '02-add-user-wizard-email-taken')
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

    // Groups: at least one, chosen through the search.
    await next.click()
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
    await screenshot(admin, '02-add-user-wizard-overview')
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()

    const summary = dialog.getByRole('region', { name: 'Summary' })
    await shows(summary.getByText(`${FIRST.firstName} ${FIRST.lastName} was added to the account`))
    await shows(summary.getByText(`An invitation email was sent to ${FIRST.email}.`))
    await shows(summary.getByText(/^The invitation link expires on /))

    await dialog.getByRole('button', { name: 'Copy invitation link' }).click()
    // Said inside the dialog, where screen readers hear it (the toast behind a modal they do not).
    await shows(dialog.getByRole('status').filter({ hasText: 'Link copied' }))
    links.first = await readClipboard(admin)
    expect(links.first).toMatch(inviteUrl())
    await screenshot(admin, '02-add-user-wizard-summary')

    await dialog.getByRole('button', { name: 'Close' }).click()
    await gone(dialog)
    const row = userRow(admin, FIRST.email)
    await shows(row.getByRole('link', { name: `${FIRST.firstName} ${FIRST.lastName}` }))
    await shows(row.getByRole('cell', { name: 'Invited', exact: true }))
    await shows(row.getByRole('link', { name: 'Administrators' }))
    expect(await rowCount(admin)).toBe('2 rows')
  })

  step('second-user', 'creates a Support group and adds a second user into it', async () => {
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

  step('emails', 'the Emails page lists and previews both invitations, with their links', async () => {
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
      expect(link).toMatch(inviteUrl())
      await card.getByRole('button', { name: 'Show plain text' }).click()
      expect(await card.locator('pre').innerText()).toContain(link!)
      // "Copy invitation link" copied the very link the email holds.
      if (key === 'first') expect(link).toBe(links.first)
      links[key] = link!
    }
    expect(links.second).not.toBe(links.first)
  })

  step('decline', 'the second invitee declines; the user leaves the list, the history keeps it', async () => {
    shown = () => invitee
    await invitee.goto(links.second!)
    await shows(invitee.getByRole('heading', { name: 'You have been invited to join Roster under Demo Company' }))
    await shows(invitee.getByText(`This invitation has been sent to ${SECOND.email}`))
    const declined = await submitting(invitee, '/decline', () => invitee.getByRole('button', { name: 'Decline invitation' }).click())
    expect(declined.status, declined.body).toBe(200)
    await shows(invitee.getByRole('heading', { name: 'Invitation declined' }))
    await shows(invitee.getByText('You declined the invitation to join Demo Company.'))
    await screenshot(invitee, '05-decline-invitee')

    // The link is dead now.
    await invitee.goto(links.second!)
    await shows(invitee.getByText(NO_LONGER_ACTIVE))

    shown = () => admin
    await goToUsers(admin)
    await shows(userRow(admin, FIRST.email))
    await gone(userRow(admin, SECOND.email)) // once the list is fetched again (it shows its cache first)
    expect(await rowCount(admin)).toBe('2 rows')

    // The administrators can see it was declined (the membership's history, through the API).
    const account = await accountId()
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
  })

  step('accept-and-register', 'the first invitee accepts and registers, after the password rules refuse a weak one', async () => {
    shown = () => invitee
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
    await screenshot(invitee, '06-accept-and-register-rules')

    // Submitted anyway (the browser does not block it): the server says what is missing.
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill('sunrisedays')
    await invitee.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ }).check()
    const refused = await submitting(invitee, '/accept', () => invitee.getByRole('button', { name: 'Accept invitation' }).click())
    expect(refused.status, refused.body).toBe(400)
    await shows(invitee.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }))
    const newPassword = invitee.getByRole('textbox', { name: 'Password', exact: true })
    expect(await newPassword.getAttribute('aria-invalid')).toBe('true')
    // The server's message, tied to the field (after the rule list it also points at).
    expect(await description(newPassword)).toMatch(/The password needs: an upper-case letter, a digit, a special character\.$/)
    await screenshot(invitee, '06-accept-and-register-refused')

    await invitee.getByRole('textbox', { name: 'Password', exact: true }).pressSequentially(FIRST.password, { delay: 5 })
    expect(await unmet()).toEqual([])
    await invitee.getByRole('textbox', { name: 'Confirm password' }).fill(FIRST.password)
    const terms = invitee.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ })
    if (!(await terms.isChecked())) await terms.check()
    const accepted = await submitting(invitee, '/accept', () => invitee.getByRole('button', { name: 'Accept invitation' }).click())
    expect(accepted.status, accepted.body).toBe(200)
    await shows(invitee.getByRole('heading', { name: 'Welcome to Demo Company!' }))
    await shows(invitee.getByText(`Your invitation is accepted. Sign in with ${FIRST.email} and your password.`))
  })

  step('member-signs-in', 'the new member signs in on the admin, sees the Users list, and signs out', async () => {
    shown = () => invitee
    await invitee.getByRole('link', { name: 'Sign in' }).click()
    await signIn(invitee, FIRST.email, FIRST.password)
    await shows(invitee.getByRole('heading', { name: 'Users', level: 6 }))
    await shows(invitee.getByRole('button', { name: 'Profile' }).filter({ hasText: `${FIRST.firstName} ${FIRST.lastName}` }))
    const self = userRow(invitee, FIRST.email)
    await shows(self.getByRole('cell', { name: 'Active', exact: true }))
    await shows(userRow(invitee, ADMIN.email))
    await screenshot(invitee, '07-member-signs-in-users')

    await invitee.getByRole('button', { name: 'Profile' }).click()
    await invitee.getByRole('menuitem', { name: 'Logout' }).click()
    await shows(invitee.getByRole('heading', { name: 'Sign in', level: 1 }))
    const me = await invitee.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(me).toBe(401)
  })

  step('edit-groups', "the administrator edits the member's groups; the last group stays", async () => {
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
    await screenshot(admin, '08-edit-groups-dialog')

    await dialog.getByRole('button', { name: 'Save' }).click()
    await shows(toast(admin, 'Groups updated'))
    await gone(dialog)
    await shows(row.getByRole('link', { name: 'Support' }))
    expect(await row.getByRole('link', { name: 'Administrators' }).count()).toBe(0)
  })

  step('invitation-actions', 'resend, copy, expiry after 8 days, and a new invitation', async () => {
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
    await screenshot(admin, '09-invitation-actions-resent')

    await admin.evaluate(() => navigator.clipboard.writeText(''))
    menu = await openActions(admin, name)
    await menu.getByRole('menuitem', { name: 'Copy invitation link' }).click()
    await shows(toast(admin, 'Link copied'))
    links.third = await until(() => readClipboard(admin), (text) => text !== '', 'the copied link')
    expect(links.third).toMatch(inviteUrl())
    expect(links.third).not.toBe(links.first)

    // Both emails (first and resent) hold the same link, the one copied.
    const account = await accountId()
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
    await screenshot(admin, '09-invitation-actions-expired-menu')

    await menu.getByRole('menuitem', { name: 'Send new invitation' }).click()
    await shows(toast(admin, `A new invitation was sent to ${THIRD.email}`))
    await shows(row.getByRole('cell', { name: 'Invited', exact: true }))

    // The old link is dead; the new one, in the new email, opens the welcome page.
    shown = () => invitee
    await invitee.goto(links.third)
    await shows(invitee.getByText(NO_LONGER_ACTIVE))
    const renewed = await until(
      async () => (await apiFromPage<{ to: string; text: string }[]>(admin, `/api/accounts/${account}/emails`)).body.filter((mail) => mail.to === THIRD.email),
      (list) => list.length === 3,
      'the new invitation email',
    )
    const newLink = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(renewed[0]!.text)?.[0]
    expect(newLink).toMatch(inviteUrl())
    expect(newLink).not.toBe(links.third)
    await invitee.goto(newLink!)
    await shows(invitee.getByText(`This invitation has been sent to ${THIRD.email}`))
    links.thirdRenewed = newLink!
    shown = () => admin
  })

  step('remove', 'removes a user through the dialog; removing oneself is refused', async () => {
    const name = `${THIRD.firstName} ${THIRD.lastName}`
    let menu = await openActions(admin, name)
    await menu.getByRole('menuitem', { name: 'Remove' }).click()
    let dialog = admin.getByRole('dialog', { name: 'Remove user' })
    await shows(dialog)
    expect(await description(dialog)).toBe(
      `Are you sure you want to remove the user "${name}"? This user can be invited back in the future.`,
    )
    await screenshot(admin, '10-remove-dialog')
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await shows(toast(admin, `${name} was removed from the account`))
    await gone(dialog)
    await gone(userRow(admin, THIRD.email))
    await shows(userRow(admin, FIRST.email))
    // Removing an invited user kills their link.
    await invitee.goto(links.thirdRenewed!)
    await shows(invitee.getByText(NO_LONGER_ACTIVE))

    menu = await openActions(admin, ADMIN.name)
    await menu.getByRole('menuitem', { name: 'Remove' }).click()
    dialog = admin.getByRole('dialog', { name: 'Remove user' })
    expect(await description(dialog)).toBe(
      `Are you sure you want to remove the user "${ADMIN.name}"? This user can be invited back in the future.`,
    )
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await shows(toast(admin, 'You cannot remove yourself from the account. Ask another administrator to do it.'))
    await gone(dialog)
    await shows(userRow(admin, ADMIN.email).getByRole('cell', { name: 'Active', exact: true }))
    await admin.reload()
    await shows(userRow(admin, ADMIN.email))
    expect(await rowCount(admin)).toBe('2 rows')
  })
})
