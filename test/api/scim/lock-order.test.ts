// Requests that meet on the same user and group at once, as a provider's cycle and an
// administrator do: each takes its locks in one order (members, then groups), and PostgreSQL's
// rare remaining deadlock is retried. None may answer 500. (PGlite runs one transaction at a time:
// these matter on the PostgreSQL server.)
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { TestApp } from '../../support/app.js'
import { someoneWaitsForALock } from '../../support/locks.js'
import type { Session } from '../../support/http.js'
import { createToken, GROUP, PATCH_OP, scimClient, USER, withScimToken, type CreatedToken, type ScimClient } from '../../support/scim.js'

let t: TestApp
let admin: Session
let token: CreatedToken
let scim: ScimClient
withScimToken({ name: 'entra-prod', sendInvitationEmail: false }, (bed) => ({ t, admin, token, scim } = bed))

const ROUNDS = 8
let serial = 0
const newUser = async () => (await scim.post('/Users', { schemas: [USER], userName: `lock-${++serial}@example.com` })).body.id as string
const newGroup = async (memberIds: string[] = []) =>
  (await scim.post('/Groups', { schemas: [GROUP], displayName: `Lock ${++serial}`, members: memberIds.map((value) => ({ value })) })).body.id as string
const patchGroup = (id: string, ...Operations: unknown[]) => scim.patch(`/Groups/${id}`, { schemas: [PATCH_OP], Operations })
const memberIdsOf = async (groupId: string) => ((await scim.get(`/Groups/${groupId}`)).body.members ?? []).map((m: { value: string }) => m.value).sort()

