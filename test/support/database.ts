import { readFile } from 'node:fs/promises'
import postgres from 'postgres'
import { inject } from 'vitest'
import { openPglite } from '../../api/db/pglite.js'
import { openPostgres } from '../../api/db/postgres.js'
import type { Database } from '../../api/core/types.js'

export interface TestDatabase {
  db: Database
  driver: 'pglite' | 'postgres'
  close(): Promise<void>
}

/** A fresh, migrated database for one test file, on the driver of the vitest project. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB === 'postgres') {
    const base = process.env.TEST_DATABASE_URL!
    const name = `${inject('postgresRun')}_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`
    const admin = postgres(base, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name} template ${inject('postgresTemplate')}`)
    const url = new URL(base)
    url.pathname = `/${name}`
    const database = openPostgres(url.toString(), { max: 10 })
    return {
      db: database.db,
      driver: 'postgres',
      async close() {
        await database.close()
        await admin.unsafe(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const template = await readFile(inject('pgliteTemplate'))
  const database = await openPglite({ loadDataDir: new Blob([template]) })
  return { db: database.db, driver: 'pglite', close: () => database.close() }
}

export type { Database }
