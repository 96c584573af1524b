import { and, eq, inArray, isNull, sql, type Column } from 'drizzle-orm'
import { groupMembers, groups, memberships } from '../../drizzle/schema.js'
import { DomainError, FOREIGN_KEY_VIOLATION, notFound, pgConstraint, pgErrorCode } from './errors.js'
import { groupInUse, groupUsedByTokens, tokensProvisioningInto } from './groups.js'
import { arrayLiteral } from '../db/raw-query.js'
import { rowsOf } from './rows.js'
import { isUuid } from './users.js'
import { assertActiveAdministratorRemains, lockAdministrators } from './administrators.js'
import type { Actor, Executor } from './types.js'

interface Context {
  accountId: string
  groupId: string
  actor: Actor
  now: Date
}

async function groupName(tx: Executor, accountId: string, groupId: string) {
  if (!isUuid(groupId)) throw notFound('Group')
  const [group] = await tx.select({ name: groups.name, isDefault: groups.isDefault }).from(groups).where(and(eq(groups.id, groupId), eq(groups.accountId, accountId)))
  if (!group) throw notFound('Group')
  return group
}

/** `column = any(ids)`: one array parameter, where IN would take one per id (at most 65,535: a big group has more). */
const anyOf = (column: Column, ids: string[]) => sql`${column} = any(${arrayLiteral(ids)}::uuid[])`

/**
 * Live members of the account among `ids`, locked in id order (no deadlocks between requests). A
 * request that changes a group locks the members it names first, then the group: the order a
 * member's removal or a change of their groups takes them in.
 */
export async function lockMembers(tx: Executor, accountId: string, ids: string[]): Promise<string[]> {
  const valid = [...new Set(ids.filter(isUuid))]
  if (valid.length === 0) return []
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), isNull(memberships.endedAt), anyOf(memberships.id, valid)))
    .orderBy(memberships.id)
    .for('no key update')
  return rows.map((r) => r.id)
}

/**
 * A change of members is a change of the groups too: SCIM shows it in their meta.lastModified
 * (joins need no touch: an index shows a group's last one). Never waits for a group another request
 * holds: that request changes the group itself, and groups are locked in no one order (a SCIM write
 * holds its group, then touches the group its users fall back to), so waiting could deadlock.
 */
export async function touchGroups(tx: Executor, groupIds: string[], now: Date) {
  if (groupIds.length === 0) return
  const free = tx
    .select({ id: groups.id })
    .from(groups)
    .where(anyOf(groups.id, [...new Set(groupIds)]))
    .for('no key update', { skipLocked: true })
  await tx
    .update(groups)
    .set({ updatedAt: sql`greatest(${groups.updatedAt}, ${now.toISOString()}::timestamptz)` })
    .where(inArray(groups.id, free))
}

/** The ids of a group's members, unlocked. */
export async function memberIdsOfGroup(tx: Executor, groupId: string): Promise<string[]> {
  if (!isUuid(groupId)) return []
  return (await tx.select({ id: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, groupId))).map((row) => row.id)
}

async function recordGroupChange(tx: Executor, ctx: Context, membershipIds: string[], change: 'added' | 'removed', name: string) {
  if (membershipIds.length === 0) return
  // The token, as every event by one names it (events.ts): a take-over asks which token changed a member.
  const token = 'tokenId' in ctx.actor ? { tokenId: ctx.actor.tokenId } : {}
  const data = JSON.stringify(change === 'added' ? { added: [name], removed: [], ...token } : { added: [], removed: [name], ...token })
  await tx.execute(sql`insert into events (account_id, membership_id, type, actor_type, actor_person_id, actor_label, data, occurred_at)
    select ${ctx.accountId}, id, 'groups_changed', ${ctx.actor.type}, ${'personId' in ctx.actor ? ctx.actor.personId : null},
      ${ctx.actor.label}, ${data}::jsonb, ${ctx.now.toISOString()}::timestamptz
    from unnest(${arrayLiteral(membershipIds)}::uuid[]) as id`)
  await tx.update(memberships).set({ updatedAt: ctx.now }).where(anyOf(memberships.id, membershipIds))
  await touchGroups(tx, [ctx.groupId], ctx.now)
}

