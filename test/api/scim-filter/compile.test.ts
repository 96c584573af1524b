import { and, eq, isNull } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memberships, people } from '../../../drizzle/schema.js'
import { ScimError } from '../../../api/scim/errors.js'
import { compileFilter, compileFilterShape, groupFilterAttributes, userFilterAttributes } from '../../../api/scim/filter/index.js'
import { openTestDatabase, type TestDatabase } from '../../support/database.js'
import { ENTERPRISE, GROUPS, insertFixtures, selectGroupIds, selectUserIds, USERS, type Fixtures, type GroupName, type UserName } from './fixtures.js'

let database: TestDatabase
let f: Fixtures

beforeAll(async () => {
  database = await openTestDatabase()
  f = await insertFixtures(database.db)
})
afterAll(() => database.close())

const nameOf = (id: string, names: readonly string[], ids: Record<string, string>) => names.find((n) => ids[n] === id) ?? id
async function users(filter: string) {
  const ids = await selectUserIds(database.db, f.accountId, compileFilter(filter, userFilterAttributes))
  return ids.map((id) => nameOf(id, USERS, f.user)).sort()
}
async function groupsMatching(filter: string) {
  const ids = await selectGroupIds(database.db, f.accountId, compileFilter(filter, groupFilterAttributes))
  return ids.map((id) => nameOf(id, GROUPS, f.group)).sort()
}

const ALL: UserName[] = [...USERS]
const except = (...names: UserName[]) => ALL.filter((n) => !names.includes(n))
// Filters with ids are written with placeholders, resolved once the fixtures exist.
const withIds = (filter: string) =>
  filter.replace(/<(\w+)>/g, (_, key: string) => ({ ...f.user, ...f.group })[key as UserName] ?? f.user[key.toLowerCase() as UserName].toUpperCase())

