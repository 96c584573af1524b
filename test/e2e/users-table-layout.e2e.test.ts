import type { Page } from 'playwright-core'
import { beforeAll, describe, expect } from 'vitest'
import { accountId, apiFromPage, inviteUser, signInAsAdmin } from './support/app'
import { stepsOf } from './support/steps'
import { serverWithTabs } from './support/tabs'
import { shows, until } from './support/ui'

/**
 * The Users table at the window widths administrators use: all of it visible from 1000 px up (the
 * menu open), nothing on a phone hidden under the floating Add button, the sort headers' focus seen.
 */

// Scrollbars shown, as on a Windows desktop: a page taller than the window loses their width.
const tabs = serverWithTabs({ scrollbars: true })
let admin: Page
const flow = stepsOf('users-table-layout', () => admin)

/** How far the table reaches beyond its card, in pixels (0 when it fits). */
const overflow = () =>
  admin.evaluate(() => {
    const wrapper = document.querySelector('.RaDataTable-tableWrapper')
    return wrapper ? wrapper.scrollWidth - wrapper.clientWidth : Number.NaN
  })

describe('The Users table, end to end in Chromium', () => {
  beforeAll(() => {
    ;({ admin } = tabs)
  })

  flow.step('wide', 'fits the window, the Actions column whole, at 1000, 1280 and 1440 px', async () => {
    await signInAsAdmin(admin)
    // An invitation's row is the widest: its date and time, its state, its email's status.
    await inviteUser(admin, {
      firstName: 'Margarethe',
      lastName: 'Oberholzer-Baumgartner',
      email: 'margarethe.oberholzer-baumgartner@example.com',
      group: 'Administrators',
    })
    for (const width of [1000, 1280, 1440]) {
      await admin.setViewportSize({ width, height: 860 })
      await shows(admin.getByRole('columnheader', { name: 'Actions' }))
      const reach = await until(overflow, (value) => value <= 0, `the table to fit at ${width} px`).catch(() => overflow())
      expect.soft(reach, `overflow at ${width} px`).toBeLessThanOrEqual(0)
    }
  })

  flow.step('phone', "keeps the last row's actions clear of the floating Add button at 390 px", async () => {
    // A page of rows taller than the window.
    const account = await accountId(admin)
    const groups = await apiFromPage<{ id: string }[]>(admin, `/api/accounts/${account}/groups`)
    for (let index = 1; index <= 12; index++) {
      const body = { firstName: 'Test', lastName: `User ${index}`, email: `test.user${index}@example.com`, groupIds: [groups.body[0]!.id] }
      const created = await apiFromPage(admin, `/api/accounts/${account}/users`, { method: 'POST', body })
      if (created.status !== 201) throw new Error(`Adding a user: ${JSON.stringify(created)}`)
    }
    await admin.reload()
    await admin.setViewportSize({ width: 390, height: 844 })
    const add = admin.locator('a.RaCreateButton-floating')
    await shows(add)
    await shows(admin.getByRole('button', { name: 'Actions for Test User 9' }))
    await admin.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const menus = admin.getByRole('button', { name: /^Actions for / })
    const last = menus.nth((await menus.count()) - 1)
    const [button, fab] = [await last.boundingBox(), await add.boundingBox()]
    if (!button || !fab) throw new Error('the last row or the Add button is not on screen')
    const overlaps = button.y + button.height > fab.y && button.x + button.width > fab.x
    expect(overlaps, JSON.stringify({ button, fab })).toBe(false)
  })

  flow.step('scrollbar', 'fits beside a vertical scrollbar, from 1000 px and where the tables get roomier', async () => {
    // The page of rows from the step before is taller than the window: the scrollbar takes its width.
    for (const width of [1000, 1200, 1216, 1240, 1280, 1360]) {
      await admin.setViewportSize({ width, height: 860 })
      await shows(admin.getByRole('columnheader', { name: 'Actions' }))
      const scrollbar = await admin.evaluate(() => window.innerWidth - document.documentElement.clientWidth)
      expect(scrollbar, 'a vertical scrollbar').toBeGreaterThan(0)
      const reach = await until(overflow, (value) => value <= 0, `the table to fit at ${width} px`).catch(() => overflow())
      expect.soft(reach, `overflow at ${width} px`).toBeLessThanOrEqual(0)
    }
  })

  flow.step('tokens', 'the API tokens table fits too, a page of tokens long, where its cells unfold', async () => {
    const account = await accountId(admin)
    // Long names in every column: the token's, and the group it provisions into.
    const group = await apiFromPage<{ id: string }>(admin, `/api/accounts/${account}/groups`, {
      method: 'POST',
      body: { name: 'Contractors and temporary staff of the EMEA region' },
    })
    for (let index = 1; index <= 14; index++) {
      const body = { name: `Microsoft Entra ID production tenant ${index}`, provisionGroupId: group.body.id, sendInvitationEmail: index % 2 === 0 }
      const made = await apiFromPage<{ token: string }>(admin, `/api/accounts/${account}/api-tokens`, { method: 'POST', body })
      if (made.status !== 201) throw new Error(`Making a token: ${JSON.stringify(made)}`)
      // Used once: its last use is a date and a time, not "Never".
      await admin.evaluate((token) => fetch('/scim/v2/ServiceProviderConfig', { headers: { authorization: `Bearer ${token}` } }), made.body.token)
    }
    await admin.goto(new URL('/#/api-tokens', admin.url()).toString())
    for (const width of [1000, 1200, 1240, 1256, 1280, 1440]) {
      await admin.setViewportSize({ width, height: 860 })
      await shows(admin.getByRole('columnheader', { name: 'Actions' }))
      const reach = await until(overflow, (value) => value <= 0, `the tokens table to fit at ${width} px`).catch(() => overflow())
      expect.soft(reach, `overflow at ${width} px`).toBeLessThanOrEqual(0)
    }
    await admin.goto(new URL('/#/users', admin.url()).toString())
  })

  flow.step('focus', 'outlines a sort header that has the focus', async () => {
    await admin.setViewportSize({ width: 1280, height: 860 })
    const header = admin.getByRole('button', { name: 'Status' })
    await shows(header)
    await header.focus()
    // As from the keyboard: focus-visible.
    await admin.keyboard.press('Shift+Tab')
    await admin.keyboard.press('Tab')
    const outline = await header.evaluate((element) => getComputedStyle(element).outlineStyle)
    expect(outline).not.toBe('none')
  })
})
