import { and, eq, gt, isNull } from 'drizzle-orm'
import { passwordResets, people, sessions, signInAttempts } from '../../drizzle/schema.js'
import { rawQuery } from '../db/raw-query.js'
import { isRandomToken, newId, randomToken, sha256 } from './crypto.js'
import { DomainError } from './errors.js'
import { hashPassword, newPasswordProblems } from './passwords.js'
import { normalizeEmail } from './people.js'
import { inTransaction } from './transaction.js'
import type { CoreDeps } from './types.js'

export const RESET_LINK_TTL_MS = 60 * 60 * 1000
/** Links a person can be sent in an hour: enough to retry, too few to flood their mailbox. */
export const MAX_RESETS_PER_HOUR = 3

// The person is locked first, in a statement of its own: the count then runs in a later snapshot,
// which sees the links of the concurrent requests it waited for (one statement's snapshot would
// predate them, and a burst would pass the limit together). A person without a password (never
// registered) gets no link: registering is their invitation's business.
const LOCK_PERSON = `select id, email, first_name as "firstName" from people
  where email_normalized = $1 and password_hash is not null for update`
const ISSUE = `insert into password_resets (id, person_id, token_hash, created_at, expires_at)
  select $1, $2, $3, $4::timestamptz, $5::timestamptz
  where (select count(*) from password_resets where person_id = $2 and created_at > $4::timestamptz - interval '1 hour') < ${MAX_RESETS_PER_HOUR}
  returning id`

/**
 * "Forgot your password?": a link to the person's own address, the proof that it is theirs. The
 * answer is the same whether or not anyone uses the email (the caller says the same to everyone);
 * null when no link goes out.
 */
export async function requestPasswordReset(
  deps: CoreDeps,
  email: string,
): Promise<{ to: string; firstName: string; token: string } | null> {
  const now = deps.clock.now()
  const token = randomToken()
  return inTransaction(deps.db, async (tx) => {
    const [person] = await rawQuery(tx)<{ id: string; email: string; firstName: string }>(LOCK_PERSON, [normalizeEmail(email)])
    if (!person) return null
    const expires = new Date(now.getTime() + RESET_LINK_TTL_MS)
    const [issued] = await rawQuery(tx)(ISSUE, [newId(), person.id, sha256(token), now.toISOString(), expires.toISOString()])
    return issued ? { to: person.email, firstName: person.firstName, token } : null
  })
}

const live = (token: string, now: Date) =>
  and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now))

/** The email a reset link is for, while it works. Reading changes nothing: mail scanners open links. */
export async function openPasswordReset(deps: CoreDeps, token: string): Promise<{ email: string } | null> {
  if (!isRandomToken(token)) return null
  const [row] = await deps.db
    .select({ email: people.email })
    .from(passwordResets)
    .innerJoin(people, eq(people.id, passwordResets.personId))
    .where(live(token, deps.clock.now()))
  return row ?? null
}

export const resetLinkNoLongerActive = () => new DomainError('not_found', 'This link to reset your password is no longer active.')

/**
 * Sets the new password, once: the link is used up in the same statement that checks it, every
 * other link of the person dies, and every session of theirs ends (someone else may have had the
 * password: that is why people reset it).
 */
export async function resetPassword(
  deps: CoreDeps,
  token: string,
  input: { password: string; confirmPassword: string },
): Promise<{ email: string }> {
  const fields = newPasswordProblems(input.password, input.confirmPassword)
  if (Object.keys(fields).length) throw new DomainError('validation_failed', 'Please correct the highlighted fields.', fields)
  const passwordHash = await hashPassword(input.password)
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(live(token, now))
      .returning({ personId: passwordResets.personId })
    if (!used) throw resetLinkNoLongerActive()
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.personId, used.personId), isNull(passwordResets.usedAt)))
    const [person] = await tx
      .update(people)
      .set({ passwordHash, updatedAt: now })
      .where(eq(people.id, used.personId))
      .returning({ email: people.email })
    await tx.delete(sessions).where(eq(sessions.personId, used.personId))
    // Whoever failed at the old password (a lockout someone may keep up on purpose) does not stop
    // the owner of the mailbox from using the new one.
    await tx.delete(signInAttempts).where(eq(signInAttempts.emailNormalized, normalizeEmail(person!.email)))
    return { email: person!.email }
  })
}
