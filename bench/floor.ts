import type postgres from 'postgres'
import { ENTERPRISE_SCHEMA } from './http.js'
import { check } from './runner.js'

/**
 * The floor: the least SQL each SCIM operation needs, through postgres.js straight from the
 * benchmark process, on rows of the same shape as the API's. No HTTP, no JSON, no history.
 */
export function floorOperations(sql: postgres.Sql, accountId: string, provisionGroupId: string) {
  const columns = sql`m.id, m.user_name, m.external_id, m.scim, m.state, m.created_at, m.updated_at,
    p.email, p.first_name, p.last_name, p.phone`

  return {
    /** One transaction: the person, the membership (user_name, scim) and its group, pipelined. */
    async create(i: number, userName: string): Promise<string> {
      const personId = crypto.randomUUID()
      const membershipId = crypto.randomUUID()
      const now = new Date()
      const given = `Given${i}`
      const family = `Family${i}`
      const scim = {
        name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
        emails: [{ primary: true, type: 'work', value: userName }],
        displayName: `${given} ${family}`,
        [ENTERPRISE_SCHEMA]: { department: `Department ${i % 50}` },
      }
      await sql.begin((tx) => [
        tx`insert into people (id, email, email_normalized, first_name, last_name, created_at, updated_at)
          values (${personId}, ${userName}, ${userName.toLowerCase()}, ${given}, ${family}, ${now}, ${now})`,
        tx`insert into memberships (id, account_id, person_id, state, user_name, external_id, scim, invited_at, expires_at, created_at, updated_at)
          values (${membershipId}, ${accountId}, ${personId}, 'invited', ${userName}, ${crypto.randomUUID()}, ${tx.json(scim)},
            ${now}, ${new Date(now.getTime() + 7 * 86_400_000)}, ${now}, ${now})`,
        tx`insert into group_members (group_id, membership_id, account_id, created_at)
          values (${provisionGroupId}, ${membershipId}, ${accountId}, ${now})`,
      ])
      return membershipId
    },

    async lookup(userName: string, expected: 0 | 1) {
      const rows = await sql`select ${columns} from memberships m join people p on p.id = m.person_id
        where m.account_id = ${accountId} and lower(m.user_name) = lower(${userName}) and m.ended_at is null`
      check(rows.length === expected, () => `floor lookup ${userName}: expected ${expected} rows, got ${rows.length}`)
    },

    /** The page and its total, in parallel (as the API runs them). */
    async page(offset: number, expectedRows: number, expectedTotal: number) {
      const [rows, [count]] = await Promise.all([
        // The page's ids first, then their people: joining before the OFFSET made PostgreSQL
        // join every skipped row (19 s a page deep into 1M members).
        sql`select ${columns} from memberships m join people p on p.id = m.person_id
          where m.id in (select id from memberships where account_id = ${accountId} and ended_at is null
            order by created_at, id limit 100 offset ${offset})
          order by m.created_at, m.id`,
        sql`select count(*)::int as total from memberships m where m.account_id = ${accountId} and m.ended_at is null`,
      ])
      check(rows.length === expectedRows && count?.total === expectedTotal, () =>
        `floor page at ${offset}: expected ${expectedRows} rows of ${expectedTotal}, got ${rows.length} of ${count?.total}`)
    },

    async deactivate(membershipId: string) {
      const result = await sql`update memberships set state = 'blocked', updated_at = now()
        where id = ${membershipId} and account_id = ${accountId}`
      check(result.count === 1, () => `floor deactivation of ${membershipId} updated ${result.count} rows`)
    },

    async get(membershipId: string) {
      const rows = await sql`select ${columns} from memberships m join people p on p.id = m.person_id
        where m.id = ${membershipId} and m.account_id = ${accountId} and m.ended_at is null`
      check(rows.length === 1, () => `floor get ${membershipId}: expected 1 row, got ${rows.length}`)
    },
  }
}

export type FloorOperations = ReturnType<typeof floorOperations>
