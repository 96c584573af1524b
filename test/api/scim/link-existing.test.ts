// An account that invited people in Roster before connecting its identity provider: the provider
// looks users up by its own userName (Entra: the UPN), finds nobody, and creates them. A member
// nobody provisioned yet is taken over; one a provider already holds is a named conflict.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.js'
import { someoneWaitsForALock } from '../../support/locks.js'
import type { Session } from '../../support/http.js'
import { createToken, filterQuery, PATCH_OP, scimClient, USER, withScimToken, type CreatedToken, type ScimClient } from '../../support/scim.js'

let t: TestApp
let admin: Session
let token: CreatedToken
let scim: ScimClient
withScimToken({ name: 'entra-prod' }, (bed) => ({ t, admin, token, scim } = bed))

const inviteInUi = async (email: string) => {
  const invited = await admin.post(`/api/accounts/${t.acme.accountId}/users`, { firstName: 'Lena', lastName: 'Frei', email, groupIds: [t.acme.groupId] })
  expect(invited.status).toBe(201)
  return invited.body.id as string
}
const entraUser = (upn: string, mail: string) => ({
  schemas: [USER],
  userName: upn,
  externalId: `lfrei-${upn}`,
  active: true,
  name: { givenName: 'Lena', familyName: 'Frei' },
  emails: [{ primary: true, type: 'work', value: mail }],
})
const emailsTo = async (to: string) => {
  await t.settle()
  return (await admin.get(`/api/accounts/${t.acme.accountId}/emails`)).body.filter((email: { to: string }) => email.to === to).length
}

