import { and, eq } from 'drizzle-orm'
import { groups, memberships } from '../../../drizzle/schema.js'
import { DomainError, notFound } from '../errors.js'
import { isUuid } from '../users.js'
import { arrayLiteral, rawQuery, toDate } from '../../db/raw-query.js'
import type { Executor } from '../types.js'
import { assertActiveAdministratorRemains, lockAdministrators } from '../administrators.js'
import { memberDetailsSql } from '../member-details.js'

/**
 * A member as every change reads it under its lock (see lockLiveMembership), for statements that
 * lock it and read more in the same round trip (a SCIM update reads its SCIM view with it).
 */
const DETAILS = memberDetailsSql()
export const LOCKED_MEMBERSHIP_COLUMNS = `memberships.id, memberships.account_id as "accountId", memberships.person_id as "personId",
    memberships.state, memberships.state_before_block as "stateBeforeBlock", memberships.expires_at as "expiresAt",
    memberships.user_name as "userName", memberships.external_id as "externalId", memberships.scim::text as scim,
    people.email, ${DETAILS.firstName} as "firstName", ${DETAILS.lastName} as "lastName",
    ${DETAILS.countryCode} as "countryCode", ${DETAILS.phone} as "phone", memberships.joined_at is not null as joined,
    memberships.invitee_first_name is not null as "hasInviteeDetails", accounts.name as "accountName",
    (select admins.id from group_members in_admins join groups admins on admins.id = in_admins.group_id
      where in_admins.membership_id = memberships.id and admins.is_default) as "administratorGroupId"`
export const LOCKED_MEMBERSHIP_FROM = `memberships join people on people.id = memberships.person_id join accounts on accounts.id = memberships.account_id`
/** The live membership `$1` of the account `$2`. */
export const LIVE_MEMBERSHIP_WHERE = `memberships.id = $1 and memberships.account_id = $2 and memberships.ended_at is null`

/**
 * Locks the member, and their person too: a change that ends a membership's access ends the
 * person's sessions when no other membership is Active, and two such changes in two accounts would
 * each see the other's membership still Active and end none. Locking the person makes the second
 * wait, and its next statement sees the first. `no key update`, so that rows referring to the
 * person (sessions, memberships) are still inserted meanwhile. It reads nothing else: a statement
 * that waited for a lock sees every other row as before the wait (READ COMMITTED re-reads only
 * the rows it locks), so the member's groups are read by the next statement.
 */
const LOCK_MEMBER_AND_PERSON = `select memberships.id from memberships join people on people.id = memberships.person_id
  where ${LIVE_MEMBERSHIP_WHERE} for update of memberships for no key update of people`

/**
 * Locks the live membership `membershipId` of the account (see LOCK_MEMBER_AND_PERSON), then runs
 * `read` (a statement of LIVE_MEMBERSHIP_WHERE's parameters) sent in the same round trip: its rows,
 * or undefined when there is no such member.
 */
export async function lockMemberThenRead<T>(tx: Executor, read: string, accountId: string, membershipId: string): Promise<T | undefined> {
  const run = rawQuery(tx)
  const [[locked], [row]] = await Promise.all([
    run<{ id: string }>(LOCK_MEMBER_AND_PERSON, [membershipId, accountId]),
    run<T>(read, [membershipId, accountId]),
  ])
  return locked ? row : undefined
}

const READ_LIVE_MEMBERSHIP = `select ${LOCKED_MEMBERSHIP_COLUMNS} from ${LOCKED_MEMBERSHIP_FROM} where ${LIVE_MEMBERSHIP_WHERE}`

type MembershipState = (typeof memberships.$inferSelect)['state']

/** A row of LOCKED_MEMBERSHIP_COLUMNS as the driver returns it. */
export interface LockedMembershipRow {
  id: string
  accountId: string
  personId: string
  state: MembershipState
  stateBeforeBlock: MembershipState | null
  expiresAt: unknown
  userName: string | null
  externalId: string | null
  scim: unknown
  email: string
  firstName: string
  lastName: string
  countryCode: string | null
  phone: string | null
  joined: boolean
  hasInviteeDetails: boolean
  accountName: string
  administratorGroupId: string | null
}

