import { describe, expect, it } from 'vitest'
import { ScimError } from '../../../api/scim/errors.js'
import { applyUserPatch, normalizePatch, planGroupPatch, type PatchOperation } from '../../../api/scim/patch/index.js'
import type { ScimUserBody } from '../../../api/scim/schema/index.js'
import { ENTERPRISE, GROUP_ID, PATCH_OP, USER_ID, bjensen } from './support.js'

const EXPECTED_TYPES = new Set(['noTarget', 'invalidPath', 'invalidValue', 'mutability', 'invalidSyntax'])

/** mulberry32: a small seeded PRNG, so that every run generates the same bodies. */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  const chance = (p: number) => next() < p
  return { int, pick, chance }
}
type Random = ReturnType<typeof random>

const USER_PATHS = [
  'active', 'userName', 'displayName', 'title', 'externalId', 'password', 'name', 'name.givenName', 'name.familyName',
  'emails', 'emails.value', 'emails[type eq "work"].value', 'emails[type eq "home"]', 'emails[primary eq true].value',
  'emails[type eq "work" and primary eq "True"]', 'emails[not (type eq "work")].display', 'emails[value co "@"].type',
  'phoneNumbers[type eq "work"].value', 'phoneNumbers[type eq "mobile" or type eq "fax"].value', 'addresses[type eq "work"].locality',
  'ims[value pr]', 'roles[primary eq true].value', 'x509Certificates', 'photos[type eq "photo"].value',
  ENTERPRISE, `${ENTERPRISE}:manager`, `${ENTERPRISE}:manager.value`, `${ENTERPRISE}:manager.displayName`,
  `${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:department`, 'urn:ietf:params:scim:schemas:core:2.0:User:nickName',
  'id', 'meta', 'meta.created', 'schemas', 'groups', 'groups[value eq "g"]', 'shoeSize', 'name.shoeSize', 'urn:example:x:foo',
]
const GROUP_PATHS = [
  'displayName', 'displayName', 'externalId', 'members', 'members', 'members', 'members[value eq "u1"]', 'members[value eq "u1" or value eq "u2"]',
  'members[type eq "User"]', 'members[value eq "u1"].value', 'members.display', 'id', 'meta', 'owner',
]
const GARBAGE_PATHS = [
  '', ' ', 'emails[', 'emails[]', 'emails[type eq]', 'emails[type eq "work"', 'name..givenName', '.x', 'a b', '[x]',
  'emails[type eq "a"][b]', 'emails[type eq "work"].', 'urn:ietf:params:scim:schemas:core:2.0:User', '"', ']', 'emails[type eq "\\',
]
const KEYS = [
  'value', 'Value', 'type', 'primary', 'display', '$ref', 'givenName', 'active', 'name.givenName', 'displayName', 'members',
  'id', 'emails', 'manager', 'employeeNumber', `${ENTERPRISE}:manager`, ENTERPRISE, '__proto__', 'constructor', 'x', 'schemas',
]
const STRINGS = ['', 'x', 'work', 'home', 'True', 'False', 'maybe', 'u1', 'u2', GROUP_ID, USER_ID, 'a@example.com', ' ']

function randomCase(r: Random, text: string): string {
  if (!r.chance(0.3)) return text
  return [...text].map((c) => (r.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('')
}

function randomValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 7 : 10)) {
    case 0: return r.pick(STRINGS)
    case 1: return r.chance(0.5)
    case 2: return r.pick([0, 1, -1, 3.5, 1e300])
    case 3: return null
    case 4: return undefined
    case 5: return r.pick(STRINGS)
    case 6: return { value: r.pick(STRINGS) }
    case 7: return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1))
    case 8: return Array.from({ length: r.int(3) }, () => ({ value: r.pick(STRINGS), type: r.pick(STRINGS), primary: randomValue(r, 3) }))
    default: {
      const object: Record<string, unknown> = {}
      for (let i = r.int(4); i > 0; i--) object[randomCase(r, r.pick(KEYS))] = randomValue(r, depth + 1)
      return object
    }
  }
}

