import { describe, expect, it } from 'vitest'
import { withAdminApp, type TestApp } from '../support/app.js'
import { invite } from '../support/fixtures.js'
import type { Session } from '../support/http.js'

let t: TestApp
let admin: Session
let path: string

withAdminApp((bed) => {
  ;({ t, admin } = bed)
  path = `/api/accounts/${t.acme.accountId}/groups`
})

describe('groups', () => {
  it('lists the default group first with its member count', async () => {
    await admin.post(path, { name: 'Auditors', description: 'Read-only' })
    const response = await admin.get(`${path}?sort=${encodeURIComponent('["name","ASC"]')}&range=[0,24]`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-range')).toBe('groups 0-1/2')
    expect(response.body[0]).toMatchObject({ id: t.acme.groupId, name: 'Administrators', isDefault: true, memberCount: 1 })
    expect(response.body[1]).toMatchObject({ name: 'Auditors', description: 'Read-only', isDefault: false, memberCount: 0 })
  })

  it('creates, renames and describes a group; names are unique per account, case-insensitively', async () => {
    const created = await admin.post(path, { name: 'Finance' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'Finance', description: '', memberCount: 0 })
    const duplicate = await admin.post(path, { name: ' FINANCE ' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.errors).toEqual({ name: 'A group with this name already exists.' })
    const renamed = await admin.put(`${path}/${created.body.id}`, { name: 'Finance EU', description: 'Europe' })
    expect(renamed.body).toMatchObject({ name: 'Finance EU', description: 'Europe' })
    expect((await admin.put(`${path}/${created.body.id}`, { name: 'administrators' })).status).toBe(409)
    expect((await admin.post(path, { name: '' })).status).toBe(400)
  })

  it('refuses a body that is not sent as JSON with 415, and changes nothing', async () => {
    const created = await admin.post(path, { name: 'Plain text' })
    const body = JSON.stringify({ name: 'Renamed', description: 'new' })
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const updated = await admin.send('PUT', `${path}/${created.body.id}`, { body, headers: { 'content-type': type } })
      expect(updated.status).toBe(415)
      expect(updated.body).toMatchObject({ code: 'unsupported_media_type', requestId: expect.any(String) })
      expect((await admin.send('POST', path, { body, headers: { 'content-type': type } })).status).toBe(415)
    }
    expect((await admin.get(`${path}/${created.body.id}`)).body).toMatchObject({ name: 'Plain text', description: '' })
    expect((await admin.send('PUT', `${path}/${created.body.id}`, { body, headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200)
  })

  it('never deletes the default group, nor renames it', async () => {
    const response = await admin.delete(`${path}/${t.acme.groupId}`)
    expect(response.status).toBe(409)
    expect(response.body.message).toBe('The default group "Administrators" cannot be deleted.')
    expect((await admin.put(`${path}/${t.acme.groupId}`, { name: 'Admins' })).status).toBe(409)
    expect((await admin.put(`${path}/${t.acme.groupId}`, { name: 'Administrators', description: 'Runs the account' })).status).toBe(200)
  })

  it('deletes a group only once it has no members', async () => {
    const group = (await admin.post(path, { name: 'Temporary' })).body
    const user = await invite(t, admin, { groupIds: [group.id] })
    const refused = await admin.delete(`${path}/${group.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('still has members')
    await admin.put(`/api/accounts/${t.acme.accountId}/users/${user.id}`, { groupIds: [t.acme.groupId] })
    const deleted = await admin.delete(`${path}/${group.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toMatchObject({ id: group.id, name: 'Temporary' })
    expect((await admin.get(`${path}/${group.id}`)).status).toBe(404)
  })

  it('filters users by group and gets many groups by id', async () => {
    const group = (await admin.post(path, { name: 'Filtered' })).body
    const user = await invite(t, admin, { groupIds: [group.id] })
    const users = await admin.get(`/api/accounts/${t.acme.accountId}/users?filter=${encodeURIComponent(JSON.stringify({ groupId: group.id }))}`)
    expect(users.body.map((u: { id: string }) => u.id)).toEqual([user.id])
    const many = await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ id: [group.id, t.acme.groupId, 'bad'] }))}`)
    expect(many.body.map((g: { id: string }) => g.id).sort()).toEqual([group.id, t.acme.groupId].sort())
  })
})
