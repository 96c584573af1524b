import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { createToken, filterQuery, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

// Through real HTTP on a real database: generated filters and PATCH bodies never cause a 500, and
// a rejected PATCH changes nothing.
let t: TestApp
let scim: ScimClient
let userId: string
let groupId: string

function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0
    return seed / 2 ** 32
  }
}
const random = prng(20261129)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!

const attributes = ['userName', 'USERNAME', 'name.givenName', 'emails', 'emails.value', 'emails[type eq "work"].value', 'active', 'title', 'externalId',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
  'phoneNumbers[type eq "work"].value', 'members', 'meta.created', 'id', 'nope', 'name', 'addresses[type eq "work"].locality', '']
const values = [true, false, 'True', 'False', 'x', '', null, 42, [], {}, [{ value: 'a@b.c' }], { value: 'm' }, { givenName: 'G' }, '2026-01-01T00:00:00Z', "'; drop table people; --", '\u0000']
const ops = ['add', 'Add', 'replace', 'Replace', 'remove', 'Remove', 'REPLACE', 'delete', 7]

function randomFilter(depth = 0): string {
  if (depth < 2 && random() < 0.3) return `${randomFilter(depth + 1)} ${pick(['and', 'or', 'AND'])} ${randomFilter(depth + 1)}`
  if (depth < 2 && random() < 0.1) return `not (${randomFilter(depth + 1)})`
  const op = pick(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'EQ', 'xx'])
  const value = pick(['"a"', '"reto"', 'true', 'false', 'null', '"2026-01-01T00:00:00Z"', '"\\"', '5', '"%"', ''])
  const text = op.toLowerCase() === 'pr' ? `${pick(attributes)} pr` : `${pick(attributes)} ${op} ${value}`
  return random() < 0.05 ? text.slice(0, Math.floor(random() * text.length)) : text
}

function randomOperation() {
  const operation: Record<string, unknown> = { op: pick(ops) }
  if (random() < 0.8) operation.path = pick(attributes)
  if (random() < 0.85) operation.value = random() < 0.2 ? { [pick(attributes)]: pick(values) } : pick(values)
  return operation
}

beforeAll(async () => {
  t = await createTestApp()
  scim = scimClient(t, (await createToken(t, await t.asAdmin(), { sendInvitationEmail: false })).token)
  userId = (await scim.post('/Users', { schemas: [USER], userName: 'fuzz@example.com', title: 'Original' })).body.id
  groupId = (await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Fuzz' })).body.id
})
afterAll(() => t.close())

describe('fuzzing through HTTP', () => {
  // Hundreds of real requests: slower than the default timeout on a loaded 2-core machine.
  it('filters: 400 invalidFilter or 200, never a 500', { timeout: 180_000 }, async () => {
    for (let i = 0; i < 600; i++) {
      t.clock.advance(1000) // the test clock stands still; keep under the per-second rate limit
      const filter = randomFilter()
      const response = await scim.get(`/${pick(['Users', 'Groups'])}?${filterQuery(filter)}`)
      expect([200, 400], filter).toContain(response.status)
      if (response.status === 400) expect(response.body.scimType, filter).toBe('invalidFilter')
    }
  })

  it('PATCH bodies: a rejected one changes nothing, none is a 500', { timeout: 180_000 }, async () => {
    const outcomes = { applied: 0, rejected: 0 }
    for (let i = 0; i < 600; i++) {
      t.clock.advance(1000)
      const target = random() < 0.75 ? `/Users/${userId}` : `/Groups/${groupId}`
      const before = (await scim.get(target)).body
      const body = random() < 0.1 ? pick([{}, [], { Operations: [] }, { schemas: [PATCH_OP] }]) : { schemas: [PATCH_OP], Operations: Array.from({ length: 1 + Math.floor(random() * 3) }, randomOperation) }
      const response = await scim.patch(target, body)
      expect([200, 204, 400, 409], JSON.stringify(body)).toContain(response.status)
      outcomes[response.status < 400 ? 'applied' : 'rejected']++
      if (response.status >= 400) {
        expect(response.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error'])
        expect((await scim.get(target)).body, JSON.stringify(body)).toEqual(before)
      }
    }
    // Both paths were exercised, or the test proves little.
    expect(outcomes.applied).toBeGreaterThan(30)
    expect(outcomes.rejected).toBeGreaterThan(30)
  })
})
