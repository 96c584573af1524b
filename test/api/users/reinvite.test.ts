// Inviting a person who already exists: they are reused, and each account sees the name and phone
// it entered until the person joins it, never what another account entered nor the person's own
// profile. Two accounts inviting one new person at once each keep their own entry.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { people } from '../../../drizzle/schema.js'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD } from '../../support/fixtures.js'
import type { Session } from '../../support/http.js'
import { createToken, scimClient, USER } from '../../support/scim.js'

let t: TestApp
let acme: Session
let globex: Session
let globexAccount: { accountId: string; groupId: string }

beforeAll(async () => {
  t = await createTestApp()
  acme = await t.asAdmin()
  globexAccount = await createAccount(t.db, t.clock, {
    name: 'Globex',
    admin: { email: 'gus@globex.test', firstName: 'Gus', lastName: 'Globex', password: 'Globex-pass-1!' },
  })
  globex = await t.http.signIn('gus@globex.test', 'Globex-pass-1!')
})
afterAll(() => t.close())

const acmeUsers = () => `/api/accounts/${t.acme.accountId}/users`
const globexUsers = () => `/api/accounts/${globexAccount.accountId}/users`

describe('an account inviting a person another account knows', () => {
  it('sees what it entered, not what the other account entered, and changes nothing there', async () => {
    const secret = await acme.post(acmeUsers(), { firstName: 'Secret', lastName: 'Person', email: 'leak@example.com', countryCode: 'CH', phone: '079 123 45 67', groupIds: [t.acme.groupId] })
    expect(secret.status).toBe(201)
    const probe = await globex.post(globexUsers(), { firstName: 'x', lastName: 'y', email: 'Leak@example.com', groupIds: [globexAccount.groupId] })
    expect(probe.status).toBe(201)
    expect(probe.body).toMatchObject({ firstName: 'x', lastName: 'y', countryCode: null, phone: null })
    expect((await globex.get(`${globexUsers()}?filter=${encodeURIComponent(JSON.stringify({ q: "Secret" }))}`)).body).toEqual([])
    expect((await acme.get(`${acmeUsers()}/${secret.body.id}`)).body).toMatchObject({ firstName: 'Secret', lastName: 'Person', phone: '+41791234567' })
  })

  it('sees a registered person\'s own name only once they join it; before, what it entered', async () => {
    const token = await createToken(t, acme)
    const scim = scimClient(t, token.token)
    // An identity provider of Acme creating the administrator of Globex learns nothing of them.
    const probe = await scim.post('/Users', { schemas: [USER], userName: 'gus@globex.test' })
    expect(probe.status).toBe(201)
    expect(probe.body.name).toEqual({ givenName: 'gus', formatted: 'gus' })
    expect(probe.body).not.toHaveProperty('phoneNumbers')

    const invited = await acme.post(acmeUsers(), { firstName: 'Someone', lastName: 'Else', email: 'rita@example.com', groupIds: [t.acme.groupId] })
    await acceptByForm(t, await t.invitationLinkFromEmail('rita@example.com'), { firstName: 'Rita', lastName: 'Real', password: GOOD_PASSWORD })
    expect((await acme.get(`${acmeUsers()}/${invited.body.id}`)).body).toMatchObject({ firstName: 'Rita', lastName: 'Real', state: 'active' })

    await t.settle()
    t.clock.advance(1000) // so that "the last email" to Rita is Globex's invitation
    const atGlobex = await globex.post(globexUsers(), { firstName: 'R.', lastName: 'Unknown', email: 'rita@example.com', groupIds: [globexAccount.groupId] })
    expect(atGlobex.body).toMatchObject({ firstName: 'R.', lastName: 'Unknown' })
    await acceptByForm(t, await t.invitationLinkFromEmail('rita@example.com'), { password: GOOD_PASSWORD })
    expect((await globex.get(`${globexUsers()}/${atGlobex.body.id}`)).body).toMatchObject({ firstName: 'Rita', lastName: 'Real', state: 'active' })
  })

  it('registers the person with the joined account\'s entry, not the phone another account entered first', async () => {
    await acme.post(acmeUsers(), { firstName: 'Pat', lastName: 'Acme', email: 'ph@example.com', countryCode: 'CH', phone: '079 123 45 67', groupIds: [t.acme.groupId] })
    await t.settle()
    t.clock.advance(1000) // so that "the last email" to Pat is Globex's invitation
    const atGlobex = await globex.post(globexUsers(), { firstName: 'Pat', lastName: 'Globex', email: 'ph@example.com', groupIds: [globexAccount.groupId] })
    const accepted = await acceptByForm(t, await t.invitationLinkFromEmail('ph@example.com'), { firstName: 'Own', lastName: 'Name', password: GOOD_PASSWORD })
    expect(accepted.status, accepted.text.slice(0, 3000)).toBe(200)
    expect((await globex.get(`${globexUsers()}/${atGlobex.body.id}`)).body).toMatchObject({ firstName: 'Own', lastName: 'Name', countryCode: null, phone: null })
  })

  it('takes an identity provider\'s rename of a member who has not joined as the account\'s own entry', async () => {
    const atGlobex = await globex.post(globexUsers(), { firstName: 'Gina', lastName: 'Globex', email: 'gina@example.com', groupIds: [globexAccount.groupId] })
    const scim = scimClient(t, (await createToken(t, acme)).token)
    const created = await scim.post('/Users', { schemas: [USER], userName: 'gina@example.com', name: { givenName: 'G', familyName: 'Acme' } })
    const renamed = await scim.patch(`/Users/${created.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'name.givenName', value: 'Georgina' }],
    })
    expect(renamed.status).toBe(200)
    expect((await acme.get(`${acmeUsers()}/${created.body.id}`)).body).toMatchObject({ firstName: 'Georgina', lastName: 'Acme' })
    expect((await globex.get(`${globexUsers()}/${atGlobex.body.id}`)).body).toMatchObject({ firstName: 'Gina', lastName: 'Globex' })
    const [person] = await t.db.select({ firstName: people.firstName }).from(people).where(eq(people.emailNormalized, 'gina@example.com'))
    expect(person!.firstName).toBe('Gina')
  })

  it('fixes a typo by removing and inviting again', async () => {
    const typo = await acme.post(acmeUsers(), { firstName: 'Tmo', lastName: 'Typo', email: 'typo@example.com', groupIds: [t.acme.groupId] })
    await acme.delete(`${acmeUsers()}/${typo.body.id}`)
    const fixed = await acme.post(acmeUsers(), { firstName: 'Tom', lastName: 'Fixed', email: 'typo@example.com', countryCode: 'CH', phone: '079 123 45 67', groupIds: [t.acme.groupId] })
    expect(fixed.body).toMatchObject({ firstName: 'Tom', lastName: 'Fixed', phone: '+41791234567' })
  })
})

describe('two accounts inviting one new person at once', () => {
  it('both succeed, and each keeps the name it entered', async () => {
    for (let round = 0; round < 6; round++) {
      const email = `both-${round}@example.com`
      const first = await acme.post(acmeUsers(), { firstName: 'Early', lastName: 'Bird', email, groupIds: [t.acme.groupId] })
      await acme.delete(`${acmeUsers()}/${first.body.id}`)

      const [fromAcme, fromGlobex] = await Promise.all([
        acme.post(acmeUsers(), { firstName: 'Acme', lastName: 'Chosen', email, groupIds: [t.acme.groupId] }),
        globex.post(globexUsers(), { firstName: 'Globex', lastName: 'Chosen', email, groupIds: [globexAccount.groupId] }),
      ])
      expect([fromAcme.status, fromGlobex.status]).toEqual([201, 201])
      expect([fromAcme.body.firstName, fromGlobex.body.firstName]).toEqual(['Acme', 'Globex'])
      const [person] = await t.db.select({ firstName: people.firstName }).from(people).where(eq(people.emailNormalized, email))
      expect(person!.firstName).toBe('Early')
    }
  })
})
