import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * The same HTTP cases against both runtimes: the Node entry (postgres.js) and the Worker in
 * workerd (wrangler dev, Hyperdrive). Each file starts its server on a fresh PostgreSQL database.
 * Separate from `npm test`; needs PostgreSQL on 127.0.0.1:5432 (or RUNTIME_DATABASE_URL):
 *   npx vitest run --config test/runtime/vitest.config.ts
 */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    name: 'runtime',
    include: ['test/runtime/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false, shuffle: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
})
