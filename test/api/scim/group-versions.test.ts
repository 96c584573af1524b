// A group's version is the group's whatever part of it a response carries (RFC 7644 §3.14): a
// provider that reads groups without their members must still get a version, and one it can send
// back in If-Match.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.js'
import { filterQuery, GROUP, PATCH_OP, USER, withScimToken, type ScimClient } from '../../support/scim.js'

let t: TestApp
let scim: ScimClient
withScimToken({ sendInvitationEmail: false }, (bed) => ({ t, scim } = bed))

const newUser = async (userName: string) => (await scim.post('/Users', { schemas: [USER], userName })).body.id as string
const patchGroup = (id: string, Operations: unknown[], headers?: Record<string, string>) => scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations }, headers)

/** The version of a group as every kind of read gives it; they must all agree. */
async function versionOf(id: string, displayName: string): Promise<string> {
  const full = await scim.get(`/Groups/${id}`)
  const bare = await scim.get(`/Groups/${id}?excludedAttributes=members`)
  const named = await scim.get(`/Groups/${id}?attributes=displayName`)
  const listed = await scim.get(`/Groups?${filterQuery(`displayName eq "${displayName}"`)}&excludedAttributes=members`)
  const listedWhole = await scim.get(`/Groups?${filterQuery(`displayName eq "${displayName}"`)}`)
  const version = full.body.meta.version as string
  expect(version).toMatch(/^W\/".+"$/)
  expect(full.headers.get('etag')).toBe(version)
  expect(bare.body).not.toHaveProperty('members')
  expect(bare.headers.get('etag')).toBe(version)
  expect(bare.body.meta.version).toBe(version)
  expect(named.headers.get('etag')).toBe(version)
  expect(listed.body.Resources[0]).not.toHaveProperty('members')
  expect(listed.body.Resources[0].meta.version).toBe(version)
  expect(listedWhole.body.Resources[0].meta.version).toBe(version)
  return version
}

describe('a group read without its members', () => {
  it('carries the version it has with them, in ETag and meta.version, and answers If-None-Match with 304', async () => {
    const member = await newUser('versioned-member@example.com')
    const created = await scim.post('/Groups?excludedAttributes=members', { schemas: [GROUP], displayName: 'Versioned', members: [{ value: member }] })
    expect(created.status).toBe(201)
    expect(created.body.meta.version).toBe(created.headers.get('etag'))
    const version = await versionOf(created.body.id, 'Versioned')
    expect(version).toBe(created.headers.get('etag'))
    const cached = await scim.get(`/Groups/${created.body.id}?excludedAttributes=members`, { 'if-none-match': version })
    expect(cached.status).toBe(304)
    expect(cached.headers.get('etag')).toBe(version)
  })

  it('gives a version that If-Match accepts on PATCH, PUT and DELETE, and a stale one 412', async () => {
    const member = await newUser('if-match-member@example.com')
    const id = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Conditional' })).body.id as string
    const first = (await scim.get(`/Groups/${id}?excludedAttributes=members`)).headers.get('etag')!
    expect(first).toBeTruthy()
    expect((await patchGroup(id, [{ op: 'add', path: 'members', value: [{ value: member }] }], { 'if-match': first })).status).toBe(204)
    const second = (await scim.get(`/Groups?${filterQuery('displayName eq "Conditional"')}&excludedAttributes=members`)).body.Resources[0].meta.version
    expect(second).not.toBe(first)
    expect((await patchGroup(id, [{ op: 'remove', path: 'members' }], { 'if-match': first })).status).toBe(412)
    const put = { schemas: [GROUP], displayName: 'Conditional', members: [] }
    expect((await scim.put(`/Groups/${id}`, put, { 'if-match': first })).status).toBe(412)
    const replaced = await scim.put(`/Groups/${id}?excludedAttributes=members`, put, { 'if-match': second })
    expect(replaced.status).toBe(200)
    const third = replaced.headers.get('etag')!
    expect(replaced.body.meta.version).toBe(third)
    expect((await scim.get(`/Groups/${id}?excludedAttributes=members`)).headers.get('etag')).toBe(third)
    expect((await scim.delete(`/Groups/${id}`, { 'if-match': second })).status).toBe(412)
    expect((await scim.delete(`/Groups/${id}`, { 'if-match': third })).status).toBe(204)
  })

  it('moves when its name, externalId or members change, even within one millisecond, and not otherwise', async () => {
    const [a, b] = [await newUser('swap-a@example.com'), await newUser('swap-b@example.com')]
    const id = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Moving', members: [{ value: a }] })).body.id as string
    const start = t.clock.now().getTime()
    const seen = [await versionOf(id, 'Moving')]
    expect((await patchGroup(id, [{ op: 'replace', path: 'displayName', value: 'Moving' }])).status).toBe(204)
    expect(await versionOf(id, 'Moving')).toBe(seen[0])
    // Same count of members, other members.
    await patchGroup(id, [{ op: 'replace', path: 'members', value: [{ value: b }] }])
    seen.push(await versionOf(id, 'Moving'))
    await patchGroup(id, [{ op: 'add', path: 'members', value: [{ value: a }] }])
    seen.push(await versionOf(id, 'Moving'))
    await patchGroup(id, [{ op: 'replace', path: 'externalId', value: 'ext-moving' }])
    seen.push(await versionOf(id, 'Moving'))
    await patchGroup(id, [{ op: 'replace', path: 'displayName', value: 'Moved' }])
    seen.push(await versionOf(id, 'Moved'))
    expect(new Set(seen).size).toBe(seen.length)
    expect(t.clock.now().getTime()).toBe(start)
  })
})

describe('a page of groups', () => {
  it('gives each group on it, empty or not, the version it has read alone, with or without members', async () => {
    const [a, b] = [await newUser('paged-a@example.com'), await newUser('paged-b@example.com')]
    const members = [[], [a], [a, b], [b], []]
    const ids: string[] = []
    for (const [i, list] of members.entries()) {
      const body = { schemas: [GROUP], displayName: `Paged ${i}`, members: list.map((value) => ({ value })) }
      ids.push((await scim.post('/Groups', body)).body.id as string)
    }
    for (const [i, id] of ids.entries()) await versionOf(id, `Paged ${i}`)
    // Past the first rows: the versions are read for the page's groups, not for those skipped.
    const total = (await scim.get('/Groups?count=0')).body.totalResults as number
    expect(total).toBeGreaterThan(5)
    for (const query of ['', '&excludedAttributes=members']) {
      const page = await scim.get(`/Groups?startIndex=${total - 3}&count=4${query}`)
      expect(page.body.Resources).toHaveLength(4)
      for (const group of page.body.Resources) expect(group.meta.version).toBe((await scim.get(`/Groups/${group.id}`)).headers.get('etag'))
    }
  })
})

describe('If-Match on concurrent writes', () => {
  it('lets one of several member PATCHes sent with the same version through, and answers the others 412', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => newUser(`racer${i}@example.com`)))
    const id = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Raced' })).body.id as string
    const version = (await scim.get(`/Groups/${id}?excludedAttributes=members`)).headers.get('etag')!
    const results = await Promise.all(ids.map((member) => patchGroup(id, [{ op: 'add', path: 'members', value: [{ value: member }] }], { 'if-match': version })))
    expect(results.map((r) => r.status).sort()).toEqual([204, 412, 412, 412, 412, 412])
    expect((await scim.get(`/Groups/${id}`)).body.members).toHaveLength(1)
  })
})
