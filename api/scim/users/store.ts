import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { memberships, people } from '../../../drizzle/schema.js'
import { isUuid } from '../../core/users.js'
import type { Executor } from '../../core/types.js'

/** What a SCIM User is made of: a membership of the token's account and its person. */
export interface ScimUserRow {
  id: string
  userName: string | null
  externalId: string | null
  scim: Record<string, unknown>
  state: 'invited' | 'active' | 'blocked'
  createdAt: Date
  updatedAt: Date
  email: string
  firstName: string
  lastName: string
  phone: string | null
  groups: { value: string; display: string }[]
}

const columns = {
  id: memberships.id,
  userName: memberships.userName,
  externalId: memberships.externalId,
  scim: memberships.scim,
  state: memberships.state,
  createdAt: memberships.createdAt,
  updatedAt: memberships.updatedAt,
  email: people.email,
  firstName: people.firstName,
  lastName: people.lastName,
  phone: people.phone,
}

const groupsColumn = sql<ScimUserRow['groups']>`coalesce((select json_agg(json_build_object('value', g.id, 'display', g.name) order by g.name)
  from group_members gm join groups g on g.id = gm.group_id where gm.membership_id = "memberships"."id"), '[]'::json)`

function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

function fromRow(row: Omit<ScimUserRow, 'groups'> & { groups?: unknown }): ScimUserRow {
  return { ...row, scim: parseJson(row.scim) ?? {}, groups: row.groups === undefined ? [] : parseJson(row.groups) }
}

const liveIn = (accountId: string) => and(eq(memberships.accountId, accountId), isNull(memberships.endedAt))

export async function findScimUser(db: Executor, accountId: string, id: string, options: { lock?: boolean } = {}) {
  if (!isUuid(id)) return null
  const query = db
    .select({ ...columns, groups: groupsColumn })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(liveIn(accountId), eq(memberships.id, id)))
  const rows = options.lock ? await query.for('update', { of: memberships }) : await query
  return rows[0] ? fromRow(rows[0]) : null
}

export type UserSortKey = 'created' | 'userName' | 'lastModified' | 'externalId' | 'givenName' | 'familyName'

const sortColumns: Record<UserSortKey, SQL> = {
  created: sql`${memberships.createdAt}`,
  lastModified: sql`${memberships.updatedAt}`,
  userName: sql`lower(${memberships.userName})`,
  externalId: sql`${memberships.externalId}`,
  givenName: sql`lower(coalesce(${memberships.scim} #>> '{name,givenName}', ${people.firstName}))`,
  familyName: sql`lower(coalesce(${memberships.scim} #>> '{name,familyName}', ${people.lastName}))`,
}

/** A page in a stable order (the sort key, then the id), with the total for `totalResults`. */
export async function listScimUsers(
  db: Executor,
  accountId: string,
  options: { filter?: SQL; sort: UserSortKey; descending: boolean; offset: number; limit: number; withGroups: boolean },
) {
  const where = and(liveIn(accountId), options.filter)
  const order = options.descending ? desc : asc
  const ordering = [order(sortColumns[options.sort]), order(memberships.id)]
  // The page's ids first: the groups of each row are then built for those rows only, not for every
  // row an OFFSET skips.
  const pageIds = db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(where)
    .orderBy(...ordering)
    .offset(options.offset)
    .limit(options.limit)
  const [rows, [count]] = await Promise.all([
    options.limit === 0
      ? Promise.resolve([])
      : db
          .select(options.withGroups ? { ...columns, groups: groupsColumn } : columns)
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .where(inArray(memberships.id, pageIds))
          .orderBy(...ordering),
    db.select({ total: sql<number>`count(*)::int` }).from(memberships).innerJoin(people, eq(people.id, memberships.personId)).where(where),
  ])
  return { rows: rows.map((r) => fromRow(r as ScimUserRow)), total: Number(count?.total ?? 0) }
}
