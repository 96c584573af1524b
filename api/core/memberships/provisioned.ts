import { and, eq, isNull, sql } from 'drizzle-orm'
import { invitations, memberships, people } from '../../../drizzle/schema.js'
import { DomainError, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../errors.js'
import { queueInvitationEmail, restartInvitationClock } from '../invitations/issue.js'
import { normalizeEmail } from '../people.js'
import { recordEvent } from '../events.js'
import type { Actor, CoreDeps, Executor } from '../types.js'
import { inTransaction } from '../transaction.js'
import { sendBlock, unblockLocked } from './block.js'
import { lockLiveMembership, type LockedMembership } from './shared.js'

export interface ProvisionedAttributes {
  userName: string
  externalId: string | null
  /** The provider's resource without id, meta, userName, externalId, active, password and groups. */
  scim: Record<string, unknown>
  active: boolean
  name?: { givenName?: string; familyName?: string }
  /** Where invitations go (the primary email); followed only while nobody has claimed the person. */
  email?: string
}

export const userNameTaken = (userName: string) =>
  new DomainError('conflict', `The userName "${userName}" is already taken in this account.`, { userName: 'Already taken.' })

/**
 * An identity provider's update of a member: its own attributes, then `active` as block or
 * unblock. The person's name follows the provider only while the person belongs to no other
 * account, since a name is the person's own across accounts. Says whether an email was queued
 * (an unblock that re-invites). Its last write may still be in flight when it returns, so that the
 * caller's COMMIT goes out with it: await `written` once the transaction has ended (see sendBlock).
 */
export async function updateProvisionedMember(
  deps: CoreDeps,
  actor: Actor,
  input: {
    accountId: string
    membershipId: string
    attributes: ProvisionedAttributes
    sendInvitationEmail: boolean
    /** The member, when the caller has already locked it in this transaction (deps.db). */
    locked?: LockedMembership
  },
) {
  const now = deps.clock.now()
  try {
    return await inTransaction(deps.db, async (tx) => {
      const member = input.locked ?? (await lockLiveMembership(tx, input.accountId, input.membershipId))
      const { attributes } = input
      const changed = changedKeys(member, attributes)
      if (changed.length) {
        await tx
          .update(memberships)
          .set({ userName: attributes.userName, externalId: attributes.externalId, scim: attributes.scim, updatedAt: now })
          .where(eq(memberships.id, member.id))
      }
      const first = attributes.name?.givenName?.trim()
      const last = attributes.name?.familyName?.trim()
      if ((first && first !== member.firstName) || (last && last !== member.lastName)) {
        await tx
          .update(people)
          .set({ ...(first ? { firstName: first } : {}), ...(last ? { lastName: last } : {}), updatedAt: now })
          .where(
            and(
              eq(people.id, member.personId),
              sql`not exists (select 1 from ${memberships} m where m.person_id = ${member.personId}
                and m.ended_at is null and m.account_id <> ${input.accountId})`,
            ),
          )
      }
      if (changed.length) {
        await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'updated', actor, at: now, data: { changed } })
      }
      const readdressed = attributes.email ? await followEmail(tx, member, attributes.email, now) : false
      // A pending link goes to the new address, with 7 days from now.
      const resent =
        readdressed && attributes.active && input.sendInvitationEmail
          ? await resendToNewAddress(tx, actor, { ...member, email: attributes.email!.trim() }, now)
          : false
      if (!attributes.active) {
        const { written } = await sendBlock(tx, now, actor, member)
        return { membershipId: member.id, emailQueued: false, written }
      }
      const { emailQueued } = await unblockLocked({ ...deps, db: tx as unknown as CoreDeps['db'] }, actor, member, input.sendInvitationEmail)
      return { membershipId: member.id, emailQueued: emailQueued || resent, written: Promise.resolve() }
    })
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'memberships_user_name_per_account') {
      throw userNameTaken(input.attributes.userName)
    }
    throw error
  }
}

function changedKeys(
  before: { userName: string | null; externalId: string | null; scim: Record<string, unknown> } | undefined,
  after: ProvisionedAttributes,
): string[] {
  if (!before) return []
  const keys: string[] = []
  if (before.userName !== after.userName) keys.push('userName')
  if (before.externalId !== after.externalId) keys.push('externalId')
  const names = new Set([...Object.keys(before.scim ?? {}), ...Object.keys(after.scim)])
  for (const key of names) if (JSON.stringify(before.scim?.[key]) !== JSON.stringify(after.scim[key])) keys.push(key)
  return keys
}

/**
 * The person's email follows the provider's only while nobody has claimed the person: never
 * registered, and in no other account. Otherwise the email is how someone signs in, theirs to
 * change. An address another person already has is left alone (the unique index stays the guard).
 */
async function followEmail(tx: Executor, member: LockedMembership, email: string, now: Date): Promise<boolean> {
  const normalized = normalizeEmail(email)
  if (normalized === normalizeEmail(member.email)) return false
  const moved = await tx
    .update(people)
    .set({ email: email.trim(), emailNormalized: normalized, updatedAt: now })
    .where(
      and(
        eq(people.id, member.personId),
        isNull(people.passwordHash),
        sql`not exists (select 1 from ${memberships} m where m.person_id = ${member.personId} and m.ended_at is null and m.id <> ${member.id})`,
        sql`not exists (select 1 from ${people} other where other.email_normalized = ${normalized})`,
      ),
    )
    .returning({ id: people.id })
  return moved.length > 0
}

async function resendToNewAddress(tx: Executor, actor: Actor, member: LockedMembership, now: Date): Promise<boolean> {
  const input = { accountId: member.accountId, membershipId: member.id }
  if (!(await restartInvitationClock(tx, { ...input, now, expired: false }))) return false
  const [pending] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.membershipId, member.id), eq(invitations.status, 'pending')))
  if (!pending) return false
  await queueInvitationEmail(tx, { ...input, invitationId: pending.id, actor, now, member })
  return true
}
