/**
 * The domain's errors. Each entry point maps `code` to its own protocol (REST status, SCIM scimType);
 * the message is written for the person who will read it.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'invalid_state'
  | 'validation_failed'
  | 'forbidden'
  | 'invalid_credentials'
  | 'rate_limited'

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

/** A value that must be unique is another resource's already (a name, an email, a userName): SCIM's `uniqueness`. */
export class AlreadyTakenError extends DomainError {
  constructor(message: string, fields: Record<string, string>) {
    super('conflict', message, fields)
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found.`)

/** Postgres error codes we turn into domain errors instead of 500s. */
export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

export function pgConstraint(error: unknown): string | undefined {
  let e: unknown = error
  for (let depth = 0; e && depth < 4; depth++) {
    const c = (e as { constraint_name?: unknown; constraint?: unknown }).constraint_name ??
      (e as { constraint?: unknown }).constraint
    if (typeof c === 'string') return c
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

export const UNIQUE_VIOLATION = '23505'
export const FOREIGN_KEY_VIOLATION = '23503'
