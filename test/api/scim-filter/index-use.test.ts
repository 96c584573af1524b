import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groups, memberships, people } from '../../../drizzle/schema.js'
import { compileFilter, compileFilterShape, groupFilterAttributes, userFilterAttributes } from '../../../api/scim/filter/index.js'
import { listStatements } from '../../../api/scim/users/store.js'
import { rawQuery } from '../../../api/db/raw-query.js'
import { openTestDatabase, type TestDatabase } from '../../support/database.js'

let database: TestDatabase
const accountId = crypto.randomUUID()

beforeAll(async () => {
  database = await openTestDatabase()
  const { db } = database
  await db.execute(sql`insert into accounts (id, name, created_at) values (${accountId}, 'Bulk', now())`)
  await db.execute(sql`insert into people (id, email, email_normalized, first_name, last_name, created_at, updated_at)
    select gen_random_uuid(), 'bulk' || g || '@example.com', 'bulk' || g || '@example.com', 'Bulk', 'User ' || g, now(), now()
    from generate_series(1, 2000) g`)
  await db.execute(sql`insert into memberships (id, account_id, person_id, state, user_name, external_id, created_at, updated_at)
    select gen_random_uuid(), ${accountId}, p.id, 'active', p.email, 'ext-' || p.email, now(), now() from people p`)
  await db.execute(sql`insert into groups (id, account_id, name, created_at, updated_at)
    select gen_random_uuid(), ${accountId}, 'Group ' || g, now(), now() from generate_series(1, 2000) g`)
  await db.execute(sql`analyze`)
})
afterAll(() => database.close())

async function plan(query: { getSQL(): SQL }): Promise<string> {
  const result = await database.db.execute(sql`explain ${query.getSQL()}`)
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, string>[]
  return rows.map((row) => row['QUERY PLAN']).join('\n')
}

const usersWhere = (filter: string) =>
  database.db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.accountId, accountId), isNull(memberships.endedAt), compileFilter(filter, userFilterAttributes)))

describe('filters the identity providers send are served by indexes', () => {
  it('userName eq (Entra and Okta) uses memberships_user_name_per_account', async () => {
    const query = usersWhere('userName eq "BULK1234@example.com"')
    expect(await query).toHaveLength(1)
    expect(await plan(query)).toContain('memberships_user_name_per_account')
  })

  it('the statement GET /Users runs for a userName lookup uses it, for the page and for the count', async () => {
    const filter = compileFilter('userName eq "BULK1234@example.com"', userFilterAttributes)
    const { text, params } = listStatements(accountId, { filter, descending: false, offset: 0, limit: 100 }).combined
    const [found] = await rawQuery(database.db)<{ total: number; userName: string }>(text, params)
    expect(found).toMatchObject({ total: 1, userName: 'bulk1234@example.com' })
    const explained = await rawQuery(database.db)<Record<string, string>>(`explain ${text}`, params)
    const lines = explained.map((row) => row['QUERY PLAN']).join('\n')
    expect(lines.match(/memberships_user_name_per_account/g)?.length).toBeGreaterThanOrEqual(2)
    expect(lines).not.toMatch(/Seq Scan on memberships/)
  })

  it('the statement GET /Users runs for a lookup that matches one user at most uses it', async () => {
    const { where, atMostOne } = compileFilterShape('userName eq "BULK1234@example.com"', userFilterAttributes)
    expect(atMostOne).toBe(true)
    const { text, params } = listStatements(accountId, { filter: where, atMostOne, descending: false, offset: 0, limit: 100 }).unique
    const found = await rawQuery(database.db)<{ userName: string }>(text, params)
    expect(found).toEqual([expect.objectContaining({ userName: 'bulk1234@example.com' })])
    const explained = await rawQuery(database.db)<Record<string, string>>(`explain ${text}`, params)
    const lines = explained.map((row) => row['QUERY PLAN']).join('\n')
    expect(lines).toContain('memberships_user_name_per_account')
    expect(lines).not.toMatch(/Seq Scan on memberships/)
  })

  it("a deep page of the whole list skips its OFFSET in the index alone, and its count reads no person", async () => {
    await database.db.execute(sql`vacuum analyze memberships`)
    const statements = listStatements(accountId, { descending: false, offset: 1500, limit: 100 })
    const rows = await rawQuery(database.db)<{ id: string }>(statements.page.text, statements.page.params)
    expect(rows).toHaveLength(100)
    const explain = async ({ text, params }: { text: string; params: unknown[] }) =>
      (await rawQuery(database.db)<Record<string, string>>(`explain ${text}`, params)).map((row) => row['QUERY PLAN']).join('\n')
    const page = await explain(statements.page)
    expect(page).toMatch(/Index Only Scan using memberships_account_live_order_idx/)
    expect(page).not.toMatch(/Incremental Sort/)
    // Every membership of this database is the account's: counting them all is a plain scan.
    expect(await explain(statements.count)).not.toMatch(/people/)
  })

  it('userName eq ... and ... still uses it', async () => {
    const query = usersWhere('userName eq "bulk7@example.com" and active eq true')
    expect(await query).toHaveLength(1)
    expect(await plan(query)).toContain('memberships_user_name_per_account')
  })

  it('externalId eq uses memberships_external_id_idx', async () => {
    const query = usersWhere('externalId eq "ext-bulk42@example.com"')
    expect(await query).toHaveLength(1)
    expect(await plan(query)).toContain('memberships_external_id_idx')
  })

  it('displayName eq on groups (Entra) uses groups_name_per_account', async () => {
    const query = database.db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.accountId, accountId), compileFilter('displayName eq "group 99"', groupFilterAttributes)))
    expect(await query).toHaveLength(1)
    expect(await plan(query)).toContain('groups_name_per_account')
  })

  it('a page of the whole list is planned for its size, also in a prepared statement\'s generic plan', async () => {
    // A provider's full sweep runs this text over and over; after five runs PostgreSQL may keep a
    // generic plan, which knows nothing of the parameters' values.
    const { text, params } = listStatements(accountId, { descending: false, offset: 1500, limit: 100 }).page
    const lines = await database.db.transaction(async (tx) => {
      const run = rawQuery(tx)
      await run(`set local plan_cache_mode = force_generic_plan`, [])
      await run(`prepare roster_page(uuid, int) as ${text}`, [])
      const explained = await run<Record<string, string>>(`explain execute roster_page('${params[0]}', ${params[1]})`, [])
      await run(`deallocate roster_page`, [])
      return explained.map((row) => row['QUERY PLAN']).join('\n')
    })
    // The plan knows the page holds 100 rows; given a parameter it guessed a tenth of the table,
    // and at 6,300 members chose to join every one of them to find the hundred.
    expect(lines).toMatch(/Limit {2}\(cost=[\d.]+ rows=100 /)
    const rows = await rawQuery(database.db)<{ userName: string }>(text, params)
    expect(rows).toHaveLength(100)
  })
})
