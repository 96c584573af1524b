import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { apiTokens } from '../../drizzle/schema.js'
import { sha256 } from '../../api/core/crypto.js'
import { withAdminApp, type TestApp } from '../support/app.js'
import type { Session } from '../support/http.js'

let t: TestApp
let admin: Session
let path: string

withAdminApp((bed) => {
  ;({ t, admin } = bed)
  path = `/api/accounts/${t.acme.accountId}/api-tokens`
})

describe('API tokens', () => {
  it('returns the token once, stores only its hash, and provisions into a group that is not Administrators', async () => {
    const created = await admin.post(path, { name: 'entra-prod' })
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('no-store')
    expect(created.body.token).toMatch(/^roster_scim_[A-Za-z0-9_-]{43}$/)
    expect(created.body).toMatchObject({ name: 'entra-prod', sendInvitationEmail: true, lastUsedAt: null, prefix: created.body.token.slice(0, 16) })
    expect(created.body.provisionGroupId).not.toBe(t.acme.groupId)
    const group = await admin.get(`/api/accounts/${t.acme.accountId}/groups/${created.body.provisionGroupId}`)
    expect(group.body.name).toBe('Provisioned users')

    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.body.id))
    expect(JSON.stringify(row)).not.toContain(created.body.token)
    expect(row!.tokenHash).toBe(await sha256(created.body.token))

    const listed = await admin.get(path)
    expect(listed.headers.get('content-range')).toBe('api-tokens 0-0/1')
    expect(listed.body[0]).not.toHaveProperty('token')
    expect((await admin.get(`${path}/${created.body.id}`)).body).not.toHaveProperty('token')
  })

  it('records the last use', async () => {
    const created = (await admin.post(path, { name: 'used' })).body
    t.clock.advance(5000)
    await t.http.send('GET', '/scim/v2/Users', { headers: { authorization: `Bearer ${created.token}` } })
    expect((await admin.get(`${path}/${created.id}`)).body.lastUsedAt).toBe(t.clock.now().toISOString())
  })

  it('edits the settings: group (Administrators only when chosen) and invitation emails', async () => {
    const created = (await admin.post(path, { name: 'settings' })).body
    const updated = await admin.put(`${path}/${created.id}`, { provisionGroupId: t.acme.groupId, sendInvitationEmail: false })
    expect(updated.body).toMatchObject({ provisionGroupId: t.acme.groupId, sendInvitationEmail: false })
    for (const provisionGroupId of [crypto.randomUUID(), 'nope']) {
      const bad = await admin.put(`${path}/${created.id}`, { provisionGroupId })
      expect(bad.status).toBe(400)
      expect(bad.body.errors).toHaveProperty('provisionGroupId')
    }
  })

  it('refuses a duplicate name among live tokens, and revokes', async () => {
    const first = (await admin.post(path, { name: 'Okta' })).body
    const duplicate = await admin.post(path, { name: 'okta' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.errors).toHaveProperty('name')
    const revoked = await admin.delete(`${path}/${first.id}`)
    expect(revoked.status).toBe(200)
    expect((await admin.get(`${path}/${first.id}`)).status).toBe(410)
    expect((await admin.post(path, { name: 'okta' })).status).toBe(201)
  })

  it('tells a revoked token (410, saying when) from one that never existed (404), for reads, edits and revokes', async () => {
    const token = (await admin.post(path, { name: 'old-okta' })).body
    t.clock.advance(60_000)
    expect((await admin.delete(`${path}/${token.id}`)).status).toBe(200)
    for (const response of [
      await admin.get(`${path}/${token.id}`),
      await admin.put(`${path}/${token.id}`, { name: 'renamed' }),
      await admin.put(`${path}/${token.id}`, {}),
      await admin.delete(`${path}/${token.id}`),
    ]) {
      expect(response.status).toBe(410)
      expect(response.body).toMatchObject({ code: 'gone', requestId: expect.any(String) })
      expect(response.body.message).toContain(`"old-okta" was revoked on ${t.clock.now().toISOString()}`)
    }
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, token.id))
    expect(row).toMatchObject({ name: 'old-okta', revokedAt: t.clock.now() })

    for (const id of [crypto.randomUUID(), 'nope']) {
      for (const response of [await admin.get(`${path}/${id}`), await admin.put(`${path}/${id}`, { name: 'x' }), await admin.delete(`${path}/${id}`)]) {
        expect(response.status).toBe(404)
        expect(response.body.code).toBe('not_found')
      }
    }
  })

  it('revokes once when two administrators revoke at the same moment', async () => {
    const token = (await admin.post(path, { name: 'twice' })).body
    const statuses = (await Promise.all([admin.delete(`${path}/${token.id}`), admin.delete(`${path}/${token.id}`)])).map((r) => r.status)
    expect(statuses.sort()).toEqual([200, 410])
  })

  it('keeps a group in use while a live token provisions into it, and lets go of it once revoked', async () => {
    const groups = `/api/accounts/${t.acme.accountId}/groups`
    const group = (await admin.post(groups, { name: 'Contractors' })).body
    const token = (await admin.post(path, { name: 'contractors-idp', provisionGroupId: group.id })).body
    const refused = await admin.delete(`${groups}/${group.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('"contractors-idp"')
    expect(refused.body.message).not.toContain('members')

    const revoked = await admin.delete(`${path}/${token.id}`)
    expect(revoked.body).toMatchObject({ id: token.id, revokedAt: expect.any(String) })
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, token.id))
    expect(row!.provisionGroupId).toBeNull()
    expect((await admin.delete(`${groups}/${group.id}`)).status).toBe(200)
  })

  it('lists revoked tokens only when asked, or by id', async () => {
    const gone = (await admin.post(path, { name: 'gone' })).body
    await admin.delete(`${path}/${gone.id}`)
    const ids = (response: { body: { id: string }[] }) => response.body.map((token) => token.id)
    expect(ids(await admin.get(path))).not.toContain(gone.id)
    const all = await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ includeRevoked: true }))}`)
    expect(all.body.find((token: { id: string }) => token.id === gone.id)).toMatchObject({ name: 'gone', revokedAt: expect.any(String), provisionGroupId: null })
    expect(ids(await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ id: [gone.id] }))}`))).toEqual([gone.id])
    expect((await admin.get(`${path}?filter=${encodeURIComponent(JSON.stringify({ includeRevoked: 'yes' }))}`)).status).toBe(400)
  })

  it('changes nothing for an update without any setting (react-admin sends the whole record)', async () => {
    const created = await admin.post(path, { name: 'whole-record' })
    for (const body of [{}, { id: created.body.id, createdAt: created.body.createdAt, lastUsedAt: null }]) {
      const updated = await admin.put(`${path}/${created.body.id}`, body)
      expect(updated.status).toBe(200)
      expect(updated.body).toMatchObject({ id: created.body.id, name: 'whole-record', provisionGroupId: created.body.provisionGroupId })
    }
  })

  it('validates input', async () => {
    expect((await admin.post(path, {})).status).toBe(400)
    expect((await admin.post(path, { name: ' ' })).status).toBe(400)
    expect((await admin.post(path, { name: 'x', sendInvitationEmail: 'yes' })).status).toBe(400)
  })
})
