import type { Executor } from '../core/types.js'

/** Rows of a parameterized statement ($1, $2, ...), as plain objects keyed by column name. */
export type RawQuery = <T = Record<string, unknown>>(text: string, params: unknown[], options?: { prepare?: boolean }) => Promise<T[]>

interface PostgresJsClient {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> & { execute(): Promise<unknown[]> }
}
interface PgliteClient {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>
}

const byExecutor = new WeakMap<Executor, RawQuery>()

/**
 * Runs SQL text straight on the driver under drizzle, for the few statements every SCIM request
 * sends: building them with drizzle's query builder costs more CPU than PostgreSQL spends on them.
 * postgres.js keeps each text as a prepared statement per connection (until the connection is
 * recycled) unless `prepare: false`: pass that for texts without a bound on their variety. Timestamps come back as
 * drizzle leaves the drivers: text on postgres.js, Date on PGlite; read them with `toDate`.
 * On a transaction, the statement runs on the transaction's own connection (drizzle's session).
 * It is sent at once (postgres.js queries are otherwise lazy, and drizzle's take a few ticks), so a
 * statement started before others in the same transaction is executed before them.
 */
export function rawQuery(db: Executor): RawQuery {
  let run = byExecutor.get(db)
  if (!run) {
    const handle = db as unknown as { $client?: PostgresJsClient | PgliteClient; session?: { client: PostgresJsClient | PgliteClient } }
    const client = handle.$client ?? handle.session!.client
    run =
      'unsafe' in client
        ? async <T>(text: string, params: unknown[], options?: { prepare?: boolean }) =>
            (await client.unsafe(text, params, { prepare: options?.prepare ?? true }).execute()) as T[]
        : async <T>(text: string, params: unknown[]) => (await client.query(text, params)).rows as T[]
    byExecutor.set(db, run)
  }
  return run
}

/** A timestamp as either driver returns it. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string)
}

/**
 * An array parameter as PostgreSQL's array literal, for `$n::type[]`. It needs no type information
 * from the driver: postgres.js on Workers runs with fetch_types off, and then sends a JavaScript
 * array as text PostgreSQL cannot read.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  const element = (value: string | number | null) => (value === null ? 'NULL' : `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`)
  return `{${values.map(element).join(',')}}`
}