const userCases: [string, UserName[]][] = [
  // Entra / Okta shapes
  ['userName eq "alice@example.com"', ['alice']],
  [`userName eq "${crypto.randomUUID()}"`, []],
  ['userName eq "alice@example.com" and active eq true', ['alice']],
  ['userName eq "bob@example.com" and active eq true', []],
  ['externalId eq "ext-Alice"', ['alice']],
  // case-insensitive names, operators and values; caseExact externalId
  ['USERNAME EQ "ALICE@EXAMPLE.COM"', ['alice']],
  ['userName eq "bob@example.com"', ['bob']],
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob@example.com"', ['bob']],
  ['externalId eq "ext-alice"', ['erin']],
  ['externalId eq "ext-bob"', []],
  // LIKE wildcards and backslashes are literal
  ['userName co "%"', ['carol']],
  ['userName co "_"', ['carol']],
  ['userName sw "carol_1"', ['carol']],
  ['userName co "\\\\"', ['dave']],
  ['userName eq "dave\\\\back"', ['dave']],
  ['userName ew "@EXAMPLE.com"', ['alice', 'bob', 'erin']],
  ['userName Co "EXAMPLE"', ['alice', 'bob', 'erin']],
  // presence, null and ne on an absent attribute
  ['userName pr', except('frank')],
  ['not (userName pr)', ['frank']],
  ['userName eq null', ['frank']],
  ['userName ne null', except('frank')],
  ['userName ne "alice@example.com"', except('alice')],
  ['not (userName eq "alice@example.com")', except('alice')],
  ['title pr', ['alice']],
  ['title eq ""', ['carol']],
  // ordering (code-point order, case-insensitive)
  ['userName gt "d"', ['dave', 'erin']],
  ['userName le "bob@example.com"', ['alice', 'bob']],
  // ids: compared as text, a non-UUID matches nothing
  ['id eq "<alice>"', ['alice']],
  ['id eq "<ALICE>"', ['alice']],
  ['id eq "not-a-uuid"', []],
  ['id ne "not-a-uuid"', ALL],
  ['id ne "<alice>"', except('alice')],
  // booleans, including Entra's string spelling
  ['active eq false', ['bob']],
  ['active eq true', except('bob')],
  ['active ne true', ['bob']],
  ['active eq "False"', ['bob']],
  ['active EQ False', ['bob']],
  ['active eq TRUE and userName eq NULL', ['frank']],
  // name: scim value first, else the person's name
  ['name.givenName eq "alicia"', ['alice']],
  ['name.givenName eq "Alice"', []],
  ['name.familyName eq "baker"', ['bob']],
  ['name.givenName sw "D"', ['dave']],
  ['name[givenName eq "Erin" and familyName eq "Evans"]', ['erin']],
  // without a name object of the provider's, the person's name is the user's (as GET shows it)
  ['name.formatted pr', ALL],
  ['name.formatted eq "bob baker"', ['bob']],
  ['displayName eq "carol chen"', ['carol']],
  ['displayName eq "ERIN"', ['erin']],
  ['nickName pr', ['erin']],
  ['userType eq "contractor"', ['erin']],
  ['locale eq "en-us"', ['alice']],
  ['meta.resourceType eq "user"', ALL],
  // multi-valued: any element; emails and phones fall back to the person
  ['emails eq "bob@example.com"', ['bob']],
  ['emails.value eq "DAVE@example.com"', ['dave']],
  ['emails.type eq "home"', ['alice', 'carol']],
  ['emails.type ne "work"', ['alice', 'carol']],
  ['emails[type eq "work" and value co "@work.example"]', ['alice']],
  ['emails[type eq "work"].value eq "carol@work.example"', []],
  ['emails[type eq "home"].value eq "carol@work.example"', ['carol']],
  ['emails[type eq "work"].value ew "example.com"', ['bob', 'dave', 'erin', 'frank']],
  ['emails[type eq "work"].value eq "c@other.example" and userName pr', ['carol']],
  ['emails[primary eq true]', except('carol')],
  ['emails[not (primary eq true)]', ['alice', 'carol']],
  ['phoneNumbers pr', ['alice', 'carol', 'dave']],
  ['not (phoneNumbers pr)', ['bob', 'erin', 'frank']],
  ['phoneNumbers eq null', ['bob', 'erin', 'frank']],
  ['phoneNumbers[type eq "mobile"]', ['carol']],
  ['phoneNumbers[type eq "work"].value eq "+1 555 0004"', ['dave']],
  ['roles[primary eq true]', ['alice']],
  ['roles pr', ['alice']],
  ['addresses[locality eq "paris" and country eq "FR"]', ['erin']],
  ['addresses.primary eq true', ['erin']],
  ['photos pr', ['dave']],
  ['photos.value pr', []],
  ['entitlements eq "PRO"', ['erin']],
  ['x509Certificates pr', ['erin']],
  ['x509Certificates eq "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw"', ['erin']],
  ['x509Certificates eq "miidqzccaqygawibagiceaawdqyjkozihvcnaqefbqaw"', []],
  ['groups eq "<Engineering>"', ['alice', 'bob']],
  ['groups.value eq "<Sales>"', ['erin']],
  ['not (groups pr)', ['dave', 'frank']],
  // groups.display is the group's name, compared case-insensitively as group names are
  ['groups.display eq "engineering"', ['alice', 'bob']],
  ['groups.display eq " Sales "', ['erin']],
  ['groups.display eq "Empty"', []],
  ['groups.display ne "Engineering"', except('alice', 'bob')],
  ['not (groups.display eq "ENGINEERING")', except('alice', 'bob')],
  ['groups.display co "%"', ['carol']],
  ['groups.display sw "eng"', ['alice', 'bob']],
  ['groups.display ew "_GROUP"', ['carol']],
  ['groups.display pr', ['alice', 'bob', 'carol', 'erin']],
  ['groups.DISPLAY eq null', ['dave', 'frank']],
  ['groups[display eq "sales"]', ['erin']],
  ['groups[display eq "Sales" or value eq "<Engineering>"]', ['alice', 'bob', 'erin']],
  ['groups[DISPLAY sw "1"] or active eq false', ['bob', 'carol']],
  // enterprise extension
  [`${ENTERPRISE}:employeeNumber eq "1001"`, ['alice']],
  [`${ENTERPRISE.toUpperCase()}:EMPLOYEENUMBER EQ "1002"`, ['erin']],
  [`${ENTERPRISE}:department eq "sales"`, ['erin']],
  [`${ENTERPRISE}:costCenter pr`, ['alice']],
  [`${ENTERPRISE}:organization eq "Org" and ${ENTERPRISE}:division eq "div"`, ['erin']],
  [`${ENTERPRISE}:manager.value eq "<bob>"`, ['alice']],
  [`${ENTERPRISE}:manager eq "<alice>"`, ['bob']],
  [`${ENTERPRISE}:manager[value eq "<bob>"]`, ['alice']],
  // dateTimes as timestamptz
  ['meta.created gt "2024-03-01T00:00:00Z"', ['dave', 'erin', 'frank']],
  ['meta.created ge "2024-03-01T00:00:00Z"', ['carol', 'dave', 'erin', 'frank']],
  ['meta.created lt "2024-02-01T01:00:00+01:00"', ['alice']],
  ['meta.created eq "2024-04-01T12:30:00.5Z"', ['dave']],
  ['meta.lastModified le "2024-01-10T00:00:00"', ['alice']],
  // logic and precedence: and binds tighter than or
  ['active eq false or userName eq "alice@example.com" and title pr', ['alice', 'bob']],
  ['userName eq "alice@example.com" and title pr or active eq false', ['alice', 'bob']],
  ['(active eq false or userName eq "alice@example.com") and title pr', ['alice']],
  ['not (active eq true and userName pr)', ['bob', 'frank']],
  ['not (userName pr) or active eq false', ['bob', 'frank']],
  ['not (not (title pr))', ['alice']],
  ['((userName sw "a" or userName sw "b") and not (active eq false))', ['alice']],
]

