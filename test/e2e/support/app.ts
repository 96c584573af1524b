import type { Locator, Page } from 'playwright-core'
import { readClipboard } from './browser'
import { addUser, gone, shows, signIn, userRow, type NewUserInput } from './ui'

export const ADMIN = { email: 'admin@example.com', password: 'Roster-admin-1!', name: 'Ada Admin' }
export const DAY_MS = 24 * 60 * 60 * 1000
export const NO_LONGER_ACTIVE =
  'The invitation link is no longer active! Please check with the person who shared it with you or reach out to support.'

export const inviteUrl = (baseUrl: string) => new RegExp(`^${baseUrl.replace(/[.]/g, '\\.')}/invite/[A-Za-z0-9_-]{20,}$`)

/** The API as the page's signed-in person (same origin, with its session cookie). */
export async function apiFromPage<T = unknown>(page: Page, path: string, init?: { method?: string; body?: unknown }) {
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
export async function submitting(page: Page, path: string, act: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith(path)),
    act(),
  ])
  await page.waitForLoadState()
  // A redirect (Post/Redirect/Get) has no body to read.
  const redirected = response.status() >= 300 && response.status() < 400
  return { status: response.status(), body: redirected ? '' : (await response.text()).slice(0, 500) }
}

/** The id of the account the page's administrator manages. */
export async function accountId(page: Page): Promise<string> {
  const me = await apiFromPage<{ administeredAccounts: { id: string }[] }>(page, '/api/auth/me')
  const id = me.body.administeredAccounts[0]?.id
  if (!id) throw new Error(`/api/auth/me: ${JSON.stringify(me)}`)
  return id
}

/** The development mailbox's messages to one address, newest first. */
export async function emailsTo(page: Page, to: string) {
  const account = await accountId(page)
  const answer = await apiFromPage<{ to: string; text: string; userId: string }[]>(page, `/api/accounts/${account}/emails`)
  return answer.body.filter((mail) => mail.to === to)
}

/** The Users list's "N rows" counter. */
export const rowCount = (page: Page) => page.getByRole('status').filter({ hasText: /^\d+ rows?$/ }).innerText()

/** The seeded administrator signs in and lands on the Users list. */
export async function signInAsAdmin(page: Page) {
  await page.goto('/')
  await signIn(page, ADMIN.email, ADMIN.password)
  await shows(userRow(page, ADMIN.email))
}

export async function goToUsers(page: Page) {
  await page.getByRole('menuitem', { name: 'Users' }).click()
  await shows(page.getByRole('heading', { name: 'Users', level: 1 }))
}

/** An invitation email in the Emails page (the development mailbox), found by its recipient. */
export function invitationCard(page: Page, to: string) {
  return page.getByRole('article', { name: 'Invitation to Roster' }).filter({ hasText: `To ${to} ·` })
}

/** On the Emails page: waits for the invitation email to `to` to be listed; returns its card. */
export async function showsInvitation(page: Page, to: string): Promise<Locator> {
  const card = invitationCard(page, to)
  // Emails leave the outbox just after the response: reload if one is not there yet.
  for (let attempt = 1; ; attempt++) {
    try {
      await shows(card, 4_000)
      return card
    } catch (error) {
      if (attempt === 3) throw error
      await page.reload()
    }
  }
}

/** Creates a group on the Groups page; returns its row in the list, once it shows. */
export async function createGroup(page: Page, name: string, description: string): Promise<Locator> {
  await page.getByRole('menuitem', { name: 'Groups' }).click()
  await shows(page.getByRole('heading', { name: 'Groups', level: 1 }))
  await page.getByRole('link', { name: 'Create' }).click()
  await page.getByRole('textbox', { name: 'Name' }).fill(name)
  await page.getByRole('textbox', { name: 'Description' }).fill(description)
  await page.getByRole('button', { name: 'Save' }).click()
  const row = page.getByRole('row').filter({ hasText: description })
  await shows(row)
  return row
}

/**
 * "Copy invitation link" on the Add user wizard's Summary; returns what the clipboard then holds
 * (emptied first, so a link copied earlier cannot pass for this one).
 */
export async function copyInvitationLink(page: Page, dialog: Locator): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''))
  await dialog.getByRole('button', { name: 'Copy invitation link' }).click()
  // Said inside the dialog, where screen readers hear it (the toast behind a modal they do not).
  await shows(dialog.getByRole('status').filter({ hasText: 'Link copied' }))
  return readClipboard(page)
}

/** Adds a user through the wizard (from the Users list) and returns their invitation link. */
export async function inviteUser(page: Page, user: NewUserInput): Promise<string> {
  const dialog = await addUser(page, user)
  const link = await copyInvitationLink(page, dialog)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await gone(dialog)
  return link
}

/** The invitation's confirm form: the password twice, the terms ticked, sent; the POST's answer. */
export async function register(page: Page, password: string) {
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password)
  await page.getByRole('textbox', { name: 'Confirm password' }).fill(password)
  await page.getByRole('checkbox', { name: /I agree to the Roster Terms of Use/ }).check()
  return submitting(page, '/accept', () => page.getByRole('button', { name: 'Accept invitation' }).click())
}

/** An invitee opens their link, accepts and registers with `password`; throws unless it worked. */
export async function acceptInvitation(page: Page, link: string, password: string) {
  await page.goto(link)
  await page.getByRole('link', { name: 'Accept invitation' }).click()
  const accepted = await register(page, password)
  if (accepted.status !== 303) throw new Error(`Accepting ${link}: ${accepted.status} ${accepted.body}`)
  await shows(page.getByRole('heading', { name: /^Welcome to / }))
}
