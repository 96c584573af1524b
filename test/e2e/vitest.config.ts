import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * The browser end-to-end test: a real server (`api/node.ts`, PGlite, development mailbox, test
 * clock) driven through Debian's Chromium. Separate from `npm test`; run after `npm run build`:
 *   npx vitest run --config test/e2e/vitest.config.ts
 */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false, shuffle: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
})