describe('a create whose email is a member added in Roster', () => {
  it('takes that member over: same id, the provider\'s userName, state, groups and invitation kept, no second email', async () => {
    const id = await inviteInUi('lena.frei@contoso.com')
    const emailsBefore = await emailsTo('lena.frei@contoso.com')
    expect((await scim.get(`/Users?${filterQuery('userName eq "lfrei@contoso.onmicrosoft.com"')}`)).body.totalResults).toBe(0)

    const created = await scim.post('/Users', entraUser('lfrei@contoso.onmicrosoft.com', 'lena.frei@contoso.com'))
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toMatch(new RegExp(`/scim/v2/Users/${id}$`))
    expect(created.body).toMatchObject({ id, userName: 'lfrei@contoso.onmicrosoft.com', externalId: 'lfrei-lfrei@contoso.onmicrosoft.com', active: true })
    expect(created.body.groups.map((g: { value: string }) => g.value)).toEqual([t.acme.groupId])

    const found = await scim.get(`/Users?${filterQuery('userName eq "lfrei@contoso.onmicrosoft.com"')}`)
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([id])
    const user = await admin.get(`/api/accounts/${t.acme.accountId}/users/${id}`)
    expect(user.body.state).toBe('invited')
    expect(await emailsTo('lena.frei@contoso.com')).toBe(emailsBefore)

    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log`)
    expect(log.body.find((entry: { method: string }) => entry.method === 'POST')).toMatchObject({
      method: 'POST',
      status: 201,
      summary: 'Created user lfrei@contoso.onmicrosoft.com: took over lena.frei@contoso.com, a member added in Roster',
    })
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: id }))}`)
    expect(history.body[0]).toMatchObject({ type: 'updated', actor: { type: 'api_token', label: "token 'entra-prod'" } })
    expect(history.body[0].data.changed).toEqual(expect.arrayContaining(['userName', 'externalId']))
  })

  it('is a named 409 once a provider holds that member under another userName, and changes nothing', async () => {
    const again = await scim.post('/Users', entraUser('lena@contoso.onmicrosoft.com', 'Lena.Frei@contoso.com'))
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' })
    expect(again.body.detail).toContain('"lfrei@contoso.onmicrosoft.com"')
    expect((await scim.get(`/Users?${filterQuery('userName eq "lena@contoso.onmicrosoft.com"')}`)).body.totalResults).toBe(0)
  })

  it('is not for a member a token created: another provider\'s create is a named 409, and the first keeps finding its user', async () => {
    const other = scimClient(t, (await createToken(t, admin, { name: 'okta-prod' })).token)
    const minimal = await other.post('/Users', { schemas: [USER], userName: 'minimal@example.com' })
    expect(minimal.status).toBe(201)
    const taken = await scim.post('/Users', entraUser('minimal@contoso.onmicrosoft.com', 'minimal@example.com'))
    expect(taken.status).toBe(409)
    expect(taken.body.detail).toContain('"minimal@example.com"')
    expect((await other.get(`/Users?${filterQuery('userName eq "minimal@example.com"')}`)).body.totalResults).toBe(1)
  })

  it('is not for a member a provider found by its email and has changed (Okta: only active=false): another provider gets a named 409', async () => {
    const id = await inviteInUi('held@contoso.com')
    const okta = scimClient(t, (await createToken(t, admin, { name: 'okta-held' })).token)
    expect((await okta.get(`/Users?${filterQuery('userName eq "held@contoso.com"')}`)).body.Resources[0].id).toBe(id)
    expect((await okta.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })).status).toBe(200)

    const taken = await scim.post('/Users', entraUser('held@contoso.onmicrosoft.com', 'held@contoso.com'))
    expect(taken.status).toBe(409)
    expect(taken.body.detail).toContain('"held@contoso.com"')
    expect((await okta.get(`/Users?${filterQuery('userName eq "held@contoso.com"')}`)).body.Resources[0]).toMatchObject({ id, active: false })
  })

  it('is again for that member once the token that changed it is revoked (a rotated token)', async () => {
    const id = await inviteInUi('rotated@contoso.com')
    const old = await createToken(t, admin, { name: 'okta-old' })
    const okta = scimClient(t, old.token)
    expect((await okta.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })).status).toBe(200)
    expect((await scim.post('/Users', entraUser('rotated@contoso.onmicrosoft.com', 'rotated@contoso.com'))).status).toBe(409)

    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/api-tokens/${old.id}`)).status).toBe(200)
    const created = await scim.post('/Users', entraUser('rotated@contoso.onmicrosoft.com', 'rotated@contoso.com'))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ id, userName: 'rotated@contoso.onmicrosoft.com', active: true })
  })

  it('is not for a user the same token created: a second create with that email is a named 409', async () => {
    const own = await scim.post('/Users', { schemas: [USER], userName: 'own-minimal@example.com' })
    expect(own.status).toBe(201)
    const again = await scim.post('/Users', entraUser('own-minimal@contoso.onmicrosoft.com', 'own-minimal@example.com'))
    expect(again.status).toBe(409)
    expect((await scim.get(`/Users/${own.body.id}`)).body.userName).toBe('own-minimal@example.com')
  })

  it('is still for a member only this token has grouped: its own changes do not make it another provider\'s', async () => {
    const id = await inviteInUi('grouped@contoso.com')
    expect((await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Grouped first', members: [{ value: id }] })).status).toBe(201)
    const created = await scim.post('/Users', entraUser('grouped@contoso.onmicrosoft.com', 'grouped@contoso.com'))
    expect(created.status).toBe(201)
    expect(created.body.id).toBe(id)
  })

  it('is a 409 when another token deactivates the member while the create waits for the member\'s lock', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const id = await inviteInUi('raced@contoso.com')
    const other = await createToken(t, admin, { name: 'okta-racing' })
    let created: ReturnType<typeof scim.post> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${id} for update`)
      created = scim.post('/Users', entraUser('raced@contoso.onmicrosoft.com', 'raced@contoso.com'))
      await someoneWaitsForALock(t)
      // What the other token's PATCH active=false writes, committed while the create waits.
      await tx.execute(sql`update memberships set state = 'blocked', state_before_block = 'invited' where id = ${id}`)
      await tx.execute(sql`insert into events (account_id, membership_id, type, actor_type, actor_label, data, occurred_at)
        values (${t.acme.accountId}, ${id}, 'blocked', 'api_token', 'token ''okta-racing''', ${JSON.stringify({ tokenId: other.id })}::jsonb, now())`)
    })
    expect((await created!).status).toBe(409)
  })

  it('creates the user when the member with that email declines while the create waits for their lock', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const id = await inviteInUi('declining@contoso.com')
    let created: ReturnType<typeof scim.post> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${id} for update`)
      created = scim.post('/Users', entraUser('declining@contoso.onmicrosoft.com', 'declining@contoso.com'))
      await someoneWaitsForALock(t)
      // What the invitee's decline writes, committed while the create waits.
      await tx.execute(sql`update invitations set status = 'declined', ended_at = now() where membership_id = ${id} and status = 'pending'`)
      await tx.execute(sql`update memberships set ended_at = now(), end_reason = 'declined' where id = ${id}`)
      await tx.execute(sql`delete from group_members where membership_id = ${id}`)
    })
    const answer = await created!
    expect(answer.status).toBe(201)
    expect(answer.body.id).not.toBe(id)
    expect(answer.body.userName).toBe('declining@contoso.onmicrosoft.com')
  })

  it('keeps a blocked member blocked unless the create says active, and the log says when access changed', async () => {
    // The provider found them by their email as userName and deactivated them, then creates them under its own.
    const blockedId = await inviteInUi('offboarded@contoso.com')
    const block = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }
    expect((await scim.patch(`/Users/${blockedId}`, block)).body.active).toBe(false)
    const { active: _active, ...withoutActive } = entraUser('offboarded@contoso.onmicrosoft.com', 'offboarded@contoso.com')
    const kept = await scim.post('/Users', withoutActive)
    expect(kept.status).toBe(201)
    expect(kept.body).toMatchObject({ id: blockedId, active: false })

    const secondId = await inviteInUi('returning@contoso.com')
    expect((await scim.patch(`/Users/${secondId}`, block)).body.active).toBe(false)
    const back = await scim.post('/Users', entraUser('returning@contoso.onmicrosoft.com', 'returning@contoso.com'))
    expect(back.body).toMatchObject({ id: secondId, active: true })
    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    const summaries = log.body.filter((entry: { method: string }) => entry.method === 'POST').map((entry: { summary: string }) => entry.summary)
    expect(summaries.slice(0, 2)).toEqual([
      'Created user returning@contoso.onmicrosoft.com: took over returning@contoso.com, a member added in Roster (reactivated)',
      'Created user offboarded@contoso.onmicrosoft.com: took over offboarded@contoso.com, a member added in Roster',
    ])
  })

  it('goes to one of two concurrent creates; the other gets 409', async () => {
    const id = await inviteInUi('twice@contoso.com')
    const answers = await Promise.all([
      scim.post('/Users', entraUser('twice-a@contoso.onmicrosoft.com', 'twice@contoso.com')),
      scim.post('/Users', entraUser('twice-b@contoso.onmicrosoft.com', 'twice@contoso.com')),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    const winner = answers.find((a) => a.status === 201)!
    expect(winner.body.id).toBe(id)
    expect((await scim.get(`/Users/${id}`)).body.userName).toBe(winner.body.userName)
  })
})
