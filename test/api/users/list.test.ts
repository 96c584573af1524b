import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { DAY } from '../../support/clock.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let path: string
const ids: Record<string, string> = {}

const query = (params: Record<string, unknown>) =>
  '?' + Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&')

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.asAdmin()
  path = `/api/accounts/${t.acme.accountId}/users`
  const start = t.clock.now()
  ids.zoe = (await invite(t, admin, { firstName: 'Zoe', lastName: 'Zimmer', email: 'zoe@example.com' })).id
  ids.bob = (await invite(t, admin, { firstName: 'Bob', lastName: 'Baker', email: 'bob@example.com' })).id
  t.clock.set(new Date(start.getTime() + 8 * DAY))
  admin = await t.asAdmin()
  ids.carl = (await invite(t, admin, { firstName: 'Carl', lastName: 'Cole', email: 'carl@example.com' })).id
  await acceptByForm(t, await t.invitationLinkFromEmail('carl@example.com'), { firstName: 'Carl', lastName: 'Cole', password: GOOD_PASSWORD })
})
afterAll(() => t.close())

const names = (body: { firstName: string }[]) => body.map((u) => u.firstName)

describe('listing users', () => {
  it('sorts by name both ways, with a stable order', async () => {
    expect(names((await admin.get(path + query({ sort: ['name', 'ASC'] }))).body)).toEqual(['Ada', 'Bob', 'Carl', 'Zoe'])
    expect(names((await admin.get(path + query({ sort: ['name', 'DESC'] }))).body)).toEqual(['Zoe', 'Carl', 'Bob', 'Ada'])
  })

  it('sorts by joined date with the not-yet-joined last, by their invitation date', async () => {
    expect(names((await admin.get(path + query({ sort: ['joinedAt', 'DESC'] }))).body).slice(0, 2)).toEqual(['Carl', 'Ada'])
    const dan = await invite(t, admin, { firstName: 'Dan', lastName: 'Later', email: 'dan@example.com' })
    expect(names((await admin.get(path + query({ sort: ['joinedAt', 'DESC'] }))).body).slice(0, 3)).toEqual(['Carl', 'Ada', 'Dan'])
    expect(names((await admin.get(path + query({ sort: ['joinedAt', 'ASC'] }))).body).at(-1)).toBe('Dan')
    await admin.delete(`${path}/${dan.id}`)
  })

  it('pages with range and reports the total in Content-Range', async () => {
    const page = await admin.get(path + query({ sort: ['email', 'ASC'], range: [1, 2] }))
    expect(page.headers.get('content-range')).toBe('users 1-2/4')
    expect(page.body.map((u: { email: string }) => u.email)).toEqual(['bob@example.com', 'carl@example.com'])
    const beyond = await admin.get(path + query({ range: [10, 19] }))
    expect(beyond.body).toEqual([])
    expect(beyond.headers.get('content-range')).toBe('users 10-10/4')
  })

  it('filters by state, at the clock of the request', async () => {
    const byState = async (state: string) => names((await admin.get(path + query({ filter: { state }, sort: ['name', 'ASC'] }))).body)
    expect(await byState('invitation_expired')).toEqual(['Bob', 'Zoe'])
    expect(await byState('active')).toEqual(['Ada', 'Carl'])
    expect(await byState('invited')).toEqual([])
  })

  it('searches name and email, case-insensitively', async () => {
    expect(names((await admin.get(path + query({ filter: { q: 'ZIM' } }))).body)).toEqual(['Zoe'])
    expect(names((await admin.get(path + query({ filter: { q: 'bob@' } }))).body)).toEqual(['Bob'])
    expect(names((await admin.get(path + query({ filter: { q: 'carl cole' } }))).body)).toEqual(['Carl'])
  })

  it('refuses a sort order other than ASC or DESC, naming the sort', async () => {
    const response = await admin.get(path + query({ sort: ['name', 'sideways'] }))
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'bad_request', errors: { sort: expect.any(String) }, requestId: expect.any(String) })
    expect(names((await admin.get(path + query({ sort: ['name', 'desc'] }))).body)).toEqual(['Zoe', 'Carl', 'Bob', 'Ada'])
  })

  it('gets many by id (react-admin getMany)', async () => {
    const many = await admin.get(path + query({ filter: { id: [ids.bob, ids.zoe] }, sort: ['name', 'ASC'] }))
    expect(names(many.body)).toEqual(['Bob', 'Zoe'])
  })
})
