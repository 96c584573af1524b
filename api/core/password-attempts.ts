import { and, eq, gt, sql } from 'drizzle-orm'
import { signInAttempts } from '../../drizzle/schema.js'
import { clientKey } from './client-address.js'
import { DomainError, pgErrorCode } from './errors.js'
import type { Database } from './types.js'

const WINDOW_MS = 15 * 60 * 1000
const LOCK_NOT_AVAILABLE = '55P03'
/** Failures for one email from one client address before that client must wait. */
export const MAX_PASSWORD_FAILURES = 10
/**
 * Failures for one email from all addresses together: guessing spread over many addresses stops
 * here, while someone failing on purpose from one address cannot lock the person out by himself
 * (it takes three; an IPv6 address counts by its /64, which one subscriber usually holds whole).
 */
export const MAX_PASSWORD_FAILURES_PER_EMAIL = 30

/** How long a check may take before its reservation counts as a failure (one that was never settled). */
const IN_FLIGHT_MS = 60 * 1000

const tooMany = () => new DomainError('rate_limited', 'Too many failed password attempts. Try again in 15 minutes.')
const tooManyAtOnce = () => new DomainError('rate_limited', 'Too many attempts at once for this email. Try again in a moment.')

/**
 * Every place that checks a person's password (sign-in, accepting an invitation as a registered
 * person) goes through here, so that guesses count against one limit per email, whichever form
 * they come through.
 *
 * The check is reserved before the password is verified, under a lock on the email: guesses sent
 * in parallel are counted one after another, never all against the same earlier count. The
 * reservation counts against the limit while in flight; `failed` makes it a failure, `passed`
 * removes it, and one neither settled (a crash) is a failure once IN_FLIGHT_MS have passed. A
 * check refused only because of checks in flight says so: those may all turn out right.
 * `client` is the caller's address as the runtime knows it (null when it does not: then all
 * callers share one count).
 */
export async function reservePasswordCheck(
  db: Database,
  emailNormalized: string,
  now: Date,
  client: string | null = null,
): Promise<{ passed(): Promise<void>; failed(): Promise<void> }> {
  const since = new Date(now.getTime() - WINDOW_MS)
  const key = clientKey(client)
  const id = await db.transaction(async (tx) => {
    // A burst for one email waits its turn, but not for long: each waiter holds a connection.
    await tx.execute(sql`set local lock_timeout = '2s'`)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`password-check:${emailNormalized}`}, 0))`)
    const fromClient = sql`${signInAttempts.client} is not distinct from ${key}`
    const inFlight = sql`${signInAttempts.pendingUntil} > ${now.toISOString()}::timestamptz`
    const [counts] = await tx
      .select({
        all: sql<number>`count(*)::int`,
        fromClient: sql<number>`(count(*) filter (where ${fromClient}))::int`,
        failed: sql<number>`(count(*) filter (where not coalesce(${inFlight}, false)))::int`,
        failedFromClient: sql<number>`(count(*) filter (where ${fromClient} and not coalesce(${inFlight}, false)))::int`,
      })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.emailNormalized, emailNormalized), gt(signInAttempts.attemptedAt, since)))
    const over = (client: number, all: number) => client >= MAX_PASSWORD_FAILURES || all >= MAX_PASSWORD_FAILURES_PER_EMAIL
    if (over(Number(counts?.failedFromClient ?? 0), Number(counts?.failed ?? 0))) throw tooMany()
    if (over(Number(counts?.fromClient ?? 0), Number(counts?.all ?? 0))) throw tooManyAtOnce()
    const [reserved] = await tx
      .insert(signInAttempts)
      .values({ emailNormalized, client: key, attemptedAt: now, pendingUntil: new Date(now.getTime() + IN_FLIGHT_MS) })
      .returning({ id: signInAttempts.id })
    return reserved!.id
  }).catch((error: unknown) => {
    if (pgErrorCode(error) === LOCK_NOT_AVAILABLE) throw tooManyAtOnce()
    throw error
  })
  return {
    async passed() {
      await db.delete(signInAttempts).where(eq(signInAttempts.id, id))
    },
    async failed() {
      await db.update(signInAttempts).set({ pendingUntil: null }).where(eq(signInAttempts.id, id))
    },
  }
}