/** What a change of members did: ids added or removed, and ids that name no live member of the account. */
export interface MemberChange {
  /** The ids of the members it added, and of those it removed. */
  added: string[]
  removed: string[]
  unknown: string[]
  /** Members asked to leave who stay, because this is the group they would fall back to. */
  kept: number
  /** Members removed from their last group, who joined the group they fall back to. */
  fellBack: number
}

/**
 * Adds members with one INSERT. Ids that are not live members of the account are left out and
 * reported: an identity provider still holding a member removed here must not be stuck on them.
 */
export async function addGroupMembers(tx: Executor, ctx: Context, membershipIds: string[]): Promise<MemberChange> {
  const group = await groupName(tx, ctx.accountId, ctx.groupId)
  const found = await lockMembers(tx, ctx.accountId, membershipIds)
  const unknown = [...new Set(membershipIds)].filter((id) => !found.includes(id))
  if (found.length === 0) return { added: [], removed: [], unknown, kept: 0, fellBack: 0 }
  const inserted = await tx
    .insert(groupMembers)
    .values(found.map((membershipId) => ({ groupId: ctx.groupId, membershipId, accountId: ctx.accountId, createdAt: ctx.now })))
    .onConflictDoNothing()
    .returning({ membershipId: groupMembers.membershipId })
  await recordGroupChange(tx, ctx, inserted.map((r) => r.membershipId), 'added', group.name)
  return { added: inserted.map((r) => r.membershipId), removed: [], unknown, kept: 0, fellBack: 0 }
}

/**
 * Removes members (all of them when `membershipIds` is null). A member left with no group falls
 * back to `fallbackGroupId` (and so keeps that one when it is the group in question); the
 * Administrators group always keeps one active administrator.
 */
export async function removeGroupMembers(
  tx: Executor,
  ctx: Context,
  membershipIds: string[] | null,
  fallbackGroupId: string,
  /** False for a request of several steps, which calls fallBack once they have all run. */
  fallBackNow = true,
): Promise<MemberChange> {
  const group = await groupName(tx, ctx.accountId, ctx.groupId)
  if (group.isDefault) await lockAdministrators(tx, ctx.groupId)
  const targets =
    membershipIds ??
    (await tx.select({ id: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, ctx.groupId))).map((r) => r.id)
  const locked = await lockMembers(tx, ctx.accountId, targets)
  const none: MemberChange = { added: [], removed: [], unknown: [], kept: 0, fellBack: 0 }
  if (locked.length === 0) return none
  // Removed from the group they would fall back to, members keep it if it is their last one
  // (they fall back to where they are). The members are locked, so this cannot race.
  const keepLast =
    fallbackGroupId === ctx.groupId
      ? // Qualified by hand: drizzle leaves columns unqualified in a single-table statement.
        sql`exists (select 1 from group_members other
          where other.membership_id = "group_members"."membership_id" and other.group_id <> "group_members"."group_id")`
      : undefined
  const removed = await tx
    .delete(groupMembers)
    .where(and(eq(groupMembers.groupId, ctx.groupId), anyOf(groupMembers.membershipId, locked), keepLast))
    .returning({ membershipId: groupMembers.membershipId })
  const removedIds = removed.map((r) => r.membershipId)
  if (group.isDefault && removedIds.length) await assertActiveAdministratorRemains(tx, ctx.groupId, null)
  await recordGroupChange(tx, ctx, removedIds, 'removed', group.name)
  const fellBack = fallBackNow && fallbackGroupId !== ctx.groupId ? await fallBack(tx, ctx, removedIds, fallbackGroupId) : 0
  // Those asked to leave the group they would fall back to, who stayed: said, not silently kept.
  const kept = keepLast
    ? (await tx.select({ id: groupMembers.membershipId }).from(groupMembers).where(and(eq(groupMembers.groupId, ctx.groupId), anyOf(groupMembers.membershipId, locked)))).length
    : 0
  return { ...none, removed: removedIds, kept, fellBack }
}