describe('concurrent changes of one user and group', () => {
  it('a group PATCH naming a user, while that user is deleted: both succeed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const user = await newUser()
      const other = await newUser()
      const group = await newGroup([user])
      const [patched, deleted] = await Promise.all([
        patchGroup(group, { op: 'Remove', path: 'members', value: [{ $ref: null, value: user }] }, { op: 'add', path: 'members', value: [{ value: other }] }),
        scim.delete(`/Users/${user}`),
      ])
      expect([patched.status, deleted.status]).toEqual([204, 204])
      expect(await memberIdsOf(group)).toEqual([other])
    }
  })

  it("an administrator's change of a user's groups, while the provider pushes one of them: both succeed", async () => {
    const usersPath = `/api/accounts/${t.acme.accountId}/users`
    for (let round = 0; round < ROUNDS; round++) {
      const user = await newUser()
      const other = await newUser()
      const group = await newGroup()
      const [edited, patched] = await Promise.all([
        admin.put(`${usersPath}/${user}`, { ...(await admin.get(`${usersPath}/${user}`)).body, groupIds: [token.provisionGroupId, group] }),
        patchGroup(group, { op: 'add', path: 'members', value: [{ value: user }, { value: other }] }),
      ])
      expect([edited.status, patched.status]).toEqual([200, 204])
      expect(await memberIdsOf(group)).toEqual([user, other].sort())
    }
  })

  it("a group's DELETE while an administrator adds a user to it: the group goes; the edit succeeds, or says the group is gone", async () => {
    const usersPath = `/api/accounts/${t.acme.accountId}/users`
    for (let round = 0; round < ROUNDS; round++) {
      const user = await newUser()
      const group = await newGroup()
      const record = (await admin.get(`${usersPath}/${user}`)).body
      const [deleted, edited] = await Promise.all([
        scim.delete(`/Groups/${group}`),
        admin.put(`${usersPath}/${user}`, { ...record, groupIds: [token.provisionGroupId, group] }),
      ])
      expect(deleted.status).toBe(204)
      // 200 before the DELETE; 409 if the group went while the edit waited for it; 400 (no such group) after it.
      expect([200, 400, 409]).toContain(edited.status)
      if (edited.status === 409) expect(edited.body.message).toBe('A group you chose was deleted meanwhile; choose the groups again.')
      expect((await admin.get(`${usersPath}/${user}`)).body.groupIds).toEqual([token.provisionGroupId])
    }
  })

  it('an invitation into a group deleted while it is being written: a 409 that says so, and no member left behind', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const usersPath = `/api/accounts/${t.acme.accountId}/users`
    const group = await newGroup()
    const email = `gone-${++serial}@example.com`
    let invited: ReturnType<typeof admin.post> | undefined
    // The deletion, open while the invitation's statement checks its group: that check waits for it.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`delete from groups where id = ${group}`)
      invited = admin.post(usersPath, { firstName: 'Gone', lastName: 'Group', email, groupIds: [group] })
      await someoneWaitsForALock(t)
    })
    const answer = await invited!
    expect(answer.status).toBe(409)
    expect(answer.body).toMatchObject({ code: 'conflict', message: 'A group you chose was deleted meanwhile; choose the groups again.' })
    expect((await admin.get(`${usersPath}?${new URLSearchParams({ filter: JSON.stringify({ q: email }) })}`)).body).toEqual([])
  })

  it("an administrator moving a user out of the token's group into a group, while the provider empties that group: both succeed", async () => {
    const usersPath = `/api/accounts/${t.acme.accountId}/users`
    for (let round = 0; round < ROUNDS; round++) {
      const [leaving, moving] = [await newUser(), await newUser()]
      const group = await newGroup([leaving])
      await admin.put(`${usersPath}/${leaving}`, { groupIds: [group] }) // in that group alone: its removal falls back
      const [moved, patched] = await Promise.all([
        admin.put(`${usersPath}/${moving}`, { groupIds: [group] }),
        patchGroup(group, { op: 'remove', path: `members[value eq "${leaving}"]` }),
      ])
      expect([moved.status, patched.status]).toEqual([200, 204])
      expect(await memberIdsOf(group)).toEqual([moving])
      expect((await admin.get(`${usersPath}/${leaving}`)).body.groupIds).toEqual([token.provisionGroupId])
    }
  })

  it('a member leaving a group another request holds does not wait for it (groups are locked in no one order)', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const usersPath = `/api/accounts/${t.acme.accountId}/users`
    const user = await newUser()
    const group = await newGroup([user])
    let edit: Promise<{ status: number }> | undefined
    await t.db.transaction(async (tx) => {
      // What a SCIM write of the group holds for its whole request.
      await tx.execute(sql`select id from groups where id = ${group} for no key update`)
      edit = admin.put(`${usersPath}/${user}`, { groupIds: [token.provisionGroupId] })
      const first = await Promise.race([edit.then(() => 'edited'), someoneWaitsForALock(t).then(() => 'waited', () => 'never waited')])
      expect(first).toBe('edited')
    })
    expect((await edit!).status).toBe(200)
  })

  it("Okta's push-now (a PUT of all members) while one of the current members is deleted: both succeed", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [leaving, staying, joining] = [await newUser(), await newUser(), await newUser()]
      const group = await newGroup([leaving, staying])
      const [pushed, deleted] = await Promise.all([
        scim.put(`/Groups/${group}`, { schemas: [GROUP], displayName: `Pushed ${round}`, members: [{ value: staying }, { value: joining }] }),
        scim.delete(`/Users/${leaving}`),
      ])
      expect([pushed.status, deleted.status]).toEqual([200, 204])
      expect(await memberIdsOf(group)).toEqual([staying, joining].sort())
    }
  })

  it('two Okta pushes that move users across two groups at once: both succeed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [first, second] = [await newUser(), await newUser()]
      const [groupA, groupB] = [await newGroup([first]), await newGroup([second])]
      await scim.put(`/Groups/${token.provisionGroupId}`, { schemas: [GROUP], displayName: 'Provisioned users', members: [] })
      const answers = await Promise.all([
        patchGroup(groupA, { op: 'remove', path: `members[value eq "${first}"]` }, { op: 'add', path: 'members', value: [{ value: second }] }),
        patchGroup(groupB, { op: 'remove', path: `members[value eq "${second}"]` }, { op: 'add', path: 'members', value: [{ value: first }] }),
      ])
      expect(answers.map((answer) => answer.status)).toEqual([204, 204])
      expect([await memberIdsOf(groupA), await memberIdsOf(groupB)]).toEqual([[second], [first]])
    }
  })

  it('a DELETE with If-Match that waited for a change to the user is refused with 412, as PUT and PATCH are', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const created = await scim.post('/Users', { schemas: [USER], userName: `etag-${++serial}@example.com` })
    const id = created.body.id as string
    let deleted: ReturnType<ScimClient['delete']> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${id} for update`)
      deleted = scim.delete(`/Users/${id}`, { 'if-match': created.headers.get('etag')! })
      await someoneWaitsForALock(t)
      await tx.execute(sql`update memberships set scim = scim || '{"title":"Changed meanwhile"}'::jsonb where id = ${id}`)
    })
    expect((await deleted!).status).toBe(412)
    expect((await scim.get(`/Users/${id}`)).body.title).toBe('Changed meanwhile')
  })

  // The fallback group is the one the token had when the request came in: an administrator may
  // give the token another and delete the old one while the request waits for a member.
  it('a member falling back to a token group deleted meanwhile: 409, nothing changed, and the same request then succeeds', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const groupsPath = `/api/accounts/${t.acme.accountId}/groups`
    const [first, second] = [(await admin.post(groupsPath, { name: `Fallback ${++serial}` })).body, (await admin.post(groupsPath, { name: `Fallback ${++serial}` })).body]
    const other = await createToken(t, admin, { provisionGroupId: first.id, sendInvitationEmail: false })
    const otherScim = scimClient(t, other.token)
    const user = await newUser()
    const group = await newGroup([user])
    await scim.put(`/Groups/${token.provisionGroupId}`, { schemas: [GROUP], displayName: 'Provisioned users', members: [] })
    const removal = { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${user}"]` }] }
    let patched: ReturnType<ScimClient['patch']> | undefined
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${user} for update`)
      patched = otherScim.patch(`/Groups/${group}`, removal)
      await someoneWaitsForALock(t)
      expect((await admin.put(`/api/accounts/${t.acme.accountId}/api-tokens/${other.id}`, { provisionGroupId: second.id })).status).toBe(200)
      expect((await admin.delete(`${groupsPath}/${first.id}`)).status).toBe(200)
    })
    const refused = await patched!
    expect([refused.status, refused.body.status, refused.body.detail]).toEqual([409, '409', expect.stringContaining('send the request again')])
    expect(await memberIdsOf(group)).toEqual([user])
    expect((await otherScim.patch(`/Groups/${group}`, removal)).status).toBe(204)
    expect(await memberIdsOf(second.id)).toEqual([user])
  })

  it('a change that waited for a member is recorded at the time it got them, after the change it waited for', async (context) => {
    if (t.driver !== 'postgres') return context.skip() // PGlite runs one transaction at a time
    const usersPath = `/api/accounts/${t.acme.accountId}/users`
    const user = await newUser()
    const group = await newGroup()
    const record = (await admin.get(`${usersPath}/${user}`)).body
    let edited: ReturnType<typeof admin.put> | undefined
    const waitingSince = t.clock.now()
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from memberships where id = ${user} for update`)
      edited = admin.put(`${usersPath}/${user}`, { ...record, groupIds: [token.provisionGroupId, group] })
      await someoneWaitsForALock(t)
      t.clock.advance(60_000)
    })
    expect((await edited!).status).toBe(200)
    const history = await admin.get(`/api/accounts/${t.acme.accountId}/events?filter=${encodeURIComponent(JSON.stringify({ userId: user }))}`)
    const change = history.body.find((event: { type: string }) => event.type === 'groups_changed')
    expect(new Date(change.occurredAt).getTime()).toBe(waitingSince.getTime() + 60_000)
  })
})
