// What administrators see of a provisioned user in the admin API: the provisioning log names users
// by the provider's userName, so the Users search finds them by it, and a user's record carries
// what the provider keeps on them.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.js'
import type { Session } from '../../support/http.js'
import { ENTERPRISE, PATCH_OP, USER, withScimToken, type ScimClient } from '../../support/scim.js'

let t: TestApp
let admin: Session
let scim: ScimClient
withScimToken({ name: 'entra-prod', sendInvitationEmail: false }, (bed) => ({ t, admin, scim } = bed))

const usersPath = () => `/api/accounts/${t.acme.accountId}/users`
const search = async (q: string) =>
  ((await admin.get(`${usersPath()}?filter=${encodeURIComponent(JSON.stringify({ q }))}`)).body as { email: string }[]).map((user) => user.email)

describe('a provisioned user in the admin API', () => {
  it('is found by the provider’s userName, and carries what the provider keeps on them', async () => {
    const created = await scim.post('/Users', {
      schemas: [USER, ENTERPRISE],
      userName: 'alice@contoso.onmicrosoft.com',
      externalId: 'a1b2',
      name: { givenName: 'Alice', familyName: 'Smith' },
      emails: [{ primary: true, type: 'work', value: 'alice.smith@contoso.com' }],
      [ENTERPRISE]: { department: 'Sales' },
    })
    expect(created.status).toBe(201)
    await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] })

    expect(await search('alice@contoso.onmicrosoft')).toEqual(['alice.smith@contoso.com'])
    const user = (await admin.get(`${usersPath()}/${created.body.id}`)).body
    expect(user.provider).toEqual({
      userName: 'alice@contoso.onmicrosoft.com',
      externalId: 'a1b2',
      attributes: {
        name: { givenName: 'Alice', familyName: 'Smith' },
        emails: [{ primary: true, type: 'work', value: 'alice.smith@contoso.com' }],
        title: 'Lead',
        [ENTERPRISE]: { department: 'Sales' },
      },
    })
  })

  it('has no provider data when no provider has touched the member', async () => {
    const invited = await admin.post(usersPath(), { firstName: 'Ui', lastName: 'Only', email: 'ui-only@example.com', groupIds: [t.acme.groupId] })
    expect((await admin.get(`${usersPath()}/${invited.body.id}`)).body.provider).toBeNull()
    expect(await search('ui-only')).toEqual(['ui-only@example.com'])
  })
})
