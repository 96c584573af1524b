import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emails, events, invitations, memberships, people } from '../../../drizzle/schema.js'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { newUser } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let path: string
let otherAccountGroup: string

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.asAdmin()
  path = `/api/accounts/${t.acme.accountId}/users`
  const other = await createAccount(t.db, t.clock, { name: 'Globex', admin: { email: 'admin@globex.test', firstName: 'Gus', lastName: 'Globex' } })
  otherAccountGroup = other.groupId
})
afterAll(() => t.close())

async function rowCounts() {
  const tables = { people, memberships, invitations, events, emails }
  const result: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await t.db.select({ n: count() }).from(table)
    result[name] = Number(row?.n)
  }
  return result
}

describe('bad input is a clear 4xx and writes nothing', () => {
  const cases: [string, (base: ReturnType<typeof newUser>) => { body?: string; json?: unknown; headers?: Record<string, string> }, number, string?][] = [
    ['missing first name', (b) => ({ json: { ...b, firstName: undefined } }), 400, 'firstName'],
    ['blank last name', (b) => ({ json: { ...b, lastName: '   ' } }), 400, 'lastName'],
    ['missing email', (b) => ({ json: { ...b, email: undefined } }), 400, 'email'],
    ['bad email', (b) => ({ json: { ...b, email: 'not-an-email' } }), 400, 'email'],
    ['no groups', (b) => ({ json: { ...b, groupIds: [] } }), 400, 'groupIds'],
    ['groups not an array', (b) => ({ json: { ...b, groupIds: 'x' } }), 400, 'groupIds'],
    ['unknown group', (b) => ({ json: { ...b, groupIds: [crypto.randomUUID()] } }), 400, 'groupIds'],
    ['group id that is not a uuid', (b) => ({ json: { ...b, groupIds: ['nope'] } }), 400, 'groupIds'],
    ['group of another account', (b) => ({ json: { ...b, groupIds: [otherAccountGroup] } }), 400, 'groupIds'],
    ['phone not valid for the country', (b) => ({ json: { ...b, countryCode: 'CH', phone: '12' } }), 400, 'phone'],
    ["another country's phone", (b) => ({ json: { ...b, countryCode: 'CH', phone: '+49 30 901820' } }), 400, 'phone'],
    ["another calling code's phone", (b) => ({ json: { ...b, countryCode: 'CA', phone: '+44 7797 123456' } }), 400, 'phone'],
    ['phone without a country', (b) => ({ json: { ...b, phone: '079 123 45 67' } }), 400, 'countryCode'],
    ['unknown country', (b) => ({ json: { ...b, countryCode: 'ZZ', phone: '079 123 45 67' } }), 400, 'countryCode'],
    ['malformed JSON', () => ({ body: '{"firstName": ', headers: { 'content-type': 'application/json' } }), 400],
    ['not JSON', (b) => ({ body: new URLSearchParams(b as never).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415],
    ['huge body', (b) => ({ json: { ...b, firstName: 'x'.repeat(100_000) } }), 413],
    ['array instead of object', () => ({ json: [1, 2] }), 400],
    ['a lone surrogate, which would be stored as U+FFFD', (b) => ({ json: { ...b, firstName: 'A\ud800' } }), 400, 'firstName'],
  ]

  it.each(cases)('%s', async (_name, make, status, field) => {
    const before = await rowCounts()
    const response = await admin.send('POST', path, make(newUser(t)))
    expect(response.status).toBe(status)
    expect(response.body).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) })
    if (field) expect(response.body.errors).toHaveProperty(field)
    expect(await rowCounts()).toEqual(before)
  })
})

describe('duplicates', () => {
  it('refuses an email that is already a member, case-insensitively, naming the email field', async () => {
    const user = newUser(t)
    expect((await admin.post(path, user)).status).toBe(201)
    const before = await rowCounts()
    const again = await admin.post(path, { ...user, email: ` ${user.email.toUpperCase()} ` })
    expect(again.status).toBe(409)
    const named = `Already the email of ${user.firstName} ${user.lastName} (invited) in this account.`
    expect(again.body).toMatchObject({ code: 'conflict', errors: { email: named } })
    expect(again.body.message).toBe(`${user.email.toUpperCase()}: ${named}`)
    expect(await rowCounts()).toEqual(before)
  })

  it('answers whether an email is taken before Add', async () => {
    const user = newUser(t)
    expect((await admin.get(`${path}/check-email?email=${encodeURIComponent(user.email)}`)).body).toEqual({ available: true })
    await admin.post(path, user)
    const taken = await admin.get(`${path}/check-email?email=${encodeURIComponent(user.email.toUpperCase())}`)
    expect(taken.body).toMatchObject({ available: false, message: `Already the email of ${user.firstName} ${user.lastName} (invited) in this account.` })
    t.clock.advance(8 * 24 * 3600 * 1000)
    const expired = await admin.get(`${path}/check-email?email=${encodeURIComponent(user.email)}`)
    expect(expired.body.message).toBe(`Already the email of ${user.firstName} ${user.lastName} (invitation expired) in this account.`)
    expect((await admin.get(`${path}/check-email?email=nope`)).status).toBe(400)
  })

  it('of two concurrent invites of one email, one is 201 and the other 409', async () => {
    const user = newUser(t)
    const results = await Promise.all([admin.post(path, user), admin.post(path, { ...user, email: user.email.toUpperCase() })])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    const list = await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ q: user.email }))}`)
    expect(list.body).toHaveLength(1)
  })

  it('reuses the person who is a member of another account', async () => {
    const response = await admin.post(path, newUser(t, { email: 'ADMIN@globex.test', firstName: 'Other', lastName: 'Name' }))
    expect(response.status).toBe(201)
    // Until they join, the account sees what it entered; their own name stays theirs (reinvite.test.ts).
    expect(response.body).toMatchObject({ firstName: 'Other', lastName: 'Name', email: 'admin@globex.test' })
  })
})
