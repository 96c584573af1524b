import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import * as schema from '../../drizzle/schema.js'
import type { Database } from '../core/types.js'
import { migrationsFolder } from './migrations-folder.js'

/** The embedded database: zero set-up, stored in `dataDir` (or in memory without one). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}) {
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir })
  await client.waitReady
  const db = drizzle(client, { schema }) as unknown as Database
  return {
    db,
    client,
    migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  }
}
