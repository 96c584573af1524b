import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import * as schema from '../../drizzle/schema.js'
import type { Database } from '../core/types.js'
import { migrationsFolder } from './migrations-folder.js'
import { rolledBackIfAborted } from './rolled-back.js'

/** The embedded database: zero set-up, stored in `dataDir` (or in memory without one). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}) {
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir })
  await client.waitReady
  const db = drizzle(withCommitCheck(client), { schema }) as unknown as Database
  return {
    db,
    client,
    migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  }
}

/**
 * PGlite's COMMIT, like PostgreSQL's, quietly rolls back a transaction that a statement left in
 * flight has failed (see sendBlock). One more statement before it finds out, and fails the
 * transaction as the PostgreSQL driver does (pipelined-begin.ts).
 */
function withCommitCheck(client: PGlite): PGlite {
  const transaction: PGlite['transaction'] = (callback) =>
    client.transaction(async (tx) => {
      const result = await callback(tx)
      await tx.query('select 1').catch((error: unknown) => {
        throw rolledBackIfAborted(error)
      })
      return result
    })
  return new Proxy(client, {
    get(target, key) {
      if (key === 'transaction') return transaction
      const value = Reflect.get(target, key)
      // PGlite's methods use private fields: they must run on PGlite itself, not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
