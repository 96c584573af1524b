import { defineConfig } from 'vitest/config'

/**
 * Every database test runs on embedded PGlite, and again on the PostgreSQL server when
 * TEST_DATABASE_URL is set (as .ci/run sets it): one suite, two drivers.
 */
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          include: ['test/api/**/*.test.ts', 'test/core/**/*.test.ts'],
          globalSetup: [`test/support/setup-${database}.ts`],
          env: { TEST_DB: database },
        },
      })),
      { extends: true as const, test: { name: 'unit', include: ['test/emails/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      {
        extends: true as const,
        test: { name: 'ui', include: ['test/admin/**/*.test.tsx'], environment: 'jsdom', setupFiles: ['test/admin/support/setup.ts'] },
      },
    ],
  },
})
