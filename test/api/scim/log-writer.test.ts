import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc, eq } from 'drizzle-orm'
import { provisioningLog } from '../../../drizzle/schema.js'
import { createAccount } from '../../../api/core/seed.js'
import { systemClock } from '../../../api/core/types.js'
import { provisioningLogWriter, type ProvisioningLogEntry } from '../../../api/scim/provisioning-log-writer.js'
import { openTestDatabase, type Database, type TestDatabase } from '../../support/database.js'
import { memoryLogger } from '../../support/app.js'
import { countingStatements } from '../../support/counting.js'

let database: TestDatabase
let db: Database
let accountId: string
beforeAll(async () => {
  database = await openTestDatabase()
  db = database.db
  accountId = (await createAccount(db, systemClock, { name: 'Log Co', admin: { email: 'log-admin@example.com', firstName: 'L', lastName: 'A' } })).accountId
})
afterAll(() => database.close())

const entry = (path: string, account = accountId): ProvisioningLogEntry => ({
  accountId: account,
  tokenId: null,
  tokenName: 'okta',
  method: 'GET',
  path,
  status: 200,
  durationMs: 1,
  summary: 'OK',
  at: new Date(),
})

const pathsOf = async (prefix: string) =>
  (await db.select({ path: provisioningLog.path }).from(provisioningLog).where(eq(provisioningLog.accountId, accountId)).orderBy(asc(provisioningLog.id)))
    .map((row) => row.path)
    .filter((path) => path.startsWith(prefix))

describe('provisioning log writer', () => {
  it('writes a lone entry at once, and entries arriving during an insert together in the next one', async () => {
    const { db: counted, counter } = countingStatements(db, /^\s*insert into provisioning_log/i)
    const writer = provisioningLogWriter({ db: counted, log: memoryLogger().log })
    await writer.write(entry('/lone'))
    expect(counter.count).toBe(1)
    expect(await pathsOf('/lone')).toEqual(['/lone'])

    const writes = Array.from({ length: 50 }, (_, i) => writer.write(entry(`/burst/${i}`)))
    await Promise.all(writes)
    expect((await pathsOf('/burst/')).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `/burst/${i}`).sort())
    expect(counter.count).toBeLessThanOrEqual(3)
  })

  it('pauses between inserts under a steady stream, so that one insert carries many requests', async () => {
    const { db: counted, counter } = countingStatements(db, /^\s*insert into provisioning_log/i)
    const writer = provisioningLogWriter({ db: counted, log: memoryLogger().log, pauseMs: 20 })
    const writes: Promise<void>[] = []
    const started = performance.now()
    for (let i = 0; i < 40; i++) {
      writes.push(writer.write(entry(`/stream/${i}`)))
      await new Promise((resume) => setTimeout(resume, 1))
    }
    const streamed = performance.now() - started
    await Promise.all(writes)
    expect(await pathsOf('/stream/')).toHaveLength(40)
    // Each insert starts at least the pause after the one before (which started earlier still);
    // back to back, inserts start as soon as the previous one ends, a few milliseconds apart.
    // Measured, not assumed: on a busy machine the stream itself slows, and it may take longer.
    const gaps = counter.at.slice(1).map((at, i) => at - counter.at[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(19) // timers may fire a millisecond early
    expect(counter.count).toBeLessThanOrEqual(Math.ceil(streamed / 20) + 2)
  })

  it('splits a queue longer than one insert may carry', async () => {
    const { db: counted, counter } = countingStatements(db, /^\s*insert into provisioning_log/i)
    const writer = provisioningLogWriter({ db: counted, log: memoryLogger().log, maxBatch: 7 })
    await Promise.all(Array.from({ length: 20 }, (_, i) => writer.write(entry(`/split/${i}`))))
    expect(await pathsOf('/split/')).toHaveLength(20)
    expect(counter.count).toBe(3)
  })

  it('keeps the good entries of a batch when one of them cannot be written, and says which was lost', async () => {
    const { log, lines } = memoryLogger()
    const writer = provisioningLogWriter({ db, log })
    const gone = crypto.randomUUID() // no such account: the foreign key refuses this row
    await Promise.all([writer.write(entry('/mixed/a')), writer.write(entry('/mixed/bad', gone)), writer.write(entry('/mixed/b'))])
    expect((await pathsOf('/mixed/')).sort()).toEqual(['/mixed/a', '/mixed/b'])
    expect(JSON.stringify(lines)).toContain('/mixed/bad')
    await writer.write(entry('/after-failure'))
    expect(await pathsOf('/after-failure')).toEqual(['/after-failure'])
  })
})
