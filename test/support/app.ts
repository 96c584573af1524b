import { eq, desc } from 'drizzle-orm'
import { afterAll, beforeAll } from 'vitest'
import { mailbox } from '../../drizzle/schema.js'
import { createApp, type AppOptions } from '../../api/app.js'
import { backgroundTasks } from '../../api/background.js'
import { buildServices } from '../../api/build-services.js'
import { createAccount } from '../../api/core/seed.js'
import type { Config } from '../../api/core/types.js'
import type { Logger } from '../../api/services.js'
import { TestClock } from './clock.js'
import { openTestDatabase, type Database } from './database.js'
import { httpClient, type Session } from './http.js'

export const ADMIN_PASSWORD = 'Admin-pass-1!'
export const APP_URL = 'http://roster.test'

export const testConfig: Config = {
  appUrl: APP_URL,
  appSecret: 'test-secret-that-is-long-enough-0123456789',
  productName: 'Roster',
  mailFrom: 'Roster <no-reply@roster.test>',
  sessionTtlDays: 14,
}

/** Collects log lines instead of printing them; a test can assert on errors. */
export function memoryLogger() {
  const lines: { level: 'info' | 'error'; message: string; data?: Record<string, unknown> }[] = []
  const log: Logger = {
    info: (message, data) => lines.push({ level: 'info', message, data }),
    error: (message, data) => lines.push({ level: 'error', message, data }),
  }
  return { log, lines }
}

/**
 * The real app on a real database: a fresh migrated database per test file, one seeded account
 * ("Acme") with its administrator, a clock the test controls, and the development mailbox.
 */
export async function createTestApp(
  options: {
    resend?: { apiKey: string; baseUrl: string; timeoutMs?: number }
    config?: Partial<Config>
    /** The database as the app sees it, e.g. with its statements counted (support/counting.ts). */
    wrapDb?: (db: Database) => Database
    /** Without `resend`: the development mailbox (default), or no email provider (a deployed Worker's). */
    withoutResend?: 'mailbox' | 'none'
    /** The caller's address as the app should see it (AppOptions.clientAddress). */
    clientAddress?: AppOptions['clientAddress']
  } = {},
) {
  const database = await openTestDatabase()
  const clock = new TestClock()
  const { log, lines } = memoryLogger()
  const background = backgroundTasks(log)
  const services = buildServices({
    db: options.wrapDb ? options.wrapDb(database.db) : database.db,
    clock,
    config: { ...testConfig, ...options.config },
    log,
    afterResponse: background.run,
    resend: options.resend,
    withoutResend: options.withoutResend,
  })
  const app = createApp({ services, clientAddress: options.clientAddress })
  const acme = await createAccount(database.db, clock, {
    name: 'Acme',
    admin: { email: 'admin@acme.test', firstName: 'Ada', lastName: 'Admin', password: ADMIN_PASSWORD },
  })
  const http = httpClient(app)

  /** The last email the development mailbox holds for an address, once sending has finished. */
  async function lastEmailTo(to: string) {
    await background.idle()
    const [row] = await database.db.select().from(mailbox).where(eq(mailbox.to, to)).orderBy(desc(mailbox.createdAt), desc(mailbox.id)).limit(1)
    return row ?? null
  }

  async function invitationLinkFromEmail(to: string): Promise<string> {
    const email = await lastEmailTo(to)
    const match = email?.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)
    if (!match) throw new Error(`no invitation link in the last email to ${to}`)
    return match[0]
  }

  return {
    app,
    http,
    db: database.db,
    driver: database.driver,
    clock,
    services,
    logLines: lines,
    acme,
    settle: background.idle,
    lastEmailTo,
    invitationLinkFromEmail,
    asAdmin: () => http.signIn('admin@acme.test', ADMIN_PASSWORD),
    async close() {
      await background.idle()
      await database.close()
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

/** A file's app on a fresh database, with its administrator signed in; closed after the file's tests. */
export function withAdminApp(receive: (bed: { t: TestApp; admin: Session }) => unknown) {
  let t: TestApp | undefined
  beforeAll(async () => {
    t = await createTestApp()
    await receive({ t, admin: await t.asAdmin() })
  })
  afterAll(() => t?.close())
}
