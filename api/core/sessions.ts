import { and, eq, gt } from 'drizzle-orm'
import { people, sessions } from '../../drizzle/schema.js'
import { randomToken, sha256 } from './crypto.js'
import { DomainError } from './errors.js'
import { MAX_PASSWORD_LENGTH, verifyPassword } from './passwords.js'
import { reservePasswordCheck } from './password-attempts.js'
import { normalizeEmail } from './people.js'
import { rawQuery } from '../db/raw-query.js'
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
  const signedIn = person && passwordOk ? await openSession(deps, person.id, await sha256(token), now) : false
  if (!person || !signedIn) {
    await check.failed()
    throw invalidCredentials()
  }
  await check.passed()
  return { token, person: { id: person.id, email: person.email, firstName: person.firstName, lastName: person.lastName } }
}

// One statement, so that no block can fall between the check and the session: the update locks
// the person's Active memberships, and a block locks its member before it ends sessions. A block
// that got there first leaves none to lock, and the person is refused; one that comes after waits
// for this statement and then ends the session it made. The snapshot's accepted memberships are
// what the update should have found: an Active one it could not lock as Active was changed
// meanwhile, and a Blocked one stops access.
const OPEN_SESSION = `with active as (
    update memberships set last_sign_in_at = $3::timestamptz
    where person_id = $1 and state = 'active' and ended_at is null returning id
  ), opened as (
    insert into sessions (token_hash, person_id, created_at, expires_at)
    select $2, $1, $3::timestamptz, $4::timestamptz
    where exists (select 1 from active) or not exists (select 1 from memberships
      where person_id = $1 and ended_at is null and joined_at is not null and state in ('active', 'blocked'))
    returning person_id
  )
  select exists (select 1 from opened) as "signedIn"`

/** A session for the person, unless their access was stopped (or was being stopped meanwhile). */
async function openSession(deps: CoreDeps, personId: string, tokenHash: string, now: Date): Promise<boolean> {
  const expires = new Date(now.getTime() + deps.config.sessionTtlDays * 24 * 60 * 60 * 1000)
  const [row] = await rawQuery(deps.db)<{ signedIn: boolean }>(OPEN_SESSION, [personId, tokenHash, now.toISOString(), expires.toISOString()])
  return row?.signedIn === true
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
