import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium, newContext } from './browser'
import { startServer, type RunningServer } from './server'

export interface Tabs {
  server: RunningServer
  /** The administrator's tab, shared by most steps. */
  admin: Page
  /** A second, cookie-less browser context: the invitees' side. */
  invitee: Page
}

/**
 * A server of the calling file's own, Chromium, and its two tabs, set up before the file's tests
 * and closed after them. The fields are filled in by the time the tests run. `bypassCSP`: see newContext;
 * `scrollbars`: see launchChromium.
 */
export function serverWithTabs({ bypassCSP = false, scrollbars = false } = {}): Tabs {
  const tabs = {} as Tabs
  let browser: Browser | undefined
  beforeAll(async () => {
    tabs.server = await startServer()
    browser = await launchChromium({ scrollbars })
    const [adminContext, inviteeContext] = [
      await newContext(browser, tabs.server.baseUrl, { bypassCSP }),
      await newContext(browser, tabs.server.baseUrl, { bypassCSP }),
    ]
    tabs.admin = await adminContext.newPage()
    tabs.invitee = await inviteeContext.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await tabs.server?.stop()
  })
  return tabs
}
