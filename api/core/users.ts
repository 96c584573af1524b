import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { events, groupMembers, invitations, memberships, people } from '../../drizzle/schema.js'
import { notFound } from './errors.js'
import { stateFilterSql, stateSql, type UserState } from './state.js'
import type { Executor } from './types.js'
import { memberDetails } from './member-details.js'
import { fullName, normalizeEmail } from './people.js'

/** A membership as administrators see it: "a user of the account". */
export interface UserRecord {
  id: string
  personId: string
  firstName: string
  lastName: string
  email: string
  countryCode: string | null
  phone: string | null
  state: UserState
  groupIds: string[]
  invitedAt: Date | null
  expiresAt: Date | null
  joinedAt: Date | null
  lastSignInAt: Date | null
  /** Who sent the invitation: a person (with their id), or an API token by its label. */
  invitedBy: { id: string | null; name: string } | null
  /**
   * The fate of the latest email carrying the pending link: queued, sent, delivered, bounced,
   * complained or failed. Null when no link is pending, or when none of its emails was sent (a new
   * link made without one, as an identity provider's reactivation with emails off does).
   */
  invitationEmail: { status: string; at: string; error: string | null } | null
  /**
   * What an identity provider keeps on the member (SCIM): its userName and externalId, and the
   * attributes it set (title, its own emails and phone numbers, the enterprise extension, ...).
   * Null when there is none of it (a member added in the UI goes by their email as userName).
   */
  provider: { userName: string | null; externalId: string | null; attributes: Record<string, unknown> } | null
}

export interface UserFilter {
  ids?: string[]
  q?: string
  state?: UserState
  groupId?: string
}

export type UserSortField = 'name' | 'email' | 'joinedAt' | 'lastSignInAt' | 'invitedAt' | 'state'

const inviter = alias(people, 'inviter')

function selection(now: Date) {
  return {
    id: memberships.id,
    personId: memberships.personId,
    firstName: memberDetails.firstName,
    lastName: memberDetails.lastName,
    email: people.email,
    countryCode: memberDetails.countryCode,
    phone: memberDetails.phone,
    state: stateSql(now),
    groupIds: sql<string[]>`coalesce((select json_agg(gm.group_id order by gm.created_at, gm.group_id)
      from ${groupMembers} gm where gm.membership_id = "memberships"."id"), '[]'::json)`,
    invitedAt: memberships.invitedAt,
    expiresAt: memberships.expiresAt,
    joinedAt: memberships.joinedAt,
    lastSignInAt: memberships.lastSignInAt,
    invitationEmail: sql<UserRecord['invitationEmail']>`(select json_build_object('status', e.status,
      'at', coalesce(e.status_at, e.created_at), 'error', e.error) from emails e
      where e.membership_id = "memberships"."id" and e.kind = 'invitation'
        and e.invitation_id = (select i.id from ${invitations} i where i.membership_id = "memberships"."id" and i.status = 'pending')
      order by e.created_at desc, e.id desc limit 1)`,
    userName: memberships.userName,
    externalId: memberships.externalId,
    scim: memberships.scim,
    inviterId: inviter.id,
    inviterFirstName: inviter.firstName,
    inviterLastName: inviter.lastName,
    // No person invited them (an identity provider did): the history says which token.
    inviterLabel: sql<string | null>`(select ev.actor_label from ${events} ev
      where ev.account_id = "memberships"."account_id" and ev.membership_id = "memberships"."id" and ev.type in ('invited', 'new_invitation_sent') and ev.actor_type = 'api_token'
      order by ev.occurred_at desc, ev.id desc limit 1)`,
  }
}

type Row = Awaited<ReturnType<typeof baseQuery>>[number]

function toRecord(row: Row): UserRecord {
  const { inviterId, inviterFirstName, inviterLastName, inviterLabel, userName, externalId, scim, ...user } = row
  const attributes = (typeof scim === 'string' ? JSON.parse(scim) : scim ?? {}) as Record<string, unknown>
  return {
    ...user,
    // A member added in the UI goes by their email as userName: nothing a provider keeps.
    provider:
      (userName !== null && userName.toLowerCase() !== user.email.toLowerCase()) || externalId !== null || Object.keys(attributes).length
        ? { userName, externalId, attributes }
        : null,
    // json_agg comes back parsed from postgres.js and PGlite alike, but as text where types are not fetched.
    groupIds: typeof row.groupIds === 'string' ? JSON.parse(row.groupIds) : row.groupIds,
    invitationEmail: typeof row.invitationEmail === 'string' ? JSON.parse(row.invitationEmail) : row.invitationEmail,
    invitedBy: inviterId
      ? { id: inviterId, name: `${inviterFirstName} ${inviterLastName}`.trim() }
      : inviterLabel
        ? { id: null, name: inviterLabel }
        : null,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

function baseQuery(db: Executor, now: Date) {
  return db
    .select(selection(now))
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(inviter, eq(inviter.id, memberships.invitedByPersonId))
}

function whereFor(accountId: string, filter: UserFilter, now: Date): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(memberships.accountId, accountId), isNull(memberships.endedAt)]
  if (filter.ids) conditions.push(inArray(memberships.id, filter.ids.filter(isUuid).concat('00000000-0000-0000-0000-000000000000')))
  if (filter.q?.trim()) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(
      // The provider's userName too: the provisioning log names users by it (Entra's UPN is often not the email).
      sql`((${memberDetails.firstName} || ' ' || ${memberDetails.lastName}) ilike ${pattern} or ${people.email} ilike ${pattern} or ${memberships.userName} ilike ${pattern})`,
    )
  }
  if (filter.state) conditions.push(stateFilterSql(filter.state, now))
  if (filter.groupId !== undefined) {
    const groupId = isUuid(filter.groupId) ? filter.groupId : '00000000-0000-0000-0000-000000000000'
    conditions.push(
      sql`exists (select 1 from ${groupMembers} gm where gm.membership_id = "memberships"."id" and gm.group_id = ${groupId})`,
    )
  }
  return and(...conditions)
}

