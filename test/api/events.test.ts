import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { withAdminApp, type TestApp } from '../support/app.js'
import { acceptByForm, declineByForm, GOOD_PASSWORD, invite } from '../support/fixtures.js'
import type { Session } from '../support/http.js'
import { someoneWaitsForALock } from '../support/locks.js'

let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

describe('history', () => {
  it('records every change of a membership, by whom and when, newest first', async () => {
    const group = (await admin.post(`/api/accounts/${t.acme.accountId}/groups`, { name: 'Ops' })).body
    const user = await invite(t, admin)
    t.clock.advance(60_000)
    await admin.post(`/api/accounts/${t.acme.accountId}/users/${user.id}/resend-invitation`)
    t.clock.advance(60_000)
    await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { password: GOOD_PASSWORD })
    t.clock.advance(60_000)
    await admin.put(`/api/accounts/${t.acme.accountId}/users/${user.id}`, { groupIds: [group.id] })
    t.clock.advance(60_000)
    await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)

    const response = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)
    expect(response.headers.get('content-range')).toBe('events 0-4/5')
    expect(response.body.map((e: { type: string; actor: { type: string } }) => [e.type, e.actor.type])).toEqual([
      ['removed', 'administrator'],
      ['groups_changed', 'administrator'],
      ['invitation_accepted', 'invitee'],
      ['invitation_resent', 'administrator'],
      ['invited', 'administrator'],
    ])
    expect(response.body[0]).toMatchObject({ userId: user.id, actor: { label: 'Ada Admin' }, data: { stateBefore: 'active' } })
    expect(response.body[0].occurredAt).toBe(t.clock.now().toISOString())
    expect(response.body[4].data).toEqual({ email: user.email, groups: ['Administrators'] })
  })

  // A change that waited for another change of the member is dated after it, so that the history
  // lists them in the order they happened. Resending took its time before the member's lock.
  it('dates a resend or a new invitation that waited for the member at the end of the wait', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const user = await invite(t, admin)
    for (const action of ['resend-invitation', 'new-invitation']) {
      if (action === 'new-invitation') t.clock.advance(8 * 24 * 60 * 60 * 1000) // expired
      let acting: Promise<{ status: number }> | undefined
      const waitedUntil = await t.db.transaction(async (tx) => {
        await tx.execute(sql`select id from memberships where id = ${user.id} for update`)
        acting = admin.post(`/api/accounts/${t.acme.accountId}/users/${user.id}/${action}`)
        await someoneWaitsForALock(t)
        t.clock.advance(5_000)
        return t.clock.now().toISOString()
      })
      expect((await acting!).status).toBe(200)
      const [latest] = (await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)).body
      expect(latest.occurredAt).toBe(waitedUntil)
    }
  })

  it('lists the whole account, each line naming its person, declined and removed ones included', async () => {
    const declining = await invite(t, admin, { firstName: 'Dee', lastName: 'Clined' })
    t.clock.advance(60_000)
    await declineByForm(t, await t.invitationLinkFromEmail(declining.email))
    const staying = await invite(t, admin, { firstName: 'Stay', lastName: 'Here' })

    const response = await admin.get(`/api/accounts/${t.acme.accountId}/events?range=${encodeURIComponent('[0,2]')}`)
    expect(response.headers.get('content-range')).toMatch(/^events 0-2\/\d+$/)
    expect(response.body.map((e: { type: string; user: unknown }) => [e.type, e.user])).toEqual([
      ['invited', { name: 'Stay Here', email: staying.email, current: true, currentId: staying.id }],
      // A former member's name as the account entered it (their own may since have been set elsewhere).
      ['invitation_declined', { name: 'Dee Clined', email: declining.email, current: false, currentId: null }],
      ['invited', { name: 'Dee Clined', email: declining.email, current: false, currentId: null }],
    ])
    const declines = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ type: 'invitation_declined' }))}`)
    expect(declines.body.map((e: { userId: string }) => e.userId)).toEqual([declining.id])
  })

  it("names a removed member as the account entered them, never by the name they gave themselves", async () => {
    const user = await invite(t, admin, { firstName: 'Entered', lastName: 'Name' })
    await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { firstName: 'Own', lastName: 'Choice', password: GOOD_PASSWORD })
    const lines = () => admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user.id }))}`)
    expect((await lines()).body[0].user.name).toBe('Own Choice')
    await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)
    expect((await lines()).body.map((e: { user: { name: string } }) => e.user.name)).toEqual(['Entered Name', 'Entered Name', 'Entered Name'])
  })

  it('links a person invited again to their membership now, from their older lines too', async () => {
    const before = await invite(t, admin, { firstName: 'Back', lastName: 'Again' })
    await admin.delete(`/api/accounts/${t.acme.accountId}/users/${before.id}`)
    const again = await invite(t, admin, { firstName: 'Back', lastName: 'Again', email: before.email })
    const lines = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: before.id }))}`)
    expect(lines.body.map((e: { type: string; user: unknown }) => [e.type, e.user])).toEqual([
      ['invited', { name: 'Back Again', email: before.email, current: true, currentId: again.id }],
      ['removed', { name: 'Back Again', email: before.email, current: true, currentId: again.id }],
      ['invited', { name: 'Back Again', email: before.email, current: true, currentId: again.id }],
    ])
    // Their page now tells the same story: the earlier membership's lines are part of it.
    const page = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: again.id }))}`)
    expect(page.body.map((e: { userId: string; type: string }) => [e.userId, e.type])).toEqual([
      [again.id, 'invited'],
      [before.id, 'removed'],
      [before.id, 'invited'],
    ])
  })
})
