import { sql } from 'drizzle-orm'
import { rowsOf } from '../../api/core/rows.js'
import type { TestApp } from './app.js'

/** Resolves once some connection of the test's PostgreSQL database waits for a lock (at most 5 s). */
export async function someoneWaitsForALock(t: TestApp): Promise<void> {
  for (let tries = 0; tries < 250; tries++) {
    const [row] = rowsOf<{ waiting: number }>(await t.db.execute(sql`select count(*)::int as waiting from pg_stat_activity
      where wait_event_type = 'Lock' and datname = current_database()`))
    if (row!.waiting > 0) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('nobody waited for a lock within 5 s')
}
