import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { isUuid } from '../../core/users.js'
import type { Database, Tx } from '../../core/types.js'
import { rawQuery, toDate } from '../../db/raw-query.js'
import {
  LIVE_MEMBERSHIP_WHERE,
  LOCKED_MEMBERSHIP_COLUMNS,
  LOCKED_MEMBERSHIP_FROM,
  lockedMembership,
  lockMemberThenRead,
  type LockedMembership,
  type LockedMembershipRow,
} from '../../core/memberships/shared.js'
import { versionOf } from '../respond.js'
import { memberDetailsSql } from '../../core/member-details.js'

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
  /** meta.version: a hash of everything the SCIM view is made of. */
  version: string
}

// Every SCIM read runs one of these statements. They are written out rather than built with
// drizzle's query builder, whose CPU per request was several times what PostgreSQL spent on them.
const FROM = `from memberships inner join people on people.id = memberships.person_id`
// Counts and page ids read people only when the filter or the order does. PostgreSQL would drop a
// LEFT JOIN to people that nothing reads, but it still counts person_id as needed, which keeps a
// deep page from skipping its OFFSET in the index alone (1.3 ms instead of 0.3 ms at offset 3,000).
const FROM_FOR_IDS = `from memberships left join people on people.id = memberships.person_id`
const readsPeople = (text: string) => /\bpeople"?\./.test(text)
const DETAILS = memberDetailsSql()
const COLUMNS = `memberships.id, memberships.user_name as "userName", memberships.external_id as "externalId",
  memberships.scim::text as scim, memberships.state, memberships.created_at as "createdAt", memberships.updated_at as "updatedAt",
  people.email, ${DETAILS.firstName} as "firstName", ${DETAILS.lastName} as "lastName", ${DETAILS.phone} as phone`
// Unordered: an ORDER BY inside the aggregate sets up a sort for every row, a third of a page's
// time in PostgreSQL. fromRow sorts the one to three groups a user has.
const GROUPS = `coalesce((select json_agg(json_build_object('value', g.id, 'display', g.name))
  from group_members gm join groups g on g.id = gm.group_id where gm.membership_id = memberships.id), '[]'::json)::text as groups`

type RawUserRow = Omit<ScimUserRow, 'scim' | 'groups' | 'createdAt' | 'updatedAt' | 'version'> & {
  scim: unknown
  createdAt: unknown
  updatedAt: unknown
  groups?: unknown
}

const jsonText = (value: unknown, absent: string) => (value === undefined || value === null ? absent : typeof value === 'string' ? value : JSON.stringify(value))

type GroupRef = ScimUserRow['groups'][number]
const byDisplayThenId = (a: GroupRef, b: GroupRef) =>
  a.display < b.display ? -1 : a.display > b.display ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0

/** The user's groups in a stable order, and that order as text for the version. */
function sortedGroups(text: string): { groups: GroupRef[]; text: string } {
  const groups = JSON.parse(text) as GroupRef[]
  if (groups.length < 2) return { groups, text }
  groups.sort(byDisplayThenId)
  return { groups, text: JSON.stringify(groups) }
}

// The version hashes the row as it came (JSON columns as text): hashing the finished resource
// cost a JSON.stringify of every user, the larger part of a page's CPU.
function fromRow(row: RawUserRow): ScimUserRow {
  const createdAt = toDate(row.createdAt)
  const updatedAt = toDate(row.updatedAt)
  const scim = jsonText(row.scim, '{}')
  const groups = sortedGroups(jsonText(row.groups, '[]'))
  const values = [row.id, row.userName, row.externalId, row.state, createdAt.getTime(), updatedAt.getTime(), row.email, row.firstName, row.lastName, row.phone]
  return {
    id: row.id,
    userName: row.userName,
    externalId: row.externalId,
    scim: JSON.parse(scim),
    state: row.state,
    createdAt,
    updatedAt,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    groups: groups.groups,
    version: versionOf(JSON.stringify(values) + scim + groups.text),
  }
}

const FIND = `select ${COLUMNS}, ${GROUPS} ${FROM}
  where memberships.account_id = $1 and memberships.ended_at is null and memberships.id = $2`

/** A live member of the account, or null. */
export async function findScimUser(db: Database | Tx, accountId: string, id: string): Promise<ScimUserRow | null> {
  if (!isUuid(id)) return null
  const [row] = await rawQuery(db)<RawUserRow>(FIND, [accountId, id])
  return row ? fromRow(row) : null
}

// The SCIM view and the core's locked member in one statement (their shared columns agree).
const READ_LOCKED = `select ${LOCKED_MEMBERSHIP_COLUMNS}, memberships.created_at as "createdAt", memberships.updated_at as "updatedAt",
    ${GROUPS} from ${LOCKED_MEMBERSHIP_FROM} where ${LIVE_MEMBERSHIP_WHERE}`

/**
 * A live member of the account, locked for update inside the transaction that is about to change
 * it: as a SCIM user, and as the domain core's locked member. Null if there is none.
 */
export async function lockScimMember(tx: Tx, accountId: string, id: string): Promise<{ user: ScimUserRow; member: LockedMembership } | null> {
  if (!isUuid(id)) return null
  const row = await lockMemberThenRead<RawUserRow & LockedMembershipRow>(tx, READ_LOCKED, accountId, id)
  return row ? { user: fromRow(row), member: lockedMembership(row) } : null
}