/**
 * Locks a live membership of the account for the rest of the transaction, and reads it. Every
 * change to a member starts here, so it is a prepared statement rather than one drizzle builds.
 */
export async function lockLiveMembership(tx: Executor, accountId: string, membershipId: string) {
  if (!isUuid(membershipId)) throw notFound('User')
  const row = await lockMemberThenRead<LockedMembershipRow>(tx, READ_LIVE_MEMBERSHIP, accountId, membershipId)
  if (!row) throw notFound('User')
  return lockedMembership(row)
}

export function lockedMembership(row: LockedMembershipRow) {
  return {
    id: row.id,
    accountId: row.accountId,
    personId: row.personId,
    state: row.state,
    stateBeforeBlock: row.stateBeforeBlock,
    expiresAt: row.expiresAt === null ? null : toDate(row.expiresAt),
    userName: row.userName,
    externalId: row.externalId,
    scim: (typeof row.scim === 'string' ? JSON.parse(row.scim) : (row.scim ?? {})) as Record<string, unknown>,
    email: row.email,
    /** Name and phone as the account sees them (see member-details.ts). */
    firstName: row.firstName,
    lastName: row.lastName,
    countryCode: row.countryCode,
    phone: row.phone,
    /** Joined the account: its name and phone are the person's own, no longer the invitee's entry. */
    joined: row.joined,
    hasInviteeDetails: row.hasInviteeDetails,
    accountName: row.accountName,
    /** The Administrators group, if the member belongs to it (the member's lock keeps that so). */
    administratorGroupId: row.administratorGroupId,
  }
}

export type LockedMembership = ReturnType<typeof lockedMembership>

/** All ids must be groups of this account; names are returned for the history. */
export async function groupsOfAccount(tx: Executor, accountId: string, groupIds: string[]) {
  const ids = chosenGroupIds(groupIds)
  const found = ids.length ? await rawQuery(tx)<{ id: string; name: string }>(groupsOfAccountQuery('$1', '$2'), [arrayLiteral(ids), accountId]) : []
  if (found.length !== ids.length) throw notGroupsOfAccount()
  return found
}

/** The chosen ids without repeats; one that is no id at all cannot be a group of the account. */
export function chosenGroupIds(groupIds: string[]): string[] {
  if (!groupIds.every(isUuid)) throw notGroupsOfAccount()
  // PostgreSQL reads a uuid in either case: one group written twice is still one group.
  return [...new Set(groupIds.map((id) => id.toLowerCase()))]
}

/** The groups of the account `$account` among the ids `$ids` (a uuid[]), for a written-out statement. */
export const groupsOfAccountQuery = (ids: string, account: string) =>
  `select groups.id, groups.name from groups where groups.account_id = ${account} and groups.id = any(${ids}::uuid[])`

/** A chosen group was deleted after it was chosen (an identity provider's DELETE /Groups, another administrator). */
export const groupsGoneMeanwhile = () =>
  new DomainError('conflict', 'A group you chose was deleted meanwhile; choose the groups again.', { groupIds: 'A chosen group no longer exists.' })

export const notGroupsOfAccount = () =>
  new DomainError('validation_failed', 'One or more groups do not exist in this account.', { groupIds: 'Choose groups of this account.' })

/** The Administrators group, if the locked member is an active administrator. */
export const activeAdministratorGroup = (member: LockedMembership) => (member.state === 'active' ? member.administratorGroupId : null)

/**
 * The account must keep one active administrator (administrators.ts). The member's row is already
 * locked, which no group change can get past, so whether *this* member is an administrator (read
 * after the lock) cannot change under us. Only for an administrator is the Administrators group
 * locked, which serialises every change that could take the last one away.
 */
export async function assertAnotherAdministratorRemains(tx: Executor, member: LockedMembership) {
  const groupId = activeAdministratorGroup(member)
  if (!groupId) return
  await lockAdministrators(tx, groupId)
  await assertActiveAdministratorRemains(tx, groupId, member.id)
}

export async function defaultGroupId(tx: Executor, accountId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.accountId, accountId), eq(groups.isDefault, true)))
  return row?.id ?? null
}