/** A value of the right shape for the path, most of the time, so that the fuzz reaches the apply logic. */
function plausibleValue(r: Random, path: string): unknown {
  const p = path.toLowerCase()
  if (p.endsWith('active') || p.endsWith('primary')) return r.pick([true, false, 'True', 'False', 'false'])
  if (p.includes('manager')) return r.pick(['m1', { value: 'm2' }, '', { value: '' }, { value: 'm3', displayName: 'Boss' }])
  if (p.endsWith(ENTERPRISE.toLowerCase())) return { employeeNumber: '9', manager: 'm1' }
  if (p === 'name') return { givenName: 'A', familyName: r.pick(['B', null]) }
  if (p === 'members') return [{ value: r.pick(['u1', 'u2', USER_ID]), $ref: null }]
  if (/^(emails|phonenumbers|ims|roles|x509certificates|addresses)$/.test(p)) {
    return [{ value: r.pick(STRINGS), type: r.pick(['work', 'home']), primary: r.pick([true, 'False', undefined]) }]
  }
  if (p.endsWith(']')) return { value: r.pick(STRINGS), display: 'd' }
  return r.pick(['x', 'Work', 'a@example.com', USER_ID, GROUP_ID])
}

/** A well-formed operation on a listed path with a plausible value: it may still be refused (readOnly, noTarget). */
function plausibleOperation(r: Random, paths: readonly string[]): unknown {
  const path = r.pick(paths)
  const op = r.pick(['add', 'Add', 'replace', 'Replace', 'remove', 'Remove'])
  if (op.toLowerCase() !== 'remove' && r.chance(0.25)) return { op, value: { [randomCase(r, path)]: plausibleValue(r, path) } }
  return { op, path: randomCase(r, path), value: plausibleValue(r, path) }
}

function randomOperation(r: Random, paths: readonly string[]): unknown {
  if (r.chance(0.02)) return randomValue(r, 2)
  const op: Record<string, unknown> = {}
  const name = r.chance(0.95) ? r.pick(['add', 'Add', 'replace', 'Replace', 'REPLACE', 'remove', 'Remove']) : r.pick(['copy', 7, null, undefined])
  op[r.chance(0.9) ? 'op' : 'OP'] = name
  const pathKind = r.int(100)
  const path = r.pick(paths)
  if (pathKind < 75) op.path = randomCase(r, path)
  else if (pathKind < 81) op.path = r.pick(GARBAGE_PATHS)
  else if (pathKind < 83) op.path = r.pick([5, null, ['title'], {}])
  if (pathKind >= 83) op.value = r.chance(0.5) ? { [randomCase(r, path)]: plausibleValue(r, path) } : randomValue(r)
  else if (r.chance(0.6)) op.value = plausibleValue(r, path)
  else if (r.chance(0.8)) op.value = randomValue(r)
  return op
}

function randomBody(r: Random, paths: readonly string[]): unknown {
  const kind = r.int(40)
  if (kind === 0) return randomValue(r)
  if (kind === 1) return { Operations: [randomOperation(r, paths)] }
  if (kind === 2) return { schemas: [PATCH_OP], Operations: r.pick([[], {}, 'x', null]) }
  const schemas = kind === 3 ? ['urn:x'] : [randomCase(r, PATCH_OP)]
  const operation = r.chance(0.5) ? plausibleOperation : randomOperation
  return { schemas, Operations: Array.from({ length: 1 + r.int(r.chance(0.5) ? 2 : 6) }, () => operation(r, paths)) }
}

function expectScimRejection(error: unknown, context: unknown) {
  if (!(error instanceof ScimError) || error.status !== 400 || !EXPECTED_TYPES.has(error.scimType!)) {
    throw new Error(`Unexpected ${String(error)} for ${JSON.stringify(context)}`, { cause: error })
  }
  return error.scimType!
}

