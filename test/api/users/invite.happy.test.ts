import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let base: string
let adminsGroup: string

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.asAdmin()
  base = `/api/accounts/${t.acme.accountId}`
  adminsGroup = t.acme.groupId
})
afterAll(() => t.close())

describe('inviting a user', () => {
  it('creates an Invited membership with its groups and answers the user record', async () => {
    const response = await admin.post(`${base}/users`, {
      firstName: 'Reto',
      lastName: 'Mayer',
      email: '  R.Mayer@Example.com ',
      countryCode: 'CH',
      phone: '079 123 45 67',
      groupIds: [adminsGroup],
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      firstName: 'Reto',
      lastName: 'Mayer',
      email: 'R.Mayer@Example.com',
      countryCode: 'CH',
      phone: '+41791234567',
      state: 'invited',
      groupIds: [adminsGroup],
      joinedAt: null,
      lastSignInAt: null,
      invitedBy: { id: t.acme.personId, name: 'Ada Admin' },
    })
    expect(new Date(response.body.expiresAt).getTime() - new Date(response.body.invitedAt).getTime()).toBe(7 * 24 * 3600 * 1000)
  })

  it('reads a group id in any case, and one group written twice as one group', async () => {
    const response = await admin.post(`${base}/users`, {
      firstName: 'Case',
      lastName: 'Blind',
      email: 'case.blind@example.com',
      groupIds: [adminsGroup, adminsGroup.toUpperCase()],
    })
    expect(response.status).toBe(201)
    expect(response.body.groupIds).toEqual([adminsGroup])
    await admin.delete(`${base}/users/${response.body.id}`)
  })

  it('sends the invitation email with a link that opens the welcome page', async () => {
    const email = await t.lastEmailTo('R.Mayer@Example.com')
    expect(email?.subject).toBe('Invitation to Roster')
    expect(email?.text).toContain('Ada Admin has invited you to use Roster on behalf of Acme')
    const link = await t.invitationLinkFromEmail('R.Mayer@Example.com')
    const page = await t.http.send('GET', new URL(link).pathname)
    expect(page.status).toBe(200)
    expect(page.text).toContain('This invitation has been sent to R.Mayer@Example.com')
  })

  it('lists the user with a Content-Range total', async () => {
    const response = await admin.get(`${base}/users?sort=${encodeURIComponent('["name","ASC"]')}&range=[0,9]`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-range')).toBe('users 0-1/2')
    expect(response.body.map((u: { email: string }) => u.email)).toEqual(['admin@acme.test', 'R.Mayer@Example.com'])
  })
})
