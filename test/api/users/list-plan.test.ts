// The Users list of a large account: a page's groups, invitation email and inviter are built for
// the page's rows alone, whatever the page's depth and order; the total reads no person unless a
// search does. Checked in PostgreSQL's own account of the work (EXPLAIN ANALYZE), on both databases.
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userListQueries, type UserListOptions, type UserSortField } from '../../../api/core/users.js'
import { openTestDatabase, type TestDatabase } from '../../support/database.js'

let database: TestDatabase
const accountId = crypto.randomUUID()
const MEMBERS = 1500

beforeAll(async () => {
  database = await openTestDatabase()
  const { db } = database
  await db.execute(sql`insert into accounts (id, name, created_at) values (${accountId}, 'Large', now())`)
  await db.execute(sql`insert into groups (id, account_id, name, is_default, created_at, updated_at) values (gen_random_uuid(), ${accountId}, 'Everyone', false, now(), now())`)
  await db.execute(sql`insert into people (id, email, email_normalized, first_name, last_name, created_at, updated_at)
    select gen_random_uuid(), 'large' || g || '@example.com', 'large' || g || '@example.com', 'Large', 'User ' || g, now(), now()
    from generate_series(1, ${MEMBERS}) g`)
  await db.execute(sql`insert into memberships (id, account_id, person_id, state, joined_at, created_at, updated_at)
    select gen_random_uuid(), ${accountId}, p.id, 'active', now() - (random() * interval '300 days'), now(), now()
    from people p where p.email like 'large%'`)
  await db.execute(sql`insert into group_members (group_id, membership_id, account_id, created_at)
    select g.id, m.id, ${accountId}, now() from memberships m, groups g where m.account_id = ${accountId} and g.account_id = ${accountId}`)
  await db.execute(sql`analyze`)
})
afterAll(() => database.close())

async function explain(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql: text, params } = query.toSQL()
  const result = await database.db.execute(sql.raw(`explain (analyze, format text) ${inline(text, params)}`))
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, string>[]
  return rows.map((row) => row['QUERY PLAN']).join('\n')
}

// EXPLAIN takes no parameters: the test's own values, written in as literals.
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1]
    if (typeof value === 'number') return String(value)
    if (value instanceof Date) return `'${value.toISOString()}'`
    return `'${String(value).replace(/'/g, "''")}'`
  })
}

const options = (field: UserSortField, offset: number, q?: string): UserListOptions => ({
  filter: q ? { q } : {},
  sort: { field, order: 'DESC' },
  offset,
  limit: 25,
  now: new Date(),
})

describe('the Users list of a large account', () => {
  for (const field of ['name', 'email', 'joinedAt', 'state'] as const) {
    it(`builds the rows of a deep page sorted by ${field} for that page alone`, async () => {
      const { page } = userListQueries(database.db, accountId, options(field, 1400))
      expect(await page).toHaveLength(25)
      const plan = await explain(page)
      const loops = [...plan.matchAll(/SubPlan[\s\S]*?loops=(\d+)/g)].map((match) => Number(match[1]))
      expect(loops.length, plan).toBeGreaterThan(0)
      for (const count of loops) expect(count, plan).toBeLessThanOrEqual(25)
    })
  }

  it('counts without reading people unless a search does', async () => {
    expect(await explain(userListQueries(database.db, accountId, options('name', 0)).count)).not.toMatch(/people/)
    const searched = userListQueries(database.db, accountId, options('name', 0, 'User 14'))
    expect((await searched.count)[0]!.total).toBe(111)
    expect(await explain(searched.count)).toMatch(/people/)
  })
})
