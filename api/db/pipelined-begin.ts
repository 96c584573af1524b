import type postgres from 'postgres'
import { TransactionRolledBack } from './rolled-back.js'

type Sql = postgres.Sql
type Reserved = postgres.ReservedSql

/**
 * postgres.js waits for BEGIN's answer before it runs a transaction's first statement: a round
 * trip and a socket write of its own for every write request. This BEGIN goes out on a reserved
 * connection together with the first statements (postgres.js sends what is queued in one tick in
 * one write); should it fail, so does everything queued behind it, and the caller sees that error.
 * Same contract as `sql.begin(fn)` for what drizzle uses: the callback gets a connection-bound
 * `sql` with `unsafe` and `savepoint`; an error rolls back, anything else commits.
 */
export function pipelinedBegin(client: Sql) {
  return async function begin<T>(fn: (sql: Reserved) => Promise<T>): Promise<T> {
    const reserved = await client.reserve()
    let savepoints = 0
    const scoped = Object.assign(reserved, {
      async savepoint<S>(work: (sql: Reserved) => Promise<S>): Promise<S> {
        const name = `s${++savepoints}`
        await Promise.race([reserved.unsafe(`savepoint ${name}`), lost])
        try {
          const result = await Promise.race([work(scoped), lost])
          await Promise.race([reserved.unsafe(`release savepoint ${name}`), lost])
          return result
        } catch (error) {
          if (!closed) await Promise.race([reserved.unsafe(`rollback to savepoint ${name}`), lost])
          throw error
        }
      },
    })
    // A connection that closes mid-transaction must fail it at once, as sql.begin does: statements
    // queued on a dead reserved connection would wait forever. The connection is then already back
    // in the pool's closed queue (it reconnects on its next use): releasing it would hand it out as
    // open. BEGIN's `onexecute` hands over postgres.js's connection, whose `onclose` sql.begin uses
    // too; it must return true, or postgres.js holds the statements behind BEGIN until it answers.
    let connection: { onclose: ((error: unknown) => void) | null } | undefined
    let closed = false
    const lost = new Promise<never>((_, reject) => {
      reserved
        .unsafe('begin', [], {
          onexecute: (c: typeof connection) => {
            connection = c
            c!.onclose = (error) => {
              closed = true
              reject(error)
            }
            return true
          },
        } as never)
        .execute()
        .catch((error: unknown) => {
          if (connectionLost(error)) closed = true
          reject(error)
        })
    })
    lost.catch(() => {}) // raced below; a transaction that ends first never looks at it
    const failIfLost = (error: unknown) => {
      if (connectionLost(error)) closed = true
      throw error
    }
    try {
      let result: T
      try {
        result = await Promise.race([fn(scoped), lost]).catch(failIfLost)
      } catch (error) {
        if (!closed) await Promise.race([reserved.unsafe('rollback'), lost]).catch(() => {})
        throw error
      }
      const committed = await Promise.race([reserved.unsafe('commit'), lost]).catch(failIfLost)
      // A statement still in flight when the callback returned (see sendBlock) may have failed:
      // PostgreSQL then answers COMMIT with ROLLBACK, and this must not pass for a commit.
      if (committed.command === 'ROLLBACK') throw new TransactionRolledBack()
      return result
    } finally {
      if (connection) connection.onclose = null
      if (!closed) reserved.release()
    }
  }
}

/** postgres.js's codes for a connection that is gone, on the error or on what it wraps (drizzle's). */
const CONNECTION_LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'ECONNRESET', 'EPIPE'])
function connectionLost(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (CONNECTION_LOST.has(String((e as { code?: unknown }).code))) return true
  }
  return false
}

// PostgreSQL's advice for a deadlock (40P01) or a serialization failure (40001): run the whole
// transaction again. Locks are taken in one order where the code can know it (members before
// groups); what remains, such as a group's members changing between reading and locking them,
// must not reach a client as an error.
const RETRYABLE = new Set(['40P01', '40001'])
const MAX_ATTEMPTS = 4

/** A deadlock or serialization failure, on the error or on what it wraps: the transaction may simply run again. */
export function retryable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (RETRYABLE.has(String((e as { code?: unknown }).code))) return true
  }
  return false
}

/** A short random pause before the `attempt`th retry, so that the two sides of a deadlock do not meet again. */
export const pauseBeforeRetry = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt))

/** `begin`, run again (after pauseBeforeRetry) when PostgreSQL says to. */
export function retryingBegin(begin: ReturnType<typeof pipelinedBegin>): ReturnType<typeof pipelinedBegin> {
  return async function retried<T>(fn: (sql: Reserved) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await begin(fn)
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !retryable(error)) throw error
        await pauseBeforeRetry(attempt)
      }
    }
  }
}

/** The client as drizzle should see it: everything postgres.js has, with the pipelined BEGIN, retried on deadlocks. */
export function withPipelinedBegin(client: Sql): Sql {
  const begin = retryingBegin(pipelinedBegin(client))
  return new Proxy(client, { get: (target, key) => (key === 'begin' ? begin : Reflect.get(target, key)) })
}
