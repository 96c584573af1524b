import { and, eq } from 'drizzle-orm'
import { emails, groupMembers, invitations, memberships } from '../../../drizzle/schema.js'
import { rawQuery } from '../../db/raw-query.js'
import { DomainError } from '../errors.js'
import { recordEvent, recordExpiredInvitations } from '../events.js'
import { touchGroups } from '../group-members.js'
import { enqueueEmail } from '../outbox.js'
import { getUser, type UserRecord } from '../users.js'
import type { Actor, CoreDeps, Executor } from '../types.js'
import { inTransaction } from '../transaction.js'
import { assertAnotherAdministratorRemains, lockLiveMembership } from './shared.js'

/**
 * Removes a membership from this account only: the person stays on the platform and in their other
 * accounts. A pending link dies with it; the person is told by email, if they knew of it.
 */
export async function removeMember(
  deps: CoreDeps,
  actor: Actor,
  input: { accountId: string; membershipId: string },
): Promise<UserRecord> {
  return inTransaction(deps.db, async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    // Once the member is locked: a change that waited for another one is recorded after it.
    const now = deps.clock.now()
    if ('personId' in actor && actor.personId === member.personId) {
      throw new DomainError('forbidden', 'You cannot remove yourself from the account. Ask another administrator to do it.')
    }
    const before = await getUser(tx, input.accountId, input.membershipId, now)
    await assertAnotherAdministratorRemains(tx, member)
    await recordExpiredInvitations(tx, now, { membershipId: member.id })
    await tx
      .update(memberships)
      .set({ endedAt: now, endReason: 'removed', updatedAt: now })
      .where(eq(memberships.id, member.id))
    await tx
      .update(invitations)
      .set({ status: 'withdrawn', endedAt: now })
      .where(and(eq(invitations.membershipId, member.id), eq(invitations.status, 'pending')))
    const left = await tx.delete(groupMembers).where(eq(groupMembers.membershipId, member.id)).returning({ groupId: groupMembers.groupId })
    await touchGroups(tx, left.map((row) => row.groupId), now)
    await endSessionsWithoutAccess(tx, member.personId, member.id)
    await recordEvent(tx, {
      accountId: input.accountId,
      membershipId: member.id,
      type: 'removed',
      actor,
      at: now,
      data: { stateBefore: before.state },
    })
    if (await knewOfMembership(tx, member.id, before)) {
      await enqueueEmail(tx, {
        accountId: input.accountId,
        membershipId: member.id,
        to: member.email,
        at: now,
        kind: 'removed',
        props: { firstName: member.firstName, accountName: member.accountName, joined: before.joinedAt !== null },
      })
    }
    return before
  })
}

/**
 * Whether the person knows of the membership: they joined, or were emailed about it. A member an
 * identity provider added without an invitation email, and who never joined, is not told of a
 * removal either: a message about an account they never heard of reads as phishing.
 */
async function knewOfMembership(tx: Executor, membershipId: string, member: UserRecord): Promise<boolean> {
  if (member.joinedAt) return true
  const [emailed] = await tx.select({ id: emails.id }).from(emails).where(eq(emails.membershipId, membershipId)).limit(1)
  return emailed !== undefined
}

/**
 * Access to an account is checked on every request, so a removed or blocked member loses it at
 * once. Sessions of a person left with no active membership anywhere are deleted outright, when
 * the membership leaving was Active (a pending invitation gave no access to lose).
 * `leaving` is a membership this transaction is ending or blocking: it does not count, so the
 * statement may run before or with that change.
 */
export async function endSessionsWithoutAccess(tx: Executor, personId: string, leaving?: string): Promise<void> {
  await rawQuery(tx)(endSessionsStatement('$1', '$2'), [personId, leaving ?? null])
}

/** That statement, for the person `$n` and the leaving membership `$m` (null for none). */
export const endSessionsStatement = (person: string, leaving: string) =>
  `delete from sessions where person_id = ${person} and not exists (select 1 from memberships m
    where m.person_id = ${person} and m.state = 'active' and m.ended_at is null and m.id is distinct from ${leaving}::uuid)
    and (${leaving}::uuid is null or exists (select 1 from memberships l where l.id = ${leaving}::uuid and l.state = 'active'))`
