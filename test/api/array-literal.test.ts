import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arrayLiteral, rawQuery } from '../../api/db/raw-query.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'

// Array parameters go to PostgreSQL as array literals, so that no driver needs the array's type
// (postgres.js on Workers has none): whatever the values, PostgreSQL must read back exactly them.
let database: TestDatabase
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

const roundTrip = async (type: string, values: (string | number | null)[]) =>
  (await rawQuery(database.db)<{ v: unknown }>(`select unnest($1::${type}[]) as v`, [arrayLiteral(values)])).map((row) => row.v)

describe('arrayLiteral', () => {
  it('carries any text, quotes, backslashes, braces, commas, spaces and the word NULL included', async () => {
    const values = ['plain', 'a "quoted" word', 'back\\slash\\', '{braces}', 'a, b', '  spaced  ', 'NULL', '', 'Zürich 🚀', "it's"]
    expect(await roundTrip('text', values)).toEqual(values)
  })

  it('carries nulls as nulls, and numbers and uuids as their types', async () => {
    expect(await roundTrip('text', ['x', null, 'y'])).toEqual(['x', null, 'y'])
    expect((await roundTrip('int', [200, 404, null])).map((v) => (v === null ? null : Number(v)))).toEqual([200, 404, null])
    const id = crypto.randomUUID()
    expect(await roundTrip('uuid', [id])).toEqual([id])
    expect(await roundTrip('text', [])).toEqual([])
  })
})
