// A person's own profile: name and phone are theirs, changed by them, whatever accounts they are
// in; a person with no membership left (Disabled) still signs in to keep it.
import { describe, expect, it } from 'vitest'
import { createAccount } from '../../api/core/seed.js'
import { withAdminApp, type TestApp } from '../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../support/fixtures.js'
import type { Session } from '../support/http.js'

let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

/** An invited person who registered: an Active member of Acme with a password. */
async function registeredMember() {
  const user = await invite(t, admin)
  await acceptByForm(t, await t.invitationLinkFromEmail(user.email), { firstName: 'Grace', lastName: 'Hopper', password: GOOD_PASSWORD })
  return user
}

describe('the profile', () => {
  it('shows and changes the signed-in person’s name and phone, and never their email', async () => {
    const user = await registeredMember()
    const me = await t.http.signIn(user.email, GOOD_PASSWORD)
    expect((await me.get('/api/profile')).body).toMatchObject({ email: user.email, firstName: 'Grace', lastName: 'Hopper', countryCode: null, phone: null })

    const saved = await me.put('/api/profile', { id: 'x', email: 'other@example.com', firstName: ' Grace M. ', lastName: 'Hopper', countryCode: 'CH', phone: '079 123 45 67' })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ email: user.email, firstName: 'Grace M.', countryCode: 'CH', phone: '+41791234567' })
    // What administrators see of the member follows.
    expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).body).toMatchObject({ firstName: 'Grace M.', phone: '+41791234567' })
  })

  it('takes a number of a country that shares its calling code (a Canadian toll-free number reads as US)', async () => {
    const user = await registeredMember()
    const me = await t.http.signIn(user.email, GOOD_PASSWORD)
    for (const [countryCode, phone] of [['CA', '+1 800 253 0000'], ['IT', '06 6981 2345'], ['GB', '07797 123456']]) {
      const saved = await me.put('/api/profile', { firstName: 'Grace', lastName: 'Hopper', countryCode, phone })
      expect(saved.status, `${countryCode} ${phone}`).toBe(200)
      expect(saved.body.countryCode).toBe(countryCode)
    }
  })

  it('refuses bad input field by field, and changes nothing', async () => {
    const user = await registeredMember()
    const me = await t.http.signIn(user.email, GOOD_PASSWORD)
    for (const [body, field] of [
      [{ firstName: '', lastName: 'Hopper' }, 'firstName'],
      [{ firstName: 'G', lastName: 'x'.repeat(101) }, 'lastName'],
      [{ firstName: 'G', lastName: 'H', countryCode: 'CH', phone: '+49 30 901820' }, 'phone'],
      [{ firstName: 'G', lastName: 'H', phone: '079 123 45 67' }, 'countryCode'],
    ] as const) {
      const response = await me.put('/api/profile', body)
      expect(response.status).toBe(400)
      expect(response.body.errors).toHaveProperty(field)
      expect(response.body.requestId).toBeTruthy()
    }
    expect((await me.get('/api/profile')).body).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' })
  })

  it('is for signed-in people only', async () => {
    expect((await t.http.send('GET', '/api/profile')).status).toBe(401)
    expect((await t.http.send('PUT', '/api/profile', { json: { firstName: 'A', lastName: 'B' } })).status).toBe(401)
  })
})

describe('a Disabled person', () => {
  it('signs in with no membership left, sees no account, and keeps their profile', async () => {
    const user = await registeredMember()
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    const me = await t.http.signIn(user.email, GOOD_PASSWORD)
    const session = await me.get('/api/auth/me')
    expect(session.status).toBe(200)
    expect(session.body).toMatchObject({ memberships: [], administeredAccounts: [] })
    expect((await me.get(`/api/accounts/${t.acme.accountId}/users`)).status).toBe(404)
    expect((await me.put('/api/profile', { firstName: 'Gracie', lastName: 'Hopper' })).body.firstName).toBe('Gracie')
  })

  it('is not locked out by another account provisioning them inactive, nor by a pending invitation', async () => {
    const user = await registeredMember()
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/users/${user.id}`)).status).toBe(200)
    const other = await createAccount(t.db, t.clock, {
      name: 'Umbrella',
      admin: { email: 'albert@umbrella.test', firstName: 'Albert', lastName: 'Wesker', password: 'Albert-pass-1!' },
    })
    const otherAdmin = await t.http.signIn('albert@umbrella.test', 'Albert-pass-1!')
    const token = (await otherAdmin.post(`/api/accounts/${other.accountId}/api-tokens`, { name: 'directory' })).body.token
    const signedIn = await t.http.signIn(user.email, GOOD_PASSWORD)
    const provisioned = await t.http.send('POST', '/scim/v2/Users', {
      json: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: user.email, active: false },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(provisioned.status).toBe(201)
    expect(provisioned.body.active).toBe(false)
    // Neither the inactive invitation nor its deletion signs them out: it never gave them access.
    expect((await signedIn.get('/api/auth/me')).status).toBe(200)
    const deleted = await t.http.send('DELETE', `/scim/v2/Users/${provisioned.body.id}`, { headers: { authorization: `Bearer ${token}` } })
    expect(deleted.status).toBe(204)
    expect((await signedIn.get('/api/auth/me')).status).toBe(200)
    expect((await t.http.send('POST', '/api/auth/login', { json: { email: user.email, password: GOOD_PASSWORD } })).status).toBe(200)

    await invite(t, admin, { email: user.email })
    const me = await t.http.signIn(user.email, GOOD_PASSWORD)
    expect((await me.get('/api/auth/me')).body).toMatchObject({ administeredAccounts: [] })
    expect((await me.get(`/api/accounts/${t.acme.accountId}/users`)).status).toBe(404)
  })

  it('but a person whose one membership is Blocked does not sign in', async () => {
    const user = await registeredMember()
    const token = (await admin.post(`/api/accounts/${t.acme.accountId}/api-tokens`, { name: 'blocker' })).body.token
    const block = await t.http.send('PATCH', `/scim/v2/Users/${user.id}`, {
      json: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
      headers: { authorization: `Bearer ${token}` },
    })
    expect(block.status).toBe(200)
    const response = await t.http.send('POST', '/api/auth/login', { json: { email: user.email, password: GOOD_PASSWORD } })
    expect(response.status).toBe(401)
  })
})