const dialect = new PgDialect()

export interface ListOptions {
  filter?: SQL
  /** The filter matches at most one member (filter/compile.ts, compileFilterShape). */
  atMostOne?: boolean
  /** The order's expression (filter/sort.ts); without one, the order of creation. */
  sort?: SQL
  descending: boolean
  offset: number
  limit: number
  /** Every shape is prepared (connections per request: see Services.connections). */
  prepareEveryShape?: boolean
}

/** A sort expression as text: it is built from the attribute map alone, never from request values. */
function parameterless(expression: SQL): string {
  const { sql, params } = dialect.sqlToQuery(expression)
  if (params.length) throw new Error('A sort expression must not carry parameters.')
  return sql
}

function pageLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`A page's limit must be a whole number, not ${limit}.`)
  return limit
}

interface Statement {
  text: string
  params: unknown[]
}

/**
 * A page in a stable order (the sort key, then the id), and the total for `totalResults`. The
 * page's ids are chosen first, so groups are built for the page's rows only, not for every row an
 * OFFSET skips. `combined` is both in one statement (the count row comes back even when the page
 * is empty): one round trip, for filtered lists such as lookups. For the whole list, `count` and
 * `page` apart run at once on two connections, so two cores share the sweep.
 */
export function listStatements(
  accountId: string,
  options: ListOptions,
): { combined: Statement; count: Statement; page: Statement; unique: Statement } {
  // The filter's parameters are $1..$n; the statement's own come after them.
  const filter = options.filter ? dialect.sqlToQuery(options.filter) : { sql: 'true', params: [] }
  const n = filter.params.length
  const where = `memberships.account_id = $${n + 1} and memberships.ended_at is null and (${filter.sql})`
  const direction = options.descending ? 'desc' : 'asc'
  const order = `${options.sort ? parameterless(options.sort) : 'memberships.created_at'} ${direction}, memberships.id ${direction}`
  const idsFrom = readsPeople(where) || readsPeople(order) ? FROM_FOR_IDS : 'from memberships'
  const count = `select count(*)::int as total ${idsFrom} where ${where}`
  // The limit is written into the text: as a parameter, a prepared statement's generic plan
  // cannot know the page is small, and joined every member (hash join over a sequential scan)
  // to find the page's hundred. It is an integer from list-params.ts, never text from a request.
  const limit = pageLimit(options.limit)
  const page = `select ${COLUMNS}, ${GROUPS}, row_number() over (order by ${order}) as position ${FROM}
      where memberships.id in (select memberships.id ${idsFrom} where ${where} order by ${order} offset $${n + 2} limit ${limit})`
  const params = [...filter.params, accountId, options.offset]
  return {
    combined: { text: `select counted.total, page.* from (${count}) counted left join lateral (${page}) page on true order by page.position`, params },
    count: { text: count, params: params.slice(0, n + 1) },
    page: { text: `${page} order by position`, params },
    // For a filter that matches at most one member: what it finds is the whole list.
    unique: { text: `select ${COLUMNS}, ${GROUPS} ${FROM} where ${where}`, params: params.slice(0, n + 1) },
  }
}

type ListedRow = RawUserRow & { total?: number; position: unknown }

// A list's text depends on its filter's shape, its order and its page size, which the caller
// chooses: on pooled connections (Node) only the first shapes a process sees are prepared
// (providers send the same few over and over), so a caller sending endless new shapes cannot fill
// every connection with prepared statements. Connections per request (Workers) prepare them all.
const MAX_PREPARED_LIST_SHAPES = 64
const preparedListShapes = new Set<string>()
function preparedShape(text: string): boolean {
  if (preparedListShapes.has(text)) return true
  if (preparedListShapes.size >= MAX_PREPARED_LIST_SHAPES) return false
  preparedListShapes.add(text)
  return true
}

export async function listScimUsers(db: Database, accountId: string, options: ListOptions) {
  const statements = listStatements(accountId, options)
  const run = rawQuery(db)
  const worthPreparing = (text: string) => options.prepareEveryShape === true || preparedShape(text)
  if (options.filter && options.atMostOne) {
    // Entra's and Okta's lookup of every user by userName: one index probe, no count, no order.
    const { text, params } = statements.unique
    const rows = (await run<RawUserRow>(text, params, { prepare: worthPreparing(text) })).map(fromRow)
    return { rows: rows.slice(options.offset, options.offset + options.limit), total: rows.length }
  }
  if (options.filter) {
    const { text, params } = statements.combined
    const rows = await run<ListedRow>(text, params, { prepare: worthPreparing(text) })
    return { rows: rows.filter((row) => row.id !== null).map(fromRow), total: Number(rows[0]?.total ?? 0) }
  }
  const [[counted], rows] = await Promise.all([
    run<{ total: number }>(statements.count.text, statements.count.params),
    options.limit === 0 ? Promise.resolve([]) : run<ListedRow>(statements.page.text, statements.page.params, { prepare: worthPreparing(statements.page.text) }),
  ])
  return { rows: rows.map(fromRow), total: Number(counted?.total ?? 0) }
}
