import { and, eq, gt } from 'drizzle-orm'
import { people, sessions } from '../../drizzle/schema.js'
import { isRandomToken, randomToken, sha256 } from './crypto.js'
import { DomainError } from './errors.js'
import { MAX_PASSWORD_LENGTH, verifyPassword } from './passwords.js'
import { reservePasswordCheck } from './password-attempts.js'
import { normalizeEmail } from './people.js'
import { rawQuery } from '../db/raw-query.js'
import { inTransaction } from './transaction.js'
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
  const token = randomToken()
  const signedIn = person?.hash && passwordOk ? await openSession(deps, { id: person.id, hash: person.hash }, await sha256(token), now) : false
  if (!person || !signedIn) {
    await check.failed()
    throw invalidCredentials()
  }
  await check.passed()
  return { token, person: { id: person.id, email: person.email, firstName: person.firstName, lastName: person.lastName } }
}

// Two statements in a transaction, so that neither a block nor a new password falls between the
// checks and the session. The first locks the person's Active memberships: a block that got there
// first leaves none to lock, and one that comes after waits and then ends the session. The second
// opens the session if the person still has the password that was verified (a reset waits for it
// to commit and then ends the session, or has committed and the re-read hash differs), and if
// they kept access: a membership locked as Active, or no accepted one at all (Blocked stops access).
// Memberships are locked before the person, in the order of every change to a member.
const LOCK_ACTIVE_MEMBERSHIPS = `update memberships set last_sign_in_at = $2::timestamptz
  where person_id = $1 and state = 'active' and ended_at is null returning id`

const OPEN_SESSION = `with person as (select id from people where id = $1 and password_hash = $2 for share)
  insert into sessions (token_hash, person_id, created_at, expires_at)
  select $3, person.id, $4::timestamptz, $5::timestamptz from person
  where $6::boolean or not exists (select 1 from memberships
    where person_id = $1 and ended_at is null and joined_at is not null and state in ('active', 'blocked'))
  returning person_id`

/** A session for the person, unless their access was stopped or their password changed (or was being so meanwhile). */
async function openSession(deps: CoreDeps, person: { id: string; hash: string }, tokenHash: string, now: Date): Promise<boolean> {
  const expires = new Date(now.getTime() + deps.config.sessionTtlDays * 24 * 60 * 60 * 1000)
  return inTransaction(deps.db, async (tx) => {
    const active = await rawQuery(tx)<{ id: string }>(LOCK_ACTIVE_MEMBERSHIPS, [person.id, now.toISOString()])
    const opened = await rawQuery(tx)(OPEN_SESSION, [person.id, person.hash, tokenHash, now.toISOString(), expires.toISOString(), active.length > 0])
    return opened.length > 0
  })
}

export async function signOut(deps: CoreDeps, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.tokenHash, await sha256(token)))
}

export async function personForSession(deps: CoreDeps, token: string) {
  if (!isRandomToken(token)) return null
  const [row] = await deps.db
    .select({ id: people.id, email: people.email, firstName: people.firstName, lastName: people.lastName })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, await sha256(token)), gt(sessions.expiresAt, deps.clock.now())))
  return row ?? null
}
