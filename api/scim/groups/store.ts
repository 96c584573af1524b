import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { groupMembers, groups, memberships, people } from '../../../drizzle/schema.js'
import { isUuid } from '../../core/users.js'
import type { Executor } from '../../core/types.js'
import { memberDetails } from '../../core/member-details.js'

export interface ScimGroupRow {
  id: string
  name: string
  externalId: string | null
  /** The account's Administrators group. */
  isDefault: boolean
  createdAt: Date
  updatedAt: Date
}

/** A group as read to be shown: with what its members add to its version (representation.ts). */
export interface VersionedGroupRow extends ScimGroupRow {
  memberDigest: string
}

const columns = {
  id: groups.id,
  name: groups.name,
  externalId: groups.externalId,
  isDefault: groups.isDefault,
  createdAt: groups.createdAt,
  updatedAt: groups.updatedAt,
}

/**
 * Who is in the group, in a few characters: their count, and the XOR of their ids' hashes, which
 * no row order changes and any member in or out moves. Both come from the group_members primary
 * key (group_id, membership_id) alone, an index-only scan: no member row, no user, nothing to JS.
 */
const memberDigest = sql<string>`(select count(*) || ':' || coalesce(bit_xor(uuid_hash_extended(${groupMembers.membershipId}, 0)), 0)
  from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`

const versionedColumns = { ...columns, memberDigest }

/**
 * A group of the account. Locked `for no key update` by a request that changes it: that excludes
 * other writers of the group, while a user joining it elsewhere (a foreign key check, KEY SHARE)
 * goes on rather than wait for the whole request. A deletion locks `for update`, which makes such
 * a join wait, then fail plainly once the group is gone.
 */
export async function findScimGroup(
  db: Executor,
  accountId: string,
  id: string,
  options: { lock?: 'no key update' | 'update' } = {},
): Promise<ScimGroupRow | null> {
  if (!isUuid(id)) return null
  const query = db.select(columns).from(groups).where(and(eq(groups.accountId, accountId), eq(groups.id, id)))
  const [row] = options.lock ? await query.for(options.lock) : await query
  return row ?? null
}

/** A group of the account, to be shown. Unlocked: a write checks a version once it holds the group (write.ts). */
export async function readScimGroup(db: Executor, accountId: string, id: string): Promise<VersionedGroupRow | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select(versionedColumns).from(groups).where(and(eq(groups.accountId, accountId), eq(groups.id, id)))
  return row ?? null
}

export async function groupMembersOf(db: Executor, groupIds: string[]) {
  if (groupIds.length === 0) return new Map<string, { value: string; display: string }[]>()
  const rows = await db
    .select({
      groupId: groupMembers.groupId,
      value: groupMembers.membershipId,
      display: sql<string>`coalesce(${memberships.scim} ->> 'displayName', trim(${memberDetails.firstName} || ' ' || ${memberDetails.lastName}))`,
    })
    .from(groupMembers)
    .innerJoin(memberships, eq(memberships.id, groupMembers.membershipId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(inArray(groupMembers.groupId, groupIds))
    .orderBy(asc(groupMembers.createdAt), asc(groupMembers.membershipId))
  const byGroup = new Map<string, { value: string; display: string }[]>()
  for (const row of rows) {
    const list = byGroup.get(row.groupId) ?? []
    list.push({ value: row.value, display: row.display })
    byGroup.set(row.groupId, list)
  }
  return byGroup
}

export async function listScimGroups(
  db: Executor,
  accountId: string,
  options: { filter?: SQL; /** filter/sort.ts; by default the order of creation */ sort?: SQL; descending: boolean; offset: number; limit: number },
) {
  const where = and(eq(groups.accountId, accountId), options.filter)
  const order = options.descending ? desc : asc
  const [rows, [count]] = await Promise.all([
    options.limit === 0
      ? Promise.resolve([] as VersionedGroupRow[])
      : db.select(versionedColumns).from(groups).where(where).orderBy(order(options.sort ?? sql`${groups.createdAt}`), order(groups.id)).offset(options.offset).limit(options.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(groups).where(where),
  ])
  return { rows, total: Number(count?.total ?? 0) }
}
