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
 * When the group last changed: its row (name, externalId, members leaving: core/group-members.ts),
 * or its last join, read from an index (group_id, created_at) alone.
 */
export const groupLastModified = sql<Date>`greatest("groups"."updated_at",
  (select max(joined.created_at) from group_members joined where joined.group_id = "groups"."id"))`.mapWith(groups.updatedAt)

/** The columns of a group as shown. */
const shownColumns = { ...columns, updatedAt: groupLastModified }

/**
 * Who is in the group, in a few characters: their count, and the XOR of their ids' hashes, which
 * no row order changes and any member in or out moves. Both come from the group_members primary
 * key (group_id, membership_id) alone, an index-only scan: no member row, no user, nothing to JS.
 * Written with its own alias and a qualified group id: drizzle leaves columns unqualified in a
 * one-table select, where `id` would resolve to whichever table has one.
 */
const digestOf = (groupId: string) =>
  sql<string>`(select count(*) || ':' || coalesce(bit_xor(uuid_hash_extended(gm.membership_id, 0)), 0)
    from group_members gm where gm.group_id = ${sql.raw(groupId)})`
/** What digestOf gives for a group without members. */
const NO_MEMBERS = '0:0'

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
  const [row] = await db
    .select({ ...shownColumns, memberDigest: digestOf('"groups"."id"') })
    .from(groups)
    .where(and(eq(groups.accountId, accountId), eq(groups.id, id)))
  return row ?? null
}

export type GroupMember = { value: string; display: string }

/**
 * The members of the groups, each group's with the digest of exactly these members, read in the
 * same statement: a version built from it says what the body shows, even while members change.
 */
async function groupMembersOf(db: Executor, groupIds: string[]) {
  const byGroup = new Map<string, { members: GroupMember[]; digest: string }>()
  if (groupIds.length === 0) return byGroup
  const inGroup = sql`over (partition by ${groupMembers.groupId})`
  const rows = await db
    .select({
      groupId: groupMembers.groupId,
      value: groupMembers.membershipId,
      display: sql<string>`coalesce(${memberships.scim} ->> 'displayName', trim(${memberDetails.firstName} || ' ' || ${memberDetails.lastName}))`,
      digest: sql<string>`count(*) ${inGroup} || ':' || bit_xor(uuid_hash_extended(${groupMembers.membershipId}, 0)) ${inGroup}`,
    })
    .from(groupMembers)
    .innerJoin(memberships, eq(memberships.id, groupMembers.membershipId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(inArray(groupMembers.groupId, groupIds))
    .orderBy(asc(groupMembers.createdAt), asc(groupMembers.membershipId))
  for (const row of rows) {
    const group = byGroup.get(row.groupId) ?? { members: [], digest: row.digest }
    group.members.push({ value: row.value, display: row.display })
    byGroup.set(row.groupId, group)
  }
  return byGroup
}

/** The rows with their members, each version from the members loaded with them. */
export async function withMembers(db: Executor, rows: ScimGroupRow[]) {
  const loaded = await groupMembersOf(db, rows.map((row) => row.id))
  return rows.map((row) => {
    const group = loaded.get(row.id)
    return { row: { ...row, memberDigest: group?.digest ?? NO_MEMBERS }, members: group?.members ?? [] }
  })
}

/** The rows with their digests alone, read for the rows given (a page), never for those skipped. */
async function withDigests(db: Executor, rows: ScimGroupRow[]): Promise<VersionedGroupRow[]> {
  if (rows.length === 0) return []
  const digests = await db
    .select({ groupId: groupMembers.groupId, digest: sql<string>`count(*) || ':' || bit_xor(uuid_hash_extended(${groupMembers.membershipId}, 0))` })
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, rows.map((row) => row.id)))
    .groupBy(groupMembers.groupId)
  const byGroup = new Map(digests.map((d) => [d.groupId, d.digest]))
  return rows.map((row) => ({ ...row, memberDigest: byGroup.get(row.id) ?? NO_MEMBERS }))
}

/**
 * A page of the account's groups and the total. Each has its members when asked, and its version's
 * digest either way, read for the page's rows only (in the page's statement it ran for every row
 * an OFFSET skipped).
 */
export async function listScimGroups(
  db: Executor,
  accountId: string,
  options: {
    filter?: SQL
    /** filter/sort.ts; by default the order of creation */
    sort?: SQL
    descending: boolean
    offset: number
    limit: number
    members: boolean
  },
): Promise<{ groups: { row: VersionedGroupRow; members?: GroupMember[] }[]; total: number }> {
  const where = and(eq(groups.accountId, accountId), options.filter)
  const order = options.descending ? desc : asc
  const [rows, [count]] = await Promise.all([
    options.limit === 0
      ? Promise.resolve([])
      : db.select(shownColumns).from(groups).where(where).orderBy(order(options.sort ?? sql`${groups.createdAt}`), order(groups.id)).offset(options.offset).limit(options.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(groups).where(where),
  ])
  const listed = options.members ? await withMembers(db, rows) : (await withDigests(db, rows)).map((row) => ({ row }))
  return { groups: listed, total: Number(count?.total ?? 0) }
}
