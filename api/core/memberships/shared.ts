import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { accounts, groupMembers, groups, memberships, people } from '../../../drizzle/schema.js'
import { DomainError, notFound } from '../errors.js'
import { isUuid } from '../users.js'
import type { Executor } from '../types.js'

/** Locks a live membership of the account for the rest of the transaction, and reads it. */
export async function lockLiveMembership(tx: Executor, accountId: string, membershipId: string) {
  if (!isUuid(membershipId)) throw notFound('User')
  const rows = await tx
    .select({
      id: memberships.id,
      accountId: memberships.accountId,
      personId: memberships.personId,
      state: memberships.state,
      stateBeforeBlock: memberships.stateBeforeBlock,
      expiresAt: memberships.expiresAt,
      userName: memberships.userName,
      externalId: memberships.externalId,
      scim: memberships.scim,
      email: people.email,
      firstName: people.firstName,
      lastName: people.lastName,
      accountName: accounts.name,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.accountId, accountId), isNull(memberships.endedAt)))
    .for('update', { of: memberships })
  const row = rows[0]
  if (!row) throw notFound('User')
  return row
}

export type LockedMembership = Awaited<ReturnType<typeof lockLiveMembership>>

/** All ids must be groups of this account; names are returned for the history. */
export async function groupsOfAccount(tx: Executor, accountId: string, groupIds: string[]) {
  const unique = [...new Set(groupIds)]
  const valid = unique.filter(isUuid)
  const found = valid.length
    ? await tx
        .select({ id: groups.id, name: groups.name })
        .from(groups)
        .where(and(eq(groups.accountId, accountId), inArray(groups.id, valid)))
    : []
  if (found.length !== unique.length) {
    throw new DomainError('validation_failed', 'One or more groups do not exist in this account.', {
      groupIds: 'Choose groups of this account.',
    })
  }
  return found
}

/**
 * The account must keep one active administrator. The member's row is already locked (FOR UPDATE),
 * which no group change can get past, so whether *this* member is an administrator cannot change
 * under us and needs no further lock. Only for an administrator is the default group row locked,
 * which serialises every change that could take the last one away.
 */
export async function assertAnotherAdministratorRemains(tx: Executor, accountId: string, membershipId: string) {
  const [membership] = await tx
    .select({ groupId: groups.id })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(memberships, eq(memberships.id, groupMembers.membershipId))
    .where(and(eq(groupMembers.membershipId, membershipId), eq(groups.isDefault, true), eq(memberships.state, 'active')))
  if (!membership) return
  await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, membership.groupId)).for('update')
  const others = await tx
    .select({ one: sql`1` })
    .from(groupMembers)
    .innerJoin(memberships, eq(memberships.id, groupMembers.membershipId))
    .where(
      and(
        eq(groupMembers.groupId, membership.groupId),
        ne(groupMembers.membershipId, membershipId),
        eq(memberships.state, 'active'),
        isNull(memberships.endedAt),
      ),
    )
    .limit(1)
  if (others.length === 0) {
    throw new DomainError('conflict', 'This is the last active administrator of the account; add another administrator first.')
  }
}

export async function defaultGroupId(tx: Executor, accountId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.accountId, accountId), eq(groups.isDefault, true)))
  return row?.id ?? null
}
