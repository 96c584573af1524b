import type { Locator, Page } from 'playwright-core'

/**
 * Small waits that fail with a clear message: playwright-core has no web-first `expect`, so these
 * are the assertions on the page (each throws when the condition does not hold in time).
 */
export async function shows(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout })
}

export async function gone(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'detached', timeout })
}

/** Polls until `read()` returns what `accept` accepts; returns it, or throws with the last value. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout
  let last: T | undefined
  let failure: unknown
  for (;;) {
    try {
      last = await read()
      if (accept(last)) return last
    } catch (error) {
      failure = error
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}${failure ? `; last error: ${String(failure)}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * A react-admin notification (MUI Snackbar, role=alert) with this text. `behindModal`: also when an
 * open MUI dialog has made the rest of the app aria-hidden (the notification is still on screen).
 */
export const toast = (page: Page, text: string | RegExp, { behindModal = false } = {}) =>
  page.getByRole('alert', { includeHidden: behindModal }).filter({ hasText: text })

/** The Users list row of a user, found by their email. */
export const userRow = (page: Page, email: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: email, exact: true }) })

/** Opens a user's "…" menu in the Users list; returns the open menu. */
export async function openActions(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click()
  const menu = page.getByRole('menu').filter({ has: page.getByRole('menuitem', { name: 'Copy invitation link' }) })
  await shows(menu)
  return menu
}

/** The enabled state of each item of an open actions menu, by label. */
export async function menuState(menu: Locator): Promise<Record<string, boolean>> {
  const items = menu.getByRole('menuitem')
  const state: Record<string, boolean> = {}
  for (const item of await items.all()) {
    state[(await item.innerText()).trim()] = (await item.getAttribute('aria-disabled')) !== 'true'
  }
  return state
}

export async function closeMenu(page: Page, menu: Locator): Promise<void> {
  await page.keyboard.press('Escape')
  await gone(menu)
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await shows(page.getByRole('heading', { name: 'Sign in', level: 1 }))
  await page.getByRole('textbox', { name: 'Email address' }).fill(email)
  await page.getByRole('textbox', { name: 'Password' }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export interface NewUserInput {
  firstName: string
  lastName: string
  email: string
  group: string
  /** Chosen in the Country code list by the country's name, e.g. { country: 'Switzerland', number: '044 668 18 00' }. */
  phone?: { country: string; number: string }
}

/** The Add user wizard with no detours: details (a phone if given), one group, Overview, Add; leaves the Summary open. */
export async function addUser(page: Page, user: NewUserInput): Promise<Locator> {
  await page.getByRole('link', { name: 'Add', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Add user' })
  await shows(dialog)
  await dialog.getByRole('textbox', { name: 'First name' }).fill(user.firstName)
  await dialog.getByRole('textbox', { name: 'Last name' }).fill(user.lastName)
  await dialog.getByRole('textbox', { name: 'Email address' }).fill(user.email)
  if (user.phone) {
    const country = dialog.getByRole('combobox', { name: 'Country code' })
    await country.click()
    await country.fill(user.phone.country)
    await page.getByRole('option', { name: new RegExp(`^\\+\\d+ ${user.phone.country}$`) }).click()
    await dialog.getByRole('textbox', { name: 'Phone number' }).fill(user.phone.number)
  }
  await dialog.getByRole('button', { name: 'Next' }).click()
  await shows(dialog.getByRole('region', { name: 'Groups' }))
  await dialog.getByRole('checkbox', { name: new RegExp(`^${user.group}\\b`) }).check()
  await dialog.getByRole('button', { name: 'Next' }).click()
  await shows(dialog.getByRole('region', { name: 'Overview' }))
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await shows(dialog.getByRole('region', { name: 'Summary' }).getByText(`${user.firstName} ${user.lastName} was added to the account`))
  return dialog
}

/** The text of what an element's aria-describedby points at (a field's helper text, a dialog's content). */
export async function description(locator: Locator): Promise<string> {
  return locator.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim(),
  )
}
