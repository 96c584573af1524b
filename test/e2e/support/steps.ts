import type { Page } from 'playwright-core'
import { it } from 'vitest'
import { screenshot } from './browser'

/**
 * A flow of steps that build on each other: one `it` per step, in order; once a step fails the
 * rest are skipped, and every step ends with a screenshot test-artifacts/e2e/<flow>-NN-<slug>.png
 * of the page `show` last pointed at (by default the flow's main page).
 */
export function stepsOf(flow: string, mainPage: () => Page) {
  let count = 0
  let failed: string | undefined
  let running = '00'
  let shown = mainPage
  return {
    step(slug: string, title: string, run: () => Promise<void>, timeout = 60_000) {
      const index = String(++count).padStart(2, '0')
      it(`${index}. ${title}`, async (context) => {
        if (failed) context.skip(`step ${failed} failed`)
        running = index
        shown = mainPage
        try {
          await run()
        } catch (error) {
          failed = index
          throw error
        } finally {
          await screenshot(shown(), `${flow}-${index}-${slug}`).catch(() => undefined)
        }
      }, timeout)
    },
    /** The page the step's closing screenshot shows. */
    show(page: Page) {
      shown = () => page
    },
    /** An extra screenshot within the current step. */
    snapshot(page: Page, name: string) {
      return screenshot(page, `${flow}-${running}-${name}`)
    },
  }
}
