// Inviting a person who already exists: they are reused, and take the invitation's name only
// while nobody has claimed them. Two accounts inviting one new person at once agree on one name.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { people } from '../../../drizzle/schema.js'
import { createAccount } from '../../../api/core/seed.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import type { Session } from '../../support/http.js'

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

describe('two accounts inviting one new person at once', () => {
  it('both succeed, and both answer the one name that is stored: the first to commit', async () => {
    for (let round = 0; round < 6; round++) {
      const email = `both-${round}@example.com`
      // Known to the platform, claimed by nobody: each invitation could name them.
      const first = await acme.post(`/api/accounts/${t.acme.accountId}/users`, { firstName: 'Early', lastName: 'Bird', email, groupIds: [t.acme.groupId] })
      await acme.delete(`/api/accounts/${t.acme.accountId}/users/${first.body.id}`)

      const [fromAcme, fromGlobex] = await Promise.all([
        acme.post(`/api/accounts/${t.acme.accountId}/users`, { firstName: 'Acme', lastName: 'Chosen', email, groupIds: [t.acme.groupId] }),
        globex.post(`/api/accounts/${globexAccount.accountId}/users`, { firstName: 'Globex', lastName: 'Chosen', email, groupIds: [globexAccount.groupId] }),
      ])
      expect([fromAcme.status, fromGlobex.status]).toEqual([201, 201])
      const [stored] = await t.db.select({ firstName: people.firstName }).from(people).where(eq(people.emailNormalized, email))
      expect([fromAcme.body.firstName, fromGlobex.body.firstName]).toEqual([stored!.firstName, stored!.firstName])
    }
  })
})
