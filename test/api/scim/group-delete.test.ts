// DELETE /Groups/:id: the group goes, its members stay in the account, and the groups the account
// cannot do without (the default one, any live token's provisioning group) are refused by name.
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.js'
import { createToken, filterQuery, GROUP, USER, withScimToken, type CreatedToken, type ScimClient } from '../../support/scim.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
let token: CreatedToken
let scim: ScimClient
withScimToken({ name: 'entra-prod', sendInvitationEmail: false }, (bed) => ({ t, admin, token, scim } = bed))

const newUser = async (userName: string) => (await scim.post('/Users', { schemas: [USER], userName })).body.id as string
const groupIdsOf = async (id: string) => ((await scim.get(`/Users/${id}`)).body.groups as { value: string }[]).map((g) => g.value).sort()
const newGroup = async (displayName: string, memberIds: string[] = []) =>
  (await scim.post('/Groups', { schemas: [GROUP], displayName, members: memberIds.map((value) => ({ value })) })).body.id as string

describe('deleting a group', () => {
  it('removes it; a member whose last group it was falls back to the token’s group, the others keep theirs', async () => {
    const onlyHere = await newUser('only-here@example.com')
    const elsewhereToo = await newUser('elsewhere-too@example.com')
    const sales = await newGroup('Sales', [onlyHere, elsewhereToo])
    const support = await newGroup('Support', [elsewhereToo])
    // Leave the token's group, so that Sales is the one group of the first user.
    await scim.put(`/Groups/${token.provisionGroupId}`, { schemas: [GROUP], displayName: 'Provisioned users', members: [] })
    expect(await groupIdsOf(onlyHere)).toEqual([sales])

    const deleted = await scim.delete(`/Groups/${sales}`)
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    expect((await scim.get(`/Groups/${sales}`)).status).toBe(404)
    expect((await scim.delete(`/Groups/${sales}`)).status).toBe(404)
    expect((await scim.get(`/Groups?${filterQuery('displayName eq "Sales"')}`)).body.totalResults).toBe(0)
    expect(await groupIdsOf(onlyHere)).toEqual([token.provisionGroupId])
    expect(await groupIdsOf(elsewhereToo)).toEqual([support])

    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    const deletes = log.body.filter((entry: { method: string }) => entry.method === 'DELETE')
    expect(deletes.map((entry: { status: number; summary: string }) => [entry.status, entry.summary])).toEqual([
      [404, `Group ${sales} not found.`],
      [204, "Deleted group Sales: 1 member left without a group joined the token's own"],
    ])
  })

  it('refuses the token’s own group, and the group another live token provisions into, naming that token', async () => {
    const own = await scim.delete(`/Groups/${token.provisionGroupId}`)
    expect(own.status).toBe(400)
    expect(own.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'mutability' })
    expect(own.body.detail).toMatch(/where this token provisions users/)

    const member = await newUser('okta-side@example.com')
    const oktaGroup = await newGroup('Okta users', [member])
    const okta = await createToken(t, admin, { name: 'okta-prod', provisionGroupId: oktaGroup })
    const refused = await scim.delete(`/Groups/${oktaGroup}`)
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toBe(
      'The group "Okta users" is where API token "okta-prod" provisions users; choose another group for the token on the API tokens page, or revoke it, first.',
    )
    // Refused whole: the member is still there.
    expect((await scim.get(`/Groups/${oktaGroup}`)).body.members.map((m: { value: string }) => m.value)).toEqual([member])

    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/api-tokens/${okta.id}`)).status).toBe(200)
    expect((await scim.delete(`/Groups/${oktaGroup}`)).status).toBe(204)
  })

  it('refuses the Administrators group, and knows nothing of a group that is not a uuid', async () => {
    const administrators = (await scim.get(`/Groups?${filterQuery('displayName eq "Administrators"')}`)).body.Resources[0]
    const refused = await scim.delete(`/Groups/${administrators.id}`)
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatch(/cannot be deleted/)
    expect((await scim.get(`/Groups/${administrators.id}`)).body.members.length).toBeGreaterThan(0)
    expect((await scim.delete('/Groups/not-a-uuid')).status).toBe(404)
  })
})
