// The development mailbox as the admin UI's Emails page reads it: ra-data-simple-rest's getList
// and getMany over GET /api/accounts/:id/emails.
import { describe, expect, it } from 'vitest'
import { withAdminApp, type TestApp } from '../../support/app.js'
import { invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

const list = (params: Record<string, unknown>) =>
  admin.get(`/api/accounts/${t.acme.accountId}/emails?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)]))}`)
const recipients = (response: { body: { to: string }[] }) => response.body.map((email) => email.to)

describe('the development mailbox', () => {
  it('lists the newest first, and filters by recipient, case-insensitively', async () => {
    const first = await invite(t, admin, { email: 'first.reader@example.com' })
    await t.settle()
    t.clock.advance(1000)
    const second = await invite(t, admin, { email: 'second.reader@example.com' })
    await t.settle()
    const all = await list({ range: [0, 9] })
    expect(recipients(all).slice(0, 2)).toEqual([second.email, first.email])
    expect(recipients(await list({ filter: { to: 'FIRST.Reader@example.com' } }))).toEqual([first.email])
  })

  it('gets many by id, and nothing for ids it does not hold', async () => {
    const [newest, older] = (await list({ range: [0, 1] })).body as { id: string; to: string }[]
    const many = await list({ filter: { id: [older!.id, newest!.id] } })
    expect(many.body.map((email: { id: string }) => email.id)).toEqual([newest!.id, older!.id])
    const none = await list({ filter: { id: [crypto.randomUUID(), 'not-an-id'] } })
    expect(none.status).toBe(200)
    expect(none.body).toEqual([])
    expect(none.headers.get('content-range')).toBe('emails 0-0/0')
  })
})
