/**
 * A transaction whose callback returned while one of its statements was still in flight (see
 * sendBlock), and that statement failed: PostgreSQL took everything back, and COMMIT must not
 * pass for a commit. The statement's own promise holds its error.
 */
export class TransactionRolledBack extends Error {
  constructor() {
    super('The transaction was rolled back: one of its statements failed.')
    this.name = 'TransactionRolledBack'
  }
}

const IN_FAILED_TRANSACTION = '25P02'

/** The error for a statement refused because its transaction had already failed. */
export function rolledBackIfAborted(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code === IN_FAILED_TRANSACTION ? new TransactionRolledBack() : error
}
