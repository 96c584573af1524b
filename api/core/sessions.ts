import { and, eq, gt, isNull } from 'drizzle-orm'
import { memberships, people, sessions } from '../../drizzle/schema.js'
import { randomToken, sha256 } from './crypto.js'
import { DomainError } from './errors.js'
import { MAX_PASSWORD_LENGTH, verifyPassword } from './passwords.js'
import { reservePasswordCheck } from './password-attempts.js'
import { normalizeEmail } from './people.js'
import type { CoreDeps } from './types.js'

const invalidCredentials = () =>
  new DomainError('invalid_credentials', 'The email or password is not correct, or the account is not active.')

/**
 * Signs in a person who has at least one Active membership, or none left at all (Disabled: they
 * may still keep their profile). Someone whose memberships are all Invited or Blocked may not.
 * Failed attempts are counted in the database, so the limit holds across every isolate.
 */
export async function signIn(deps: CoreDeps, input: { email: string; password: string }) {
  const now = deps.clock.now()
  const email = normalizeEmail(input.email)
  const check = await reservePasswordCheck(deps.db, email, now)
  const [person] = await deps.db
    .select({ id: people.id, email: people.email, firstName: people.firstName, lastName: people.lastName, hash: people.passwordHash })
    .from(people)
    .where(eq(people.emailNormalized, email))
  const passwordOk = await verifyPassword(input.password.slice(0, MAX_PASSWORD_LENGTH), person?.hash ?? null)
  const active = person && passwordOk
    ? await deps.db
        .update(memberships)
        .set({ lastSignInAt: now })
        .where(and(eq(memberships.personId, person.id), eq(memberships.state, 'active'), isNull(memberships.endedAt)))
        .returning({ id: memberships.id })
    : []
  const disabled = person && passwordOk && active.length === 0 ? !(await hasLiveMembership(deps, person.id)) : false
  if (!person || (active.length === 0 && !disabled)) throw invalidCredentials()
  await check.passed()
  const token = randomToken()
  await deps.db.insert(sessions).values({
    tokenHash: await sha256(token),
    personId: person.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.config.sessionTtlDays * 24 * 60 * 60 * 1000),
  })
  return { token, person: { id: person.id, email: person.email, firstName: person.firstName, lastName: person.lastName } }
}

async function hasLiveMembership(deps: CoreDeps, personId: string): Promise<boolean> {
  const [live] = await deps.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), isNull(memberships.endedAt)))
    .limit(1)
  return live !== undefined
}

export async function signOut(deps: CoreDeps, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.tokenHash, await sha256(token)))
}

export async function personForSession(deps: CoreDeps, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const [row] = await deps.db
    .select({ id: people.id, email: people.email, firstName: people.firstName, lastName: people.lastName })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, await sha256(token)), gt(sessions.expiresAt, deps.clock.now())))
  return row ?? null
}