export async function findUser(db: Executor, accountId: string, membershipId: string, now: Date): Promise<UserRecord | null> {
  if (!isUuid(membershipId)) return null
  const rows = await baseQuery(db, now)
    .where(and(eq(memberships.id, membershipId), eq(memberships.accountId, accountId), isNull(memberships.endedAt)))
    .limit(1)
  return rows[0] ? toRecord(rows[0]) : null
}

export async function getUser(db: Executor, accountId: string, membershipId: string, now: Date): Promise<UserRecord> {
  const user = await findUser(db, accountId, membershipId, now)
  if (!user) throw notFound('User')
  return user
}

export interface UserListOptions {
  filter: UserFilter
  sort: { field: UserSortField; order: 'ASC' | 'DESC' }
  offset: number
  limit: number
  now: Date
}

/** The statements of a page of the Users list: the page and the total (apart, for the plan tests). */
export function userListQueries(db: Executor, accountId: string, options: UserListOptions) {
  const { filter, sort, offset, limit, now } = options
  const where = whereFor(accountId, filter, now)
  const direction = sort.order === 'DESC' ? desc : asc
  const sortColumns: Record<UserSortField, SQL[]> = {
    name: [sql`lower(${memberDetails.firstName})`, sql`lower(${memberDetails.lastName})`],
    email: [sql`${people.emailNormalized}`],
    // Those who have not joined come last, in the order of the invitation date the column shows them with.
    joinedAt: [sql`${memberships.joinedAt}`, sql`${memberships.invitedAt}`],
    lastSignInAt: [sql`${memberships.lastSignInAt}`],
    invitedAt: [sql`${memberships.invitedAt}`],
    state: [stateSql(now)],
  }
  // Only the nullable columns need `nulls last`; on the email it kept the index from serving DESC.
  const nullable = sort.field !== 'email' && sort.field !== 'state'
  const order = sortColumns[sort.field].map(
    (column) => sql`${column} ${sql.raw(sort.order === 'DESC' ? 'desc' : 'asc')}${sql.raw(nullable ? ' nulls last' : '')}`,
  )
  const ordered = [...order, direction(memberships.id)]
  // The page's ids first, reading people only when the search or the order needs them: the
  // groups, the invitation's email and the inviter are then built for the page's rows alone, not
  // for every row an OFFSET skips (7.7 s a page deep into 300k members).
  const searching = Boolean(filter.q?.trim())
  const byPerson = searching || sort.field === 'name' || sort.field === 'email'
  const idsFrom = () => db.select({ id: memberships.id }).from(memberships)
  const ids = (byPerson ? idsFrom().innerJoin(people, eq(people.id, memberships.personId)) : idsFrom())
    .where(where)
    .orderBy(...ordered)
    .offset(offset)
    .limit(limit)
  const countFrom = () => db.select({ total: sql<number>`count(*)::int` }).from(memberships)
  const counted = (searching ? countFrom().innerJoin(people, eq(people.id, memberships.personId)) : countFrom()).where(where)
  return { page: baseQuery(db, now).where(inArray(memberships.id, ids)).orderBy(...ordered), count: counted }
}

export async function listUsers(db: Executor, accountId: string, options: UserListOptions): Promise<{ rows: UserRecord[]; total: number }> {
  const { page, count } = userListQueries(db, accountId, options)
  const [rows, counted] = await Promise.all([options.limit === 0 ? Promise.resolve([]) : page, count])
  return { rows: rows.map(toRecord), total: Number(counted[0]?.total ?? 0) }
}

/** The live member of the account with this email, as the account sees them, if any (the wizard asks before Add). */
export async function memberByEmail(
  db: Executor,
  accountId: string,
  email: string,
  now: Date,
): Promise<{ id: string; firstName: string; lastName: string; state: UserState } | null> {
  const [row] = await db
    .select({ id: memberships.id, firstName: memberDetails.firstName, lastName: memberDetails.lastName, state: stateSql(now) })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.accountId, accountId), isNull(memberships.endedAt), eq(people.emailNormalized, normalizeEmail(email))))
    .limit(1)
  return row ?? null
}

const STATE_WORDS: Record<UserState, string> = {
  invited: 'invited',
  invitation_expired: 'invitation expired',
  active: 'active',
  blocked: 'blocked',
}

/** "Already the email of Reto Mayer (invitation expired) in this account.": who holds it, and how. */
export function emailTakenMessage(member: { firstName: string; lastName: string; state: UserState }): string {
  const name = fullName(member)
  return `Already the email of ${name} (${STATE_WORDS[member.state]}) in this account.`
}
