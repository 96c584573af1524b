import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as schema from '../../drizzle/schema.js'
import type { Database } from '../core/types.js'
import { withPipelinedBegin } from './pipelined-begin.js'

/** PostgreSQL through postgres.js: production on Node, and the server the tests also run on. */
export function openPostgres(url: string, options: { max?: number } = {}) {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} })
  const db = drizzle(withPipelinedBegin(client), { schema }) as unknown as Database
  return {
    db,
    client,
    migrate: async () => {
      const { migrationsFolder } = await import('./migrations-folder.js')
      await migrate(drizzle(client, { schema }), { migrationsFolder })
    },
    close: () => client.end({ timeout: 5 }),
  }
}
