import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScimError } from '../../../api/scim/errors.js'
import { compileFilter, groupFilterAttributes, userFilterAttributes } from '../../../api/scim/filter/index.js'
import { openTestDatabase, type TestDatabase } from '../../support/database.js'
import { ENTERPRISE, insertFixtures, selectGroupIds, selectUserIds, type Fixtures } from './fixtures.js'

const RUNS = 3000

/** mulberry32: a seeded PRNG, so that a failure is reproduced by its index. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Profile {
  attributes: readonly string[]
  /** Attributes that take a value path, with sub-attributes to filter on inside it. */
  complex: readonly (readonly [string, readonly string[]])[]
}
const PLURAL = ['value', 'type', 'primary', 'display', 'VALUE']
const USER_PROFILE: Profile = {
  attributes: [
    'userName', 'USERNAME', 'id', 'externalId', 'active', 'displayName', 'title', 'nickName', 'locale',
    'name.givenName', 'name.familyName', 'name.formatted', 'emails', 'emails.value', 'emails.type', 'emails.primary',
    'phoneNumbers', 'phoneNumbers.value', 'addresses.locality', 'addresses', 'roles', 'roles.primary', 'photos',
    'groups', 'groups.value', 'groups.display', 'meta.created', 'meta.lastModified', 'meta.resourceType',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName', `${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager`,
    `${ENTERPRISE}:manager.value`,
  ],
  complex: [
    ['emails', PLURAL], ['phoneNumbers', PLURAL], ['roles', PLURAL], ['photos', PLURAL], ['groups', ['value', 'display']],
    ['addresses', ['locality', 'country', 'type', 'primary']], ['name', ['givenName', 'familyName', 'formatted']],
    [`${ENTERPRISE}:manager`, ['value', 'displayName']],
  ],
}
const GROUP_PROFILE: Profile = {
  attributes: ['id', 'displayName', 'DISPLAYNAME', 'externalId', 'members', 'members.value', 'meta.created', 'meta.lastModified',
    'urn:ietf:params:scim:schemas:core:2.0:Group:displayName'],
  complex: [['members', ['value']]],
}
const UNKNOWN = [
  `${ENTERPRISE}:nope`, 'unknown', 'constructor', '__proto__', 'toString', 'emails.nope', 'members.display', 'name', 'meta', 'meta.version',
  'a%b', 'x/y', '1abc', 'not', 'and', 'pr', 'userName[value eq "x"]',
]
const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'EQ', 'Pr', 'eq', 'eq', 'pr']
const BAD_OPS = ['xx', 'not', 'and', 'equals']
const VALUES = [
  '"x"', '"a"', '"e"', '"work"', '"%"', '"_"', '"\\\\"', '"\\""', '"a\\u00e9"', '"\\n"', 'true', 'false', 'null', '"True"',
  '"false"', '""', '"  "', '"2024-01-01T00:00:00Z"', '"2024-02-29T23:59:59.123456789+05:30"', '"0001-01-01T00:00:00-15:59"',
  '"9999-12-31T23:59:59+14:00"', '"2024-03-01T00:00:00"', '"alice@example.com"', '"6F1C2D1E-9A0B-4C3D-8E7F-001122334455"',
  '"00000000-0000-0000-0000-000000000000"', '"\'; drop table people; --"', '"[x]"', '"(y)"',
]
const BAD_VALUES = ['42', '-1.5e3', 'bare', '"\\u0000"', '"\\ud800"', '"\\x"', '"2024-13-01T00:00:00Z"', '"2024-01-01"', '"unterminated']
const NOISE = ['"', '(', ')', '[', ']', '.', ' ', '\\', '%', '_', 'and', 'or', 'not', 'pr', 'eq', ']. ', 'é', '\u0000', '\n']

