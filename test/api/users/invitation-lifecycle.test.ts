import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rowsOf } from '../../../api/core/rows.js'
import { runMaintenance } from '../../../api/maintenance.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { DAY, SECOND } from '../../support/clock.js'
import { invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let path: string

beforeAll(async () => {
  t = await createTestApp()
  path = `/api/accounts/${t.acme.accountId}/users`
})
afterAll(() => t.close())
// The tests step the clock by weeks; a fresh session keeps them independent of the session lifetime.
beforeEach(async () => {
  admin = await t.asAdmin()
})

const pathOf = (link: string) => new URL(link).pathname
const INACTIVE = 'The invitation link is no longer active!'

describe('expiry is exact at 7 days, whether or not any job ran', () => {
  it('is valid at 7 days minus a second and expired at 7 days plus a second', async () => {
    const start = t.clock.now()
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)

    t.clock.set(new Date(start.getTime() + 7 * DAY - SECOND))
    expect((await admin.get(`${path}/${user.id}`)).body.state).toBe('invited')
    expect((await t.http.send('GET', pathOf(link))).status).toBe(200)
    expect((await admin.get(`${path}/${user.id}/invitation-link`)).body.url).toBe(link)

    t.clock.set(new Date(start.getTime() + 7 * DAY + SECOND))
    expect((await admin.get(`${path}/${user.id}`)).body.state).toBe('invitation_expired')
    const page = await t.http.send('GET', pathOf(link))
    expect(page.status).toBe(404)
    expect(page.text).toContain(INACTIVE)
    const expired = await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ state: 'invitation_expired' }))}`)
    expect(expired.body.map((u: { id: string }) => u.id)).toContain(user.id)
    const invited = await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ state: 'invited' }))}`)
    expect(invited.body.map((u: { id: string }) => u.id)).not.toContain(user.id)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)
    expect(history.body[0]).toMatchObject({ type: 'invitation_expired', actor: { type: 'system' } })
    expect(new Date(history.body[0].occurredAt).getTime()).toBe(start.getTime() + 7 * DAY)
  })

  it('writes the expiry line once, and leaves the invitation out of every later search for expiries', async () => {
    const user = await invite(t, admin)
    t.clock.advance(8 * DAY)
    const historyPath = `/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`
    for (let i = 0; i < 3; i++) {
      expect((await admin.get(historyPath)).body.map((e: { type: string }) => e.type)).toEqual(['invitation_expired', 'invited'])
      await runMaintenance(t.services)
    }
    const [row] = rowsOf<{ recorded: string | null; pending: boolean }>(
      await t.db.execute(sql`select expiry_recorded_at as recorded, status = 'pending' as pending from invitations where membership_id = ${user.id}`),
    )
    expect(row).toMatchObject({ pending: true, recorded: expect.anything() })
  })
})

describe('resend versus new invitation', () => {
  it('resend emails the same link again and restarts the 7 days', async () => {
    const start = t.clock.now()
    const user = await invite(t, admin)
    const link = await t.invitationLinkFromEmail(user.email)
    t.clock.set(new Date(start.getTime() + 6 * DAY))
    const resent = await admin.post(`${path}/${user.id}/resend-invitation`)
    expect(resent.status).toBe(200)
    expect(resent.body.state).toBe('invited')
    expect(new Date(resent.body.expiresAt).getTime()).toBe(start.getTime() + 13 * DAY)
    expect(await t.invitationLinkFromEmail(user.email)).toBe(link)
    t.clock.set(new Date(start.getTime() + 12 * DAY))
    expect((await t.http.send('GET', pathOf(link))).status).toBe(200)
  })

  it('new invitation is refused while the invitation is valid, and resend once it has expired', async () => {
    const start = t.clock.now()
    const user = await invite(t, admin)
    const early = await admin.post(`${path}/${user.id}/new-invitation`)
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ code: 'invalid_state', message: expect.stringContaining('still valid') })
    t.clock.set(new Date(start.getTime() + 8 * DAY))
    const late = await admin.post(`${path}/${user.id}/resend-invitation`)
    expect(late.status).toBe(409)
    expect(late.body.message).toContain('expired')
    expect((await admin.get(`${path}/${user.id}/invitation-link`)).status).toBe(409)
  })

  it('new invitation makes a new link, kills the old one and puts the user back to Invited', async () => {
    const start = t.clock.now()
    const user = await invite(t, admin)
    const oldLink = await t.invitationLinkFromEmail(user.email)
    t.clock.set(new Date(start.getTime() + 8 * DAY))
    const renewed = await admin.post(`${path}/${user.id}/new-invitation`)
    expect(renewed.status).toBe(200)
    expect(renewed.body.state).toBe('invited')
    const newLink = await t.invitationLinkFromEmail(user.email)
    expect(newLink).not.toBe(oldLink)
    expect((await t.http.send('GET', pathOf(oldLink))).status).toBe(404)
    expect((await t.http.send('GET', pathOf(newLink))).status).toBe(200)
    expect((await admin.get(`${path}/${user.id}/invitation-link`)).body.url).toBe(newLink)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['new_invitation_sent', 'invitation_expired', 'invited'])
  })

  it('copy, resend and new invitation are refused for an active member', async () => {
    const id = t.acme.membershipId
    for (const [method, action] of [['GET', 'invitation-link'], ['POST', 'resend-invitation'], ['POST', 'new-invitation']] as const) {
      const response = await admin.send(method, `${path}/${id}/${action}`)
      expect(response.status).toBe(409)
      expect(response.body.message).toBe('This user has already accepted the invitation.')
    }
  })

  it('answers 404 for unknown and malformed user ids', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await admin.post(`${path}/${id}/resend-invitation`)).status).toBe(404)
      expect((await admin.get(`${path}/${id}`)).status).toBe(404)
    }
  })
})