describe('users filter', () => {
  it.each(userCases)('%s', async (filter, expected) => {
    expect(await users(withIds(filter))).toEqual([...expected].sort())
  })
})

const groupCases: [string, GroupName[]][] = [
  ['displayName eq "engineering"', ['Engineering']],
  ['urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Sales"', ['Sales']],
  ['displayName eq "Group"', []],
  ['displayName co "%"', ['100% Legit_group']],
  ['displayName sw "E"', ['Empty', 'Engineering']],
  ['externalId eq "g-ENG"', ['Engineering']],
  ['externalId eq "g-eng"', []],
  ['id eq "<Sales>"', ['Sales']],
  ['members eq "<alice>"', ['Engineering']],
  ['members.value eq "<erin>"', ['Sales']],
  ['members[value eq "<carol>"]', ['100% Legit_group']],
  ['members[value eq "<carol>" or value eq "<erin>"]', ['100% Legit_group', 'Sales']],
  ['members[value eq "<carol>" or (value eq "<erin>" or value eq "<alice>")]', ['100% Legit_group', 'Engineering', 'Sales']],
  ['members pr', ['100% Legit_group', 'Engineering', 'Sales']],
  ['not (members pr)', ['Empty']],
  ['members eq null', ['Empty']],
  ['members eq "not-a-uuid"', []],
  ['members ne "<erin>"', ['100% Legit_group', 'Empty', 'Engineering']],
  ['displayName eq "Engineering" and members eq "<bob>"', ['Engineering']],
  ['meta.created lt "2024-02-20T00:00:00Z"', ['Engineering', 'Sales']],
  ['meta.resourceType eq "Group"', [...GROUPS]],
]

describe('groups filter', () => {
  it.each(groupCases)('%s', async (filter, expected) => {
    expect(await groupsMatching(withIds(filter))).toEqual([...expected].sort())
  })
})

const invalid: [string, string?][] = [
  ['foo eq "x"', '"foo"'],
  ['emails[foo eq "x"]', 'emails.foo'],
  [`${ENTERPRISE}:foo eq "x"`, 'foo'],
  ['constructor pr', 'constructor'],
  ['__proto__ eq "x"', '__proto__'],
  ['members eq "x"', '"members"'],
  ['groups: members.display eq "x"', 'members.display'],
  ['groups: displayName gt 1'],
  ['groups: members gt true'],
  ['groups: members[value eq "a" and value eq "b"]', 'joined by "or"'],
  ['groups[value eq "a" and display eq "b"]', 'joined by "or"'],
  ['groups.type eq "direct"', 'groups.type'],
  ['groups.display gt true', 'string'],
  ['meta.version eq "W/\\"abc\\""', 'Filtering on meta.version is not supported'],
  ['groups: meta.version pr', 'If-None-Match'],
  ['meta.location sw "https://"', 'filter on id instead'],
  ['addresses eq "x"', 'addresses'],
  ['userName[value eq "x"]', 'userName'],
  ['userName eq'],
  ['userName eq "x" and'],
  ['(userName eq "x"'],
  ['userName eq "x")'],
  ['userName xx "x"'],
  ['userName eq "x" not userName eq "y"'],
  [''],
  ['   '],
  ['userName eq "unterminated'],
  ['userName eq "bad \\x escape"'],
  ['userName eq "nul \\u0000"'],
  ['userName eq x'],
  ['userName eq 5', 'string'],
  ['title eq 1e400', 'not Infinity'],
  ['userName co null'],
  ['userName gt true'],
  ['active gt true', 'boolean'],
  ['active co "t"'],
  ['active eq "yes"'],
  ['meta.created co "2024"', 'dateTime'],
  ['meta.created gt "yesterday"', 'dateTime'],
  ['meta.created eq "2024-02-30T00:00:00Z"'],
  ['meta.created gt 5'],
  ['emails[type eq "work"].value'],
  ['emails[type eq "work"].value eq'],
  ['emails[type eq "work"] .value eq "x"'],
  ['emails[type eq "work"].value zz "x"'],
  ['emails[type[value eq "x"] eq "y"]'],
  ['emails[value eq "a"] and emails[type[value eq "x"] eq "y"]'],
  [`userName eq "${'a'.repeat(2000)}"`, '2000'],
  [Array.from({ length: 51 }, (_, i) => `userName eq "u${i}"`).join(' or '), '50'],
  [`${'('.repeat(40)}userName pr${')'.repeat(40)}`, 'nested'],
  [`${'not ('.repeat(40)}userName pr${')'.repeat(40)}`, 'nested'],
  [`${'not '.repeat(450)}userName pr`, 'nested'],
]

