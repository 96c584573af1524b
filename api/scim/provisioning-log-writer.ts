import { provisioningLog } from '../../drizzle/schema.js'
import type { Database } from '../core/types.js'
import { arrayLiteral, rawQuery } from '../db/raw-query.js'
import type { Logger } from '../services.js'

// One text for any number of rows (arrays, not a VALUES list per size): one prepared statement.
// The arrays travel as array literals (arrayLiteral), the times as text.
const INSERT = `insert into provisioning_log (account_id, token_id, token_name, method, path, status, duration_ms, summary, at)
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[]::timestamptz[])`

export type ProvisioningLogEntry = typeof provisioningLog.$inferInsert

export interface ProvisioningLogWriter {
  /** Queues the entry; resolves once the insert that carries it has committed (or failed, logged). */
  write(entry: ProvisioningLogEntry): Promise<void>
}

/**
 * Group commit: at most one INSERT in flight; entries that arrive meanwhile go together in the
 * next one, which waits until `pauseMs` after the last one ended. A quiet server writes each entry
 * at once; a busy one pays one commit for every few dozen requests instead of one for every few
 * (back to back, each insert carried only what arrived during the previous one's round trip).
 */
export function provisioningLogWriter(options: {
  db: Database
  log: Logger
  /** Most rows in one INSERT (bind parameters stay far below PostgreSQL's 65,535). */
  maxBatch?: number
  /** Least time between the end of one INSERT and the start of the next, unless a batch is full. */
  pauseMs?: number
}): ProvisioningLogWriter {
  const maxBatch = options.maxBatch ?? 500
  const pauseMs = options.pauseMs ?? 10
  let lastEnded = -Infinity
  let queue: { entry: ProvisioningLogEntry; done: () => void }[] = []
  let flushing = false

  const run = rawQuery(options.db)
  async function insert(entries: ProvisioningLogEntry[]) {
    const column = <K extends keyof ProvisioningLogEntry>(key: K) => arrayLiteral(entries.map((entry) => (entry[key] ?? null) as string | number | null))
    await run(INSERT, [
      column('accountId'),
      column('tokenId'),
      column('tokenName'),
      column('method'),
      column('path'),
      column('status'),
      column('durationMs'),
      column('summary'),
      arrayLiteral(entries.map((entry) => (entry.at as Date).toISOString())),
    ])
  }

  async function flush() {
    flushing = true
    while (queue.length) {
      const wait = lastEnded + pauseMs - performance.now()
      if (wait > 0 && queue.length < maxBatch) await new Promise((resume) => setTimeout(resume, wait))
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      const entries = batch.map((item) => item.entry)
      // One bad row (its account deleted meanwhile) must not cost the others their entries.
      await insert(entries).catch(() => Promise.all(entries.map((entry) => insert([entry]).catch((error) => failed(entry, error)))))
      lastEnded = performance.now()
      for (const item of batch) item.done()
    }
    flushing = false
  }

  function failed(entry: ProvisioningLogEntry, error: unknown) {
    options.log.error('provisioning log entry lost', { method: entry.method, path: entry.path, error: String(error) })
  }

  return {
    write(entry) {
      return new Promise<void>((done) => {
        queue.push({ entry, done })
        // After this tick, so that the answers finishing together share the first insert too.
        if (!flushing) {
          flushing = true
          queueMicrotask(() => void flush())
        }
      })
    },
  }
}
