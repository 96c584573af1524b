import { resolve } from 'node:path'
import type { AxeResults, ElementContext, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'
import { ROOT } from './paths'

const AXE_SOURCE = resolve(ROOT, 'node_modules/axe-core/axe.min.js')
const RUN_ONLY: RunOptions = { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
const BLOCKING = new Set(['serious', 'critical'])

export interface AxeViolation {
  id: string
  impact: string
  help: string
  helpUrl: string
  targets: string[]
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now; injected once per document. Frames
 * where no script may run (the sandboxed email previews) are checked as elements, not inside.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE })
  return page.evaluate(
    async (options) => {
      type Axe = { run: (context: ElementContext, options: RunOptions) => Promise<AxeResults> }
      const { axe } = window as unknown as { axe: Axe }
      const results = await axe.run(document, options)
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? 'unknown',
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes.map((node) => node.target.map(String).join(' >>> ')),
      }))
    },
    RUN_ONLY,
  )
}

/** One line per violation: impact, rule id, help text, then the selector of each element it was found on. */
export const describeViolation = (violation: AxeViolation) =>
  [
    `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
    ...violation.targets.map((target) => `    at ${target}`),
  ].join('\n')

/**
 * The serious and critical violations on the page (what fails a check), described; the lesser ones
 * are printed, not returned.
 */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const violations = await axeViolations(page)
  const lesser = violations.filter((violation) => !BLOCKING.has(violation.impact))
  if (lesser.length) console.warn(`${where}, not failing:\n${lesser.map(describeViolation).join('\n')}`)
  return violations.filter((violation) => BLOCKING.has(violation.impact)).map(describeViolation)
}
