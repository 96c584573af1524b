// The Administrators group over SCIM: its members administer the account, so only a token that an
// administrator chose to provision into Administrators may change them.
import { describe, expect, it } from 'vitest'
import { withAdminApp, type TestApp } from '../../support/app.js'
import { createToken, filterQuery, GROUP, PATCH_OP, scimClient, USER } from '../../support/scim.js'
import type { Session } from '../../support/http.js'

let t: TestApp
let admin: Session
withAdminApp((bed) => ({ t, admin } = bed))

const adminIds = async (scim: ReturnType<typeof scimClient>, groupId: string) =>
  ((await scim.get(`/Groups/${groupId}`)).body.members as { value: string }[]).map((m) => m.value)

describe('the Administrators group over SCIM', () => {
  it('is read-only for a token that provisions elsewhere: no one becomes (or stops being) an administrator', async () => {
    const token = await createToken(t, admin, { name: 'okta-prod', sendInvitationEmail: false })
    const scim = scimClient(t, token.token)
    const administrators = (await scim.get(`/Groups?${filterQuery('displayName eq "Administrators"')}`)).body.Resources[0]
    const before = await adminIds(scim, administrators.id)
    const user = (await scim.post('/Users', { schemas: [USER], userName: 'climber@example.com' })).body.id

    const add = await scim.patch(`/Groups/${administrators.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: user }] }] })
    expect(add.status).toBe(403)
    expect(add.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' })
    expect(add.body.detail).toMatch(/are the account's administrators/)
    const put = await scim.put(`/Groups/${administrators.id}`, { schemas: [GROUP], displayName: 'Administrators', members: [{ value: user }] })
    expect(put.status).toBe(403)
    const removeAll = await scim.patch(`/Groups/${administrators.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] })
    expect(removeAll.status).toBe(403)
    expect(await adminIds(scim, administrators.id)).toEqual(before)

    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id, failed: true }))}`)
    expect(log.body.map((entry: { status: number }) => entry.status)).toEqual([403, 403, 403])
  })

  it('is managed by a token an administrator chose to provision into Administrators', async () => {
    const token = await createToken(t, admin, { name: 'entra-admins', provisionGroupId: t.acme.groupId, sendInvitationEmail: false })
    const scim = scimClient(t, token.token)
    const other = await createToken(t, admin, { name: 'entra-users', sendInvitationEmail: false })
    const user = (await scimClient(t, other.token).post('/Users', { schemas: [USER], userName: 'promoted@example.com' })).body.id
    const add = await scim.patch(`/Groups/${t.acme.groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: user }] }] })
    expect(add.status).toBe(204)
    expect(await adminIds(scim, t.acme.groupId)).toContain(user)
  })
})
