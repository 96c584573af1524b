import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitations, mailbox, people } from '../../drizzle/schema.js'
import { hmac, sha256 } from '../../api/core/crypto.js'
import { createAccount } from '../../api/core/seed.js'
import { createTestApp, type TestApp } from '../support/app.js'
import { invite } from '../support/fixtures.js'
import type { Session } from '../support/http.js'

let t: TestApp
let acmeAdmin: Session
let globexAdmin: Session
let globex: Awaited<ReturnType<typeof createAccount>>

beforeAll(async () => {
  t = await createTestApp()
  acmeAdmin = await t.asAdmin()
  globex = await createAccount(t.db, t.clock, {
    name: 'Globex',
    admin: { email: 'admin@globex.test', firstName: 'Gus', lastName: 'Globex', password: 'Globex-pass-1!' },
  })
  globexAdmin = await t.http.signIn('admin@globex.test', 'Globex-pass-1!')
})
afterAll(() => t.close())

describe('tenant isolation', () => {
  it("an administrator of one account gets 404 for another account and for its users' ids", async () => {
    const created = await globexAdmin.post(`/api/accounts/${globex.accountId}/users`, {
      firstName: 'G',
      lastName: 'U',
      email: 'gu@globex.test',
      groupIds: [globex.groupId],
    })
    const globexUser = created.body as { id: string }
    const acme = `/api/accounts/${t.acme.accountId}`
    const other = `/api/accounts/${globex.accountId}`
    for (const [method, path] of [
      ['GET', `${other}/users`],
      ['GET', `${other}/groups`],
      ['GET', `${other}/events`],
      ['GET', `${other}/emails`],
      ['GET', `${acme}/users/${globexUser.id}`],
      ['GET', `${acme}/users/${globexUser.id}/invitation-link`],
      ['POST', `${acme}/users/${globexUser.id}/resend-invitation`],
      ['PUT', `${acme}/users/${globexUser.id}`],
      ['DELETE', `${acme}/users/${globexUser.id}`],
      ['GET', `${acme}/groups/${globex.groupId}`],
      ['DELETE', `${acme}/groups/${globex.groupId}`],
    ] as const) {
      const response = await acmeAdmin.send(method, path, method === 'PUT' ? { json: { groupIds: [t.acme.groupId] } } : {})
      expect(response.status, `${method} ${path}`).toBe(404)
    }
    const list = await acmeAdmin.get(`${acme}/users?filter=${encodeURIComponent(JSON.stringify({ id: [globexUser.id] }))}`)
    expect(list.body).toEqual([])
    const events = await acmeAdmin.get(`${acme}/events?filter=${encodeURIComponent(JSON.stringify({ userId: globexUser.id }))}`)
    expect(events.body).toEqual([])
    expect((await globexAdmin.get(`${other}/users/${globexUser.id}`)).status).toBe(200)
  })

  it('refuses state-changing API requests from another site', async () => {
    const response = await acmeAdmin.send('POST', `/api/accounts/${t.acme.accountId}/groups`, {
      json: { name: 'Evil' },
      headers: { origin: 'https://evil.example' },
    })
    expect(response.status).toBe(403)
    const sameSite = await acmeAdmin.send('POST', `/api/accounts/${t.acme.accountId}/groups`, {
      json: { name: 'Good' },
      headers: { origin: 'http://roster.test' },
    })
    expect(sameSite.status).toBe(201)
  })
})

describe('headers of the pages people open', () => {
  it('an invitation page may run only its own inline script, and may not be framed', async () => {
    const user = await invite(t, acmeAdmin)
    const link = await t.invitationLinkFromEmail(user.email)
    for (const path of [new URL(link).pathname, `${new URL(link).pathname}/register`]) {
      const page = await t.http.send('GET', path)
      expect(page.headers.get('x-frame-options')).toBe('DENY')
      const policy = page.headers.get('content-security-policy')!
      expect(policy).toContain("frame-ancestors 'none'")
      const nonce = /script-src 'self' 'nonce-([\w-]+)'/.exec(policy)?.[1]
      expect(nonce).toBeTruthy()
      for (const script of page.text.match(/<script[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`)
    }
    const again = await t.http.send('GET', `${new URL(link).pathname}/register`)
    expect(again.headers.get('content-security-policy')).not.toBe((await t.http.send('GET', `${new URL(link).pathname}/register`)).headers.get('content-security-policy'))
  })

  it('JSON answers carry nosniff and DENY, and no page policy', async () => {
    const me = await acmeAdmin.get('/api/auth/me')
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    expect(me.headers.get('x-frame-options')).toBe('DENY')
    expect(me.headers.get('content-security-policy')).toBeNull()
  })
})

describe('secrets at rest', () => {
  it('a database dump alone cannot produce a working invitation link, yet Copy link returns the emailed one', async () => {
    const user = await invite(t, acmeAdmin)
    const link = await t.invitationLinkFromEmail(user.email)
    const token = new URL(link).pathname.split('/').pop()!
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/) // 256 bits
    const [row] = await t.db.select().from(invitations).where(eq(invitations.membershipId, user.id))
    const dump = JSON.stringify(row)
    expect(dump).not.toContain(token)
    expect(row!.tokenHash).toBe(await sha256(token))
    // What an attacker with the dump could try: the seed itself, or an HMAC without the server's key.
    for (const guess of [row!.seed, await hmac('a-guessed-secret', `invitation:${row!.seed}`), await sha256(row!.seed)]) {
      expect((await t.http.send('GET', `/invite/${guess}`)).status).toBe(404)
    }
    const copied = await acmeAdmin.get(`/api/accounts/${t.acme.accountId}/users/${user.id}/invitation-link`)
    expect(copied.body.url).toBe(link)
    expect(copied.headers.get('cache-control')).toBe('no-store')
  })

  it('stores passwords with a slow salted KDF', async () => {
    const [person] = await t.db.select({ hash: people.passwordHash }).from(people).where(eq(people.emailNormalized, 'admin@acme.test'))
    expect(person!.hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(person!.hash).not.toContain('Admin-pass-1!')
  })

  it('keeps rendered emails only in the development mailbox', async () => {
    const rows = await t.db.select({ id: mailbox.id }).from(mailbox)
    expect(rows.length).toBeGreaterThan(0)
    expect(t.services.mailer.name).toBe('mailbox')
  })
})

describe('list parameters', () => {
  it.each([
    ['sort=notjson', 'sort'],
    [`sort=${encodeURIComponent('["password","ASC"]')}`, 'sort'],
    ['range=[5,1]', 'range'],
    ['range=[-1,3]', 'range'],
    [`filter=${encodeURIComponent('{"state":"sleeping"}')}`, 'filter'],
    [`filter=${encodeURIComponent('{"q":{"$ne":1}}')}`, 'filter'],
  ])('%s is a 400 naming the parameter', async (query, field) => {
    const response = await acmeAdmin.get(`/api/accounts/${t.acme.accountId}/users?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.errors).toHaveProperty(field)
  })

  it('treats LIKE wildcards in the search as text', async () => {
    const response = await acmeAdmin.get(`/api/accounts/${t.acme.accountId}/users?filter=${encodeURIComponent('{"q":"%"}')}`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual([])
  })
})