function generator(random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const rarely = <T>(usual: readonly T[], odd: readonly T[]): T => pick(random() < 0.05 ? odd : usual)
  const comparison = (attributes: readonly string[]) => {
    const attribute = rarely(attributes, UNKNOWN)
    const op = rarely(OPS, BAD_OPS)
    return op.toLowerCase() === 'pr' ? `${attribute} ${op}` : `${attribute} ${op} ${rarely(VALUES, BAD_VALUES)}`
  }
  const expression = (profile: Profile, depth: number, attributes = profile.attributes, inValuePath = false): string => {
    const r = random()
    if (depth > 3 || r < 0.35) return comparison(attributes)
    if (r < 0.45) return `not (${expression(profile, depth + 1, attributes, inValuePath)})`
    if (r < 0.55) return `(${expression(profile, depth + 1, attributes, inValuePath)})`
    if (r < 0.75 || (inValuePath && random() < 0.9)) {
      const operator = pick(['and', 'or', 'AND', 'Or'])
      return `${expression(profile, depth + 1, attributes, inValuePath)} ${operator} ${expression(profile, depth + 1, attributes, inValuePath)}`
    }
    const [complex, subs] = pick(profile.complex)
    const inner = random() < 0.6 ? comparison(subs) : expression(profile, depth + 1, subs, true)
    return random() < 0.6 ? `${complex}[${inner}]` : `${complex}[${inner}].${comparison(subs)}`
  }
  return (profile: Profile): string => {
    let filter = expression(profile, 0)
    const r = random()
    const at = () => Math.floor(random() * (filter.length + 1))
    if (r < 0.08) filter = filter.slice(0, at())
    else if (r < 0.16) filter = filter.slice(0, at()) + pick(NOISE) + filter.slice(at())
    else if (r < 0.22) {
      const i = at()
      filter = filter.slice(0, i) + filter.slice(i + 1 + Math.floor(random() * 3))
    } else if (r < 0.25) filter = Array.from({ length: Math.floor(random() * 30) }, () => pick(NOISE) + pick(UNKNOWN)).join('')
    else if (r < 0.26) filter = filter.repeat(60)
    return filter
  }
}

let database: TestDatabase
let f: Fixtures

beforeAll(async () => {
  database = await openTestDatabase()
  f = await insertFixtures(database.db)
})
afterAll(() => database.close())

describe('fuzzed filters', () => {
  it(`${RUNS} generated filters either run or are rejected as invalidFilter`, async () => {
    const next = generator(prng(7644))
    const failures: string[] = []
    const allUsers = await selectUserIds(database.db, f.accountId, compileFilter('id pr', userFilterAttributes))
    const allGroups = await selectGroupIds(database.db, f.accountId, compileFilter('id pr', groupFilterAttributes))
    let compiled = 0
    let rejected = 0
    for (let run = 0; run < RUNS; run++) {
      const forGroups = run % 3 === 0
      const filter = next(forGroups ? GROUP_PROFILE : USER_PROFILE)
      const attributes = forGroups ? groupFilterAttributes : userFilterAttributes
      const select = forGroups ? selectGroupIds : selectUserIds
      const all = forGroups ? allGroups : allUsers
      try {
        const matching = await select(database.db, f.accountId, compileFilter(filter, attributes))
        compiled++
        // Three-valued logic must not leak: a filter and its negation split the rows exactly.
        const negated = await select(database.db, f.accountId, compileFilter(`not (${filter})`, attributes)).catch(() => undefined)
        if (negated && ([...matching, ...negated].sort().join() !== [...all].sort().join())) {
          failures.push(`#${run} ${JSON.stringify(filter)}: filter and not(filter) do not partition the rows`)
        }
      } catch (error) {
        if (error instanceof ScimError && error.status === 400 && error.scimType === 'invalidFilter') rejected++
        else failures.push(`#${run} ${JSON.stringify(filter)}: ${String(error)}`)
      }
    }
    expect(failures.slice(0, 10)).toEqual([])
    expect(compiled + rejected).toBe(RUNS)
    console.info(`fuzz: ${compiled} compiled and ran, ${rejected} rejected as invalidFilter`)
    // The generator must exercise both outcomes, or the test proves little.
    expect(compiled).toBeGreaterThan(RUNS / 10)
    expect(rejected).toBeGreaterThan(RUNS / 10)
  }, 300_000)
})
