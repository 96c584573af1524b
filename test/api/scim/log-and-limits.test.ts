import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../api/app.js'
import { authenticateApiToken } from '../../../api/core/api-tokens.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { httpClient } from '../../support/http.js'
import { createToken, GROUP, PATCH_OP, scimClient, USER } from '../../support/scim.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('provisioning log', () => {
  it('keeps every SCIM request of the account: token, method, path, status, duration and what changed', async () => {
    const admin = await t.asAdmin()
    const token = await createToken(t, admin, { name: 'okta-prod' })
    const scim = scimClient(t, token.token)
    const id = (await scim.post('/Users', { schemas: [USER], userName: 'logged@example.com' })).body.id
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })
    await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', value: { active: 'True' } }] })
    await scim.post('/Users', { schemas: [USER] })
    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    expect(log.status).toBe(200)
    expect(log.body.map((e: { method: string; status: number }) => [e.method, e.status])).toEqual([
      ['POST', 400],
      ['PATCH', 200],
      ['PATCH', 200],
      ['POST', 201],
    ])
    for (const tokenId of ['not-a-token', crypto.randomUUID()]) {
      const none = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId }))}`)
      expect([none.status, none.body]).toEqual([200, []])
    }
    expect(log.body[0]).toMatchObject({ tokenName: 'okta-prod', path: '/scim/v2/Users', summary: 'userName is required.' })
    expect(log.body[1].summary).toBe('Patched user logged@example.com: replace active (reactivated)')
    expect(log.body[2].summary).toBe('Patched user logged@example.com: replace active (deactivated)')
    expect(log.body[3].summary).toBe('Created user logged@example.com')
    expect(log.body[3].durationMs).toBeGreaterThanOrEqual(0)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    const user = await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)
    expect(user.body.invitedBy).toEqual({ id: null, name: "token 'okta-prod'" })
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['new_invitation_sent', 'unblocked', 'blocked', 'invited'])
    expect(history.body[2]).toMatchObject({ type: 'blocked', actor: { type: 'api_token', label: "token 'okta-prod'" } })
  })

  it('names the members a change touched, and shows text a request sent as sent, even one spelling a user reference', async () => {
    const admin = await t.asAdmin()
    const token = await createToken(t, admin, { name: 'spoofing', sendInvitationEmail: false })
    const scim = scimClient(t, token.token)
    const victim = (await scim.post('/Users', { schemas: [USER], userName: 'victim@example.com' })).body.id
    const member = (await scim.post('/Users', { schemas: [USER], userName: 'real-member@example.com' })).body.id
    const spoof = `{user:${victim}}`
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: spoof, members: [{ value: member }] })
    expect(group.status).toBe(201)
    await scim.patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: spoof }] }] })
    await scim.get(`/Groups?filter=${encodeURIComponent(`displayName eq "${spoof}"`)}`)
    await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${spoof}"`)}`)
    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    expect(log.body.slice(0, 4).map((e: { summary: string }) => e.summary)).toEqual([
      expect.stringMatching(new RegExp(`^Listed 0 of \\d+ users matching userName eq "\\{user:${victim}\\}"$`)),
      expect.stringMatching(new RegExp(`^Listed 1 of \\d+ groups matching displayName eq "\\{user:${victim}\\}"$`)),
      `Patched group ${spoof}: members unchanged, left out an id that is not a user of this account (${spoof})`,
      `Created group ${spoof}: added real-member@example.com`,
    ])
  })
})

describe('rate limit', () => {
  it('keeps the requests that end before a handler: an oversized body, a NUL in the path', async () => {
    const admin = await t.asAdmin()
    const token = await createToken(t, admin, { name: 'edge-cases' })
    const scim = scimClient(t, token.token)
    expect((await scim.post('/Users', { schemas: [USER], userName: 'big@example.com', title: 'x'.repeat(1_100_000) })).status).toBe(413)
    expect((await scim.get('/Users/%00')).status).toBe(404)
    expect((await scim.get('/Users/?count=1')).status).toBe(200)
    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    expect(log.body.map((e: { status: number; summary: string }) => [e.status, e.summary])).toEqual([
      [200, expect.stringMatching(/^Listed 1 of \d+ users$/)],
      [404, 'User \uFFFD not found.'],
      [413, 'The request body is larger than 1024 KiB.'],
    ])
  })

  it('keeps a request to a wrong base URL (no /v2, or /v2.0), so that a failed test connection shows why', async () => {
    const admin = await t.asAdmin()
    const token = await createToken(t, admin, { name: 'wrong-base' })
    for (const base of ['/scim', '/scim/v2.0']) {
      const answer = await scimClient(t, token.token, base).get(`/Users?filter=${encodeURIComponent('userName eq "x"')}`)
      expect(answer.status).toBe(404)
      expect(answer.body.detail).toContain('/scim/v2')
    }
    // A bad token gets the same 404 (it says where to go), and nothing is logged anywhere.
    expect((await scimClient(t, `roster_scim_${'x'.repeat(43)}`, '/scim').get('/Users')).status).toBe(404)
    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    expect(log.body.map((e: { path: string; status: number; summary: string }) => [e.path, e.status, e.summary])).toEqual([
      ['/scim/v2.0/Users?filter=userName%20eq%20%22x%22', 404, 'No such SCIM endpoint: the SCIM base URL ends in /scim/v2.'],
      ['/scim/Users?filter=userName%20eq%20%22x%22', 404, 'No such SCIM endpoint: the SCIM base URL ends in /scim/v2.'],
    ])
  })

  // Two isolates whose statements reach PostgreSQL out of the order of their clocks: a late one,
  // stamped in the second before, must not reset the current second's count.
  it("counts a request stamped in the second before (another isolate's clock) in the current window, without resetting it", async () => {
    const token = await createToken(t, await t.asAdmin())
    const base = Math.floor(t.clock.now().getTime() / 1000) * 1000 + 10_000
    const [earlier, current] = [new Date(base + 999), new Date(base + 1001)]
    const seen: number[] = []
    for (let i = 0; i < 10; i++) {
      const found = await authenticateApiToken(t.db, token.token, i % 2 ? earlier : current)
      if (found && 'live' in found) seen.push(found.live.requestsThisSecond)
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('is not held in the future by one request stamped ahead (a skewed clock, a clock set back)', async () => {
    const token = await createToken(t, await t.asAdmin())
    const now = Math.floor(t.clock.now().getTime() / 1000) * 1000 + 20_000
    await authenticateApiToken(t.db, token.token, new Date(now + 60_000))
    const seen: number[] = []
    for (let second = 0; second < 4; second++) {
      const found = await authenticateApiToken(t.db, token.token, new Date(now + second * 1000))
      if (found && 'live' in found) seen.push(found.live.requestsThisSecond)
    }
    expect(seen).toEqual([1, 1, 1, 1])
  })

  it('answers 429 with Retry-After above the limit, counted per token in the database', async () => {
    const token = await createToken(t, await t.asAdmin())
    const http = httpClient(createApp({ services: t.services, scimRequestsPerSecond: 3 }))
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const response = await http.send('GET', '/scim/v2/Users?count=1', { headers: { authorization: `Bearer ${token.token}` } })
      statuses.push(response.status)
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('1')
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    t.clock.advance(1000)
    expect((await http.send('GET', '/scim/v2/Users?count=1', { headers: { authorization: `Bearer ${token.token}` } })).status).toBe(200)
    // A provider stuck on a wrong base URL is held to the same limit, in the same count.
    const wrongBase = []
    for (let i = 0; i < 3; i++) wrongBase.push((await http.send('GET', '/scim/Users', { headers: { authorization: `Bearer ${token.token}` } })).status)
    expect(wrongBase).toEqual([404, 404, 429])
  })
})