function expectSaneUser(user: ScimUserBody, context: unknown) {
  const fail = (why: string) => {
    throw new Error(`${why} in ${JSON.stringify(user)} for ${JSON.stringify(context)}`)
  }
  const body = user as Record<string, unknown>
  if ('password' in body) fail('password stored')
  if ('active' in body && typeof body.active !== 'boolean') fail('active not a boolean')
  if (typeof body.userName !== 'string' || body.userName === '') fail('userName lost')
  for (const [key, value] of Object.entries(body)) {
    if (!Array.isArray(value) || key === 'schemas') continue
    // An empty list of emails or phone numbers is the provider's "none" (it hides the person's own).
    if (value.length === 0 && key !== 'emails' && key !== 'phoneNumbers') fail(`empty ${key}`)
    if (value.some((e) => typeof e !== 'object' || e === null || Object.keys(e).length === 0)) fail(`bad entry in ${key}`)
    if (value.filter((e) => e.primary === true).length > 1) fail(`two primaries in ${key}`)
  }
  const manager = user[ENTERPRISE]?.manager
  if (manager !== undefined && !(Object.keys(manager).length === 1 && typeof manager.value === 'string' && manager.value)) {
    fail('manager not { value }')
  }
}

const USERS: ScimUserBody[] = [
  bjensen(),
  { userName: 'minimal' },
  { userName: 'u', active: false, emails: [{ value: 'a@example.com', type: 'work' }], [ENTERPRISE]: { manager: { value: 'm' } } },
]

describe('PATCH fuzz (seeded)', () => {
  it('every generated User PATCH applies, or is refused with a 400 ScimError, leaving its input untouched', () => {
    const r = random(20240611)
    const outcomes = { applied: 0, refused: 0 }
    const seen = new Set<string>()
    for (let i = 0; i < 3000; i++) {
      const body = randomBody(r, USER_PATHS)
      const bodyBefore = structuredClone(body)
      const user = r.pick(USERS)
      const userBefore = structuredClone(user)
      try {
        const result = applyUserPatch(user, normalizePatch(body, 'User'), USER_ID)
        expectSaneUser(result, body)
        outcomes.applied++
      } catch (error) {
        seen.add(expectScimRejection(error, body))
        outcomes.refused++
      }
      expect(user, `user changed by ${JSON.stringify(body)}`).toEqual(userBefore)
      expect(body).toEqual(bodyBefore)
    }
    expect(outcomes.applied).toBeGreaterThan(600)
    expect(outcomes.refused).toBeGreaterThan(600)
    expect(seen).toEqual(EXPECTED_TYPES)
  })

  it('every generated Group PATCH plans, or is refused with a 400 ScimError', () => {
    const r = random(7)
    const outcomes = { planned: 0, refused: 0 }
    for (let i = 0; i < 2000; i++) {
      const body = randomBody(r, GROUP_PATHS)
      const bodyBefore = structuredClone(body)
      try {
        const steps = planGroupPatch(normalizePatch(body, 'Group'), GROUP_ID)
        for (const step of steps) {
          if ('ids' in step && (step.ids.length === 0 || step.ids.some((id) => typeof id !== 'string' || !id.trim()))) {
            throw new Error(`Bad step ${JSON.stringify(step)} for ${JSON.stringify(body)}`)
          }
        }
        outcomes.planned++
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('Bad step')) throw error
        expectScimRejection(error, body)
        outcomes.refused++
      }
      expect(body).toEqual(bodyBefore)
    }
    expect(outcomes.planned).toBeGreaterThan(300)
    expect(outcomes.refused).toBeGreaterThan(300)
  })

  it('operations tampered with after normalizing are re-checked, never trusted', () => {
    const r = random(99)
    for (let i = 0; i < 1500; i++) {
      const body = { schemas: [PATCH_OP], Operations: [randomOperation(r, USER_PATHS)] }
      let ops: PatchOperation[]
      try {
        ops = normalizePatch(body, 'User')
      } catch {
        continue
      }
      const tampered = ops.map((op) => (r.chance(0.5) ? { ...op, value: randomValue(r) } : { ...op, op: r.pick(['add', 'replace', 'remove'] as const) }))
      const user = r.pick(USERS)
      const before = structuredClone(user)
      try {
        expectSaneUser(applyUserPatch(user, tampered, USER_ID), tampered)
      } catch (error) {
        expectScimRejection(error, tampered)
      }
      expect(user).toEqual(before)
    }
  })
})
