import { and, eq, gt, sql } from 'drizzle-orm'
import { signInAttempts } from '../../drizzle/schema.js'
import { DomainError } from './errors.js'
import type { Database } from './types.js'

const WINDOW_MS = 15 * 60 * 1000
export const MAX_PASSWORD_FAILURES = 10

/**
 * Every place that checks a person's password (sign-in, accepting an invitation as a registered
 * person) goes through here, so that guesses count against one limit per email, whichever form
 * they come through.
 *
 * The check is reserved before the password is verified, under a lock on the email: guesses sent
 * in parallel are counted one after another, never all against the same earlier count. The
 * reservation counts as a failure until `passed` removes it.
 */
export async function reservePasswordCheck(db: Database, emailNormalized: string, now: Date): Promise<{ passed(): Promise<void> }> {
  const since = new Date(now.getTime() - WINDOW_MS)
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`password-check:${emailNormalized}`}, 0))`)
    const [failures] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.emailNormalized, emailNormalized), gt(signInAttempts.attemptedAt, since)))
    if (Number(failures?.count ?? 0) >= MAX_PASSWORD_FAILURES) {
      throw new DomainError('rate_limited', 'Too many failed password attempts. Try again in 15 minutes.')
    }
    const [reserved] = await tx.insert(signInAttempts).values({ emailNormalized, attemptedAt: now }).returning({ id: signInAttempts.id })
    return reserved!.id
  })
  return {
    async passed() {
      await db.delete(signInAttempts).where(eq(signInAttempts.id, id))
    },
  }
}
