import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm'
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
 * Signs in a person with a password unless their access was stopped: every membership they had
 * accepted is Blocked, and none is Active. Sign-in proves who someone is; what they may open is
 * each membership's business. So a Disabled person (no membership left) signs in to keep their
 * profile, and so does one with only pending invitations, or invitations another account blocked
 * before they were accepted: an account cannot lock a stranger out by provisioning them inactive.
 * Failed attempts are counted in the database, so the limit holds across every isolate.
 */
export async function signIn(deps: CoreDeps, input: { email: string; password: string; client?: string | null }) {
  const now = deps.clock.now()
  const email = normalizeEmail(input.email)
  const [person] = await deps.db
    .select({ id: people.id, email: people.email, firstName: people.firstName, lastName: people.lastName, hash: people.passwordHash })
    .from(people)
    .where(eq(people.emailNormalized, email))
  const check = await reservePasswordCheck(deps.db, email, now, input.client ?? null)
  const passwordOk = await verifyPassword(input.password.slice(0, MAX_PASSWORD_LENGTH), person?.hash ?? null)
  const active = person && passwordOk
    ? await deps.db
        .update(memberships)
        .set({ lastSignInAt: now })
        .where(and(eq(memberships.personId, person.id), eq(memberships.state, 'active'), isNull(memberships.endedAt)))
        .returning({ id: memberships.id })
    : []
  const stopped = person && passwordOk && active.length === 0 ? await accessStopped(deps, person.id) : false
  if (!person || !passwordOk || stopped) {
    await check.failed()
    throw invalidCredentials()
  }
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

/** A live membership the person accepted that is now Blocked (their directory deactivated them). */
async function accessStopped(deps: CoreDeps, personId: string): Promise<boolean> {
  const [blocked] = await deps.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.state, 'blocked'), isNotNull(memberships.joinedAt), isNull(memberships.endedAt)))
    .limit(1)
  return blocked !== undefined
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
