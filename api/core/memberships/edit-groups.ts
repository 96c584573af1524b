import { and, eq, notInArray } from 'drizzle-orm'
import { groupMembers, groups, memberships } from '../../../drizzle/schema.js'
import { DomainError, FOREIGN_KEY_VIOLATION, pgErrorCode } from '../errors.js'
import { recordEvent } from '../events.js'
import { touchGroups } from '../group-members.js'
import { getUser, type UserRecord } from '../users.js'
import type { Actor, CoreDeps } from '../types.js'
import { inTransaction } from '../transaction.js'
import { assertAnotherAdministratorRemains, defaultGroupId, groupsGoneMeanwhile, groupsOfAccount, lockLiveMembership } from './shared.js'

/** Replaces a member's groups. A member always keeps at least one group. */
export async function setMemberGroups(
  deps: CoreDeps,
  actor: Actor,
  input: { accountId: string; membershipId: string; groupIds: string[] },
): Promise<UserRecord> {
  if (input.groupIds.length === 0) {
    throw new DomainError('validation_failed', 'A user must belong to at least one group.', {
      groupIds: 'Keep at least one group.',
    })
  }
  return inTransaction(deps.db, async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    // Once the member is locked: a change that waited for another one is recorded after it.
    const now = deps.clock.now()
    const chosen = await groupsOfAccount(tx, input.accountId, input.groupIds)
    const current = await tx
      .select({ id: groupMembers.groupId, name: groups.name })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groupMembers.membershipId, member.id))
    const chosenIds = new Set(chosen.map((g) => g.id))
    const currentIds = new Set(current.map((g) => g.id))
    const removed = current.filter((g) => !chosenIds.has(g.id))
    const added = chosen.filter((g) => !currentIds.has(g.id))
    if (removed.length === 0 && added.length === 0) return getUser(tx, input.accountId, member.id, now)

    const adminGroup = await defaultGroupId(tx, input.accountId)
    if (adminGroup && removed.some((g) => g.id === adminGroup)) {
      await assertAnotherAdministratorRemains(tx, member)
    }
    await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.membershipId, member.id), notInArray(groupMembers.groupId, [...chosenIds])))
    if (added.length) {
      try {
        await tx
          .insert(groupMembers)
          .values(added.map((g) => ({ groupId: g.id, membershipId: member.id, accountId: input.accountId, createdAt: now })))
          .onConflictDoNothing()
      } catch (error) {
        // Deleted after it was chosen (an identity provider's DELETE /Groups, another administrator).
        if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION) throw groupsGoneMeanwhile()
        throw error
      }
    }
    await tx.update(memberships).set({ updatedAt: now }).where(eq(memberships.id, member.id))
    await touchGroups(tx, removed.map((g) => g.id), now)
    await recordEvent(tx, {
      accountId: input.accountId,
      membershipId: member.id,
      type: 'groups_changed',
      actor,
      at: now,
      data: { added: added.map((g) => g.name), removed: removed.map((g) => g.name) },
    })
    return getUser(tx, input.accountId, member.id, now)
  })
}
