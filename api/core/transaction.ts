import { is } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Database, Executor, Tx } from './types.js'

/**
 * Runs `work` in the caller's transaction when there is one, else in a new one. Domain operations
 * call each other (a SCIM PATCH updates attributes, then blocks): a savepoint for each call cost
 * two round trips and bought nothing, since any error in them aborts the whole change anyway.
 */
export function inTransaction<T>(db: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return is(db, PgTransaction) ? work(db as Tx) : (db as Database).transaction(work)
}
