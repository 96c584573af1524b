import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { ARTIFACTS_DIR } from './paths'

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * `scrollbars`: classic scrollbars that take their width from the page, as on Windows and Linux
 * desktops (Playwright hides them in headless mode by default).
 */
export async function launchChromium({ scrollbars = false } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ignoreDefaultArgs: scrollbars ? ['--hide-scrollbars'] : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * A fresh, cookie-less context on the app, able to read what the page copies. `bypassCSP`: for a
 * test that injects a script tag (axe-core), which the pages' content security policy refuses.
 */
export async function newContext(browser: Browser, baseUrl: string, { bypassCSP = false } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    bypassCSP,
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl })
  context.setDefaultTimeout(10_000)
  context.setDefaultNavigationTimeout(20_000)
  return context
}

/**
 * Saves `test-artifacts/e2e/<name>.png`, the whole page. The viewport is grown to the page's size
 * for the shot rather than using `fullPage`, which leaves the email previews (sandboxed iframes,
 * painted in their own process) blank outside the viewport.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  const viewport = page.viewportSize()
  const size = await page
    .evaluate(() => {
      window.scrollTo(0, 0)
      const root = document.documentElement
      return { height: Math.max(root.scrollHeight, window.innerHeight) }
    })
    .catch(() => undefined)
  // Only taller: a page wider than the window is shown as it is, overflowing (fullPage keeps that).
  const grow = viewport && size && size.height > viewport.height
  if (grow) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(size.height, 8000) })
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    await page.waitForTimeout(250)
  }
  try {
    await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  } finally {
    if (grow) await page.setViewportSize(viewport)
  }
  return path
}

export const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText())