const fallbackGroupGone = () =>
  new DomainError('conflict', 'The group that members left with no group join was deleted meanwhile; send the request again.')

/**
 * Members among `removedIds` left with no group join `fallbackGroupId`; says how many did. Run
 * once a request's steps have all run: a member removed and added back in one PATCH has a group.
 */
export async function fallBack(tx: Executor, ctx: Context, removedIds: string[], fallbackGroupId: string): Promise<number> {
  if (removedIds.length === 0) return 0
  const orphans = await tx
    .execute(sql`insert into group_members (group_id, membership_id, account_id, created_at)
    select ${fallbackGroupId}, id, ${ctx.accountId}, ${ctx.now.toISOString()}::timestamptz
    from unnest(${arrayLiteral([...new Set(removedIds)])}::uuid[]) as id
    where not exists (select 1 from group_members gm where gm.membership_id = id)
      and exists (select 1 from memberships m where m.id = id and m.ended_at is null)
    on conflict do nothing returning membership_id`)
    .catch((error: unknown) => {
      // The caller read the fallback group before an administrator gave the token another one and
      // deleted it: nothing changed, and the same request finds the new group.
      if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION && pgConstraint(error) === 'group_members_group_fk') throw fallbackGroupGone()
      throw error
    })
  const fallback = await groupName(tx, ctx.accountId, fallbackGroupId)
  const joined = rowsOf<{ membership_id: string }>(orphans).map((r) => r.membership_id)
  await recordGroupChange(tx, { ...ctx, groupId: fallbackGroupId }, joined, 'added', fallback.name)
  return joined.length
}

/** Sets the members to exactly `membershipIds` (those that are live members of the account). */
export async function replaceGroupMembers(
  tx: Executor,
  ctx: Context,
  membershipIds: string[],
  fallbackGroupId: string,
  fallBackNow = true,
): Promise<MemberChange> {
  const current = await tx.select({ id: groupMembers.membershipId }).from(groupMembers).where(eq(groupMembers.groupId, ctx.groupId))
  const wanted = new Set(membershipIds)
  const added = await addGroupMembers(tx, ctx, membershipIds)
  const removed = await removeGroupMembers(tx, ctx, current.map((r) => r.id).filter((id) => !wanted.has(id)), fallbackGroupId, fallBackNow)
  return { ...added, removed: removed.removed, kept: removed.kept, fellBack: removed.fellBack }
}

/** Deletes a group for an identity provider: its members fall back first. */
export async function deleteProvisionedGroup(tx: Executor, ctx: Context, fallbackGroupId: string) {
  const group = await groupName(tx, ctx.accountId, ctx.groupId)
  if (group.isDefault) throw new DomainError('invalid_state', `The default group "${group.name}" cannot be deleted.`)
  if (ctx.groupId === fallbackGroupId) throw new DomainError('invalid_state', `"${group.name}" is where this token provisions users; choose another group for the token first.`)
  // Named while the transaction can still read; the foreign key remains what refuses a token
  // that starts provisioning into the group meanwhile.
  const provisioning = await tokensProvisioningInto(tx, ctx.accountId, ctx.groupId)
  if (provisioning.length) throw groupUsedByTokens(group.name, provisioning)
  const change = await removeGroupMembers(tx, ctx, null, fallbackGroupId)
  try {
    await tx.delete(groups).where(and(eq(groups.id, ctx.groupId), eq(groups.accountId, ctx.accountId)))
  } catch (error) {
    throw await groupInUse(tx, ctx.accountId, group.name, ctx.groupId, error)
  }
  return change
}