describe('invalid filters', () => {
  it.each(invalid)('%s is invalidFilter', (filter, detail) => {
    let error: unknown
    try {
      const forGroups = filter.startsWith('groups: ')
      compileFilter(forGroups ? filter.slice(8) : filter, forGroups ? groupFilterAttributes : userFilterAttributes)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ScimError)
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' })
    if (detail) expect((error as ScimError).detail).toContain(detail)
  })

  it('accepts exactly 50 comparisons and 2000 characters', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `userName eq "u${i}"`).join(' or ')
    expect(await users(fifty)).toEqual([])
    const long = `userName eq "${'a'.repeat(2000 - 'userName eq ""'.length)}"`
    expect(long).toHaveLength(2000)
    expect(await users(long)).toEqual([])
  })
})

describe('filters that match one user at most', () => {
  it.each([
    ['userName eq "a@example.com"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:USERNAME EQ "a@example.com"', true],
    ['userName eq "a@example.com" and active eq true', true],
    [`active eq true and id eq "${crypto.randomUUID()}"`, true],
    ['userName eq "a@example.com" or userName eq "b@example.com"', false],
    ['not (userName eq "a@example.com")', false],
    ['userName ne "a@example.com"', false],
    ['userName sw "a"', false],
    ['userName eq null', false],
    ['externalId eq "a"', false],
    ['emails[value eq "a@example.com"]', false],
    ['emails.value eq "a@example.com"', false],
  ])('%s: %s', (filter, atMostOne) => {
    expect(compileFilterShape(filter, userFilterAttributes).atMostOne).toBe(atMostOne)
  })
})

describe('generated SQL', () => {
  const render = (filter: string, attributes = userFilterAttributes) => new PgDialect().sqlToQuery(compileFilter(filter, attributes))

  it('compiles userName eq to the shape of the lower(user_name) index', () => {
    const { sql } = database.db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.accountId, f.accountId), isNull(memberships.endedAt), compileFilter('userName eq "X"', userFilterAttributes)))
      .toSQL()
    expect(sql).toContain(' and lower("memberships"."user_name") = lower($2))')
    expect(render('displayName eq "X"', groupFilterAttributes).sql).toBe('lower("groups"."name") = lower($1)')
  })

  it('compiles groups.display to a join of group_members and groups, and groups.value to group_members alone', () => {
    expect(render('groups.display eq "X"').sql).toBe(
      'exists (select 1 from "group_members" gm join "groups" g on g.id = gm.group_id where gm.membership_id = "memberships"."id" and lower(g.name) = lower($1))',
    )
    expect(render('groups.value eq "X"').sql).not.toContain('join')
  })

  it('keeps every value in parameters, never in the SQL text', () => {
    const nasty = `x'); drop table people; --`
    const quoted = JSON.stringify(nasty)
    const filters = [
      `userName eq ${quoted}`,
      `externalId ne ${quoted}`,
      `name.givenName co ${quoted}`,
      `emails[type eq ${quoted}].value sw ${quoted}`,
      `${ENTERPRISE}:manager gt ${quoted}`,
      `not (title ew ${quoted}) or roles[display eq ${quoted}]`,
      `groups.display co ${quoted} or groups[display eq ${quoted}]`,
    ]
    for (const filter of filters) {
      const { sql, params } = render(filter)
      expect(sql).not.toContain('drop table')
      expect(params.length).toBeGreaterThan(0)
      expect(params.some((p) => String(p).includes('drop table'))).toBe(true)
    }
    const members = render(`members eq "${f.user.alice}" or displayName eq ${quoted}`, groupFilterAttributes)
    expect(members.params).toEqual([f.user.alice, nasty])
  })
})
