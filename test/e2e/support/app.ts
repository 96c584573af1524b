import type { Page } from 'playwright-core'
import { shows } from './ui'

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

export async function goToUsers(page: Page) {
  await page.getByRole('menuitem', { name: 'Users' }).click()
  await shows(page.getByRole('heading', { name: 'Users', level: 6 }))
}

/** An invitation email in the Emails page (the development mailbox), found by its recipient. */
export function invitationCard(page: Page, to: string) {
  return page.getByRole('article', { name: 'Invitation to Roster' }).filter({ hasText: `To ${to} ·` })
}
