import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { accounts } from '../../drizzle/schema.js'
import { drizzle } from 'drizzle-orm/postgres-js'
import { rowsOf } from '../../api/core/rows.js'
import { withPipelinedBegin } from '../../api/db/pipelined-begin.js'
import { rawQuery } from '../../api/db/raw-query.js'
import { TransactionRolledBack } from '../../api/db/rolled-back.js'
import { openTestDatabase, type Database, type TestDatabase } from '../support/database.js'

// On PostgreSQL the app's transactions send BEGIN together with their first statements
// (api/db/pipelined-begin.ts); these are the guarantees the domain core relies on, on both drivers.
let database: TestDatabase
let db: Database
beforeAll(async () => {
  database = await openTestDatabase()
  db = database.db
})
afterAll(() => database.close())

const now = new Date()
const newAccount = (name: string) => ({ id: crypto.randomUUID(), name, createdAt: now })
const nameOf = async (id: string) => (await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, id)))[0]?.name

describe('transactions', () => {
  it("run as the first use of a client without fetch_types, as a Worker's client for each request", async (context) => {
    if (database.driver !== 'postgres') return context.skip()
    const client = postgres(process.env.TEST_DATABASE_URL!, { max: 2, fetch_types: false, onnotice: () => {} })
    try {
      const cold = drizzle(withPipelinedBegin(client))
      const answered = cold.transaction(async (tx) => rowsOf<{ one: number }>(await tx.execute(sql`select 1 as one`)))
      const outcome = await Promise.race([answered, new Promise((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5000))])
      expect(outcome).toEqual([{ one: 1 }])
    } finally {
      await client.end({ timeout: 1 })
    }
  })

  it('commit what the callback wrote, and return its result', async () => {
    const account = newAccount('Committed')
    const result = await db.transaction(async (tx) => {
      await tx.insert(accounts).values(account)
      return 'done'
    })
    expect(result).toBe('done')
    expect(await nameOf(account.id)).toBe('Committed')
  })

  it('take everything back when the callback throws, statements sent together included', async () => {
    const first = newAccount('Rolled back 1')
    const second = newAccount('Rolled back 2')
    await expect(
      db.transaction(async (tx) => {
        await Promise.all([tx.insert(accounts).values(first), tx.insert(accounts).values(second)])
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await nameOf(first.id)).toBeUndefined()
    expect(await nameOf(second.id)).toBeUndefined()
  })

  it('take back earlier writes when a later statement fails, and report that statement’s error', async () => {
    const account = newAccount('Before the failure')
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(accounts).values(account)
        await tx.insert(accounts).values({ ...account, name: 'Same id' })
      }),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23505' }) })
    expect(await nameOf(account.id)).toBeUndefined()
  })

  it('are isolated: another connection sees nothing until the commit', async () => {
    const account = newAccount('Isolated')
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let inserted!: () => void
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve))
    const writer = db.transaction(async (tx) => {
      await tx.insert(accounts).values(account)
      inserted()
      await gate
    })
    await insertedSignal
    if (database.driver === 'postgres') expect(await nameOf(account.id)).toBeUndefined()
    release()
    await writer
    expect(await nameOf(account.id)).toBe('Isolated')
  })

  it('run again when PostgreSQL ends one of them in a deadlock: both commit', async (context) => {
    if (database.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const [a, b] = [newAccount('A'), newAccount('B')]
    await db.insert(accounts).values([a, b])
    let attempts = 0
    let bothLocked!: () => void
    const meet = new Promise<void>((resolve) => (bothLocked = resolve))
    let firstLocks = 0
    // Each locks its first row, waits until the other has locked its own, then asks for the other's.
    const crossing = (first: string, second: string, name: string) =>
      db.transaction(async (tx) => {
        attempts++
        await tx.update(accounts).set({ name }).where(eq(accounts.id, first))
        if (++firstLocks === 2) bothLocked()
        await Promise.race([meet, new Promise((resolve) => setTimeout(resolve, 3000))])
        await tx.update(accounts).set({ name }).where(eq(accounts.id, second))
      })
    await Promise.all([crossing(a.id, b.id, 'first'), crossing(b.id, a.id, 'second')])
    expect(attempts).toBe(3)
    expect(new Set([await nameOf(a.id), await nameOf(b.id)]).size).toBe(1)
  })

  it('run one after another on a locked row, each seeing the other’s commit', async () => {
    const account = newAccount('0')
    await db.insert(accounts).values(account)
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, account.id)).for('update')
          await tx.update(accounts).set({ name: String(Number(row!.name) + 1) }).where(eq(accounts.id, account.id))
        }),
      ),
    )
    expect(await nameOf(account.id)).toBe('10')
  })

  it('nest as savepoints: an inner failure is taken back alone', async () => {
    const outer = newAccount('Outer')
    const inner = newAccount('Inner')
    await db.transaction(async (tx) => {
      await tx.insert(accounts).values(outer)
      await expect(
        tx.transaction(async (nested) => {
          await nested.insert(accounts).values(inner)
          throw new Error('inner failure')
        }),
      ).rejects.toThrow('inner failure')
    })
    expect(await nameOf(outer.id)).toBe('Outer')
    expect(await nameOf(inner.id)).toBeUndefined()
  })

  it('fail, and take everything back, when a statement the callback left in flight fails', async () => {
    const account = newAccount('Before the statement in flight')
    let inFlight!: Promise<unknown>
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(accounts).values(account)
        // Sent, not awaited: the COMMIT goes out behind it (as sendBlock does).
        inFlight = rawQuery(tx)('insert into accounts (id, name, created_at) values ($1, $2, $3)', [account.id, 'Same id', now.toISOString()])
        inFlight.catch(() => {})
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBack)
    await expect(inFlight).rejects.toMatchObject({ code: '23505' })
    expect(await nameOf(account.id)).toBeUndefined()

    const next = newAccount('After the statement in flight')
    await db.transaction(async (tx) => {
      void rawQuery(tx)('insert into accounts (id, name, created_at) values ($1, $2, $3)', [next.id, next.name, now.toISOString()])
    })
    expect(await nameOf(next.id)).toBe('After the statement in flight')
  })

  it('leave the connection clean for the next transaction after a failure', async () => {
    for (let i = 0; i < 12; i++) {
      await expect(db.transaction(async (tx) => tx.execute(sql`select 1 / 0`))).rejects.toThrow()
    }
    const account = newAccount('After failures')
    await db.transaction(async (tx) => tx.insert(accounts).values(account))
    expect(await nameOf(account.id)).toBe('After failures')
  })

  it.runIf(process.env.TEST_DB === 'postgres')('survive their connection dying: that transaction fails, the pool goes on', async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} })
    try {
      // The next statement right away, or once the close has come in: both must fail, at once.
      for (const wait of [0, 20, 0, 20]) {
        const lost = newAccount('Lost with the connection')
        await expect(
          db.transaction(async (tx) => {
            const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[]
            await admin`select pg_terminate_backend(${row!.pid})`
            if (wait) await new Promise((resolve) => setTimeout(resolve, wait))
            await tx.insert(accounts).values(lost)
          }),
        ).rejects.toThrow()
        // A plain query right after may meet the killed backend's farewell once (postgres.js).
        expect(await nameOf(lost.id).catch(() => nameOf(lost.id))).toBeUndefined()
      }

      // More transactions, one after another, than the pool has connections: none gets the dead one.
      for (let i = 0; i < 12; i++) {
        const account = newAccount(`After the loss ${i}`)
        await db.transaction(async (tx) => tx.insert(accounts).values(account))
        expect(await nameOf(account.id)).toBe(`After the loss ${i}`)
      }
    } finally {
      await admin.end()
    }
  })
})
