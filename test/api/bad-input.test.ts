// Input no field can hold: a clear error naming the field, never a 500 or a half-done change.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as schema from '../../drizzle/schema.js'
import { createTestApp, type TestApp } from '../support/app.js'
import type { Session } from '../support/http.js'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await createTestApp()
  admin = await t.asAdmin()
})
afterAll(() => t.close())

const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? ''

describe('text no database can store, or no name should hold', () => {
  it('refuses NUL in any JSON field with the field named, as a lone surrogate is', async () => {
    const groups = `/api/accounts/${t.acme.accountId}/groups`
    for (const [field, body] of [['name', { name: 'a\u0000b' }], ['description', { name: 'ok', description: 'x\u0000' }]] as const) {
      const response = await admin.post(groups, body)
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ code: 'validation_failed', requestId: expect.any(String) })
      expect(Object.keys(response.body.errors)).toEqual([field])
    }
    // Where no rule of the field's own catches it, the one for every JSON body does.
    const profile = await admin.put('/api/profile', { firstName: 'Ada', lastName: 'Admin', phone: '\u0000' })
    expect([profile.status, profile.body.errors]).toEqual([400, { phone: 'Contains a character that is not valid text.' }])
    expect((await admin.get(groups)).body.map((g: { name: string }) => g.name)).not.toContain('ok')
  })

  it('refuses control characters in group and token names, as in people names; a description may take lines', async () => {
    const groups = `/api/accounts/${t.acme.accountId}/groups`
    for (const name of ['a\u0007b', 'two\nlines', '\u202eevil']) {
      const response = await admin.post(groups, { name })
      expect([response.status, response.body.errors?.name]).toEqual([400, 'Remove the control characters (tabs, line breaks, ...).'])
      const token = await admin.post(`/api/accounts/${t.acme.accountId}/api-tokens`, { name })
      expect([token.status, token.body.errors?.name]).toEqual([400, 'Remove the control characters (tabs, line breaks, ...).'])
    }
    expect((await admin.post(groups, { name: 'Multi-line', description: 'First line\nSecond line' })).status).toBe(201)
    expect((await admin.post(groups, { name: 'Tabbed', description: 'a\tb' })).status).toBe(400)
  })

  it("saves the rest of a group or token whose older name has them (react-admin sends the whole record back)", async () => {
    const groups = `/api/accounts/${t.acme.accountId}/groups`
    const created = (await admin.post(groups, { name: 'Sales EMEA' })).body
    await t.db.update(schema.groups).set({ name: 'Sales\tEMEA' }).where(eq(schema.groups.id, created.id)) // as an identity provider named it
    const record = (await admin.get(`${groups}/${created.id}`)).body
    const saved = await admin.put(`${groups}/${created.id}`, { ...record, description: 'Everyone selling in Europe' })
    expect([saved.status, saved.body.name, saved.body.description]).toEqual([200, 'Sales\tEMEA', 'Everyone selling in Europe'])
    expect((await admin.put(`${groups}/${created.id}`, { ...record, name: 'Sales\tAPAC' })).status).toBe(400)

    const tokens = `/api/accounts/${t.acme.accountId}/api-tokens`
    const token = (await admin.post(tokens, { name: 'Okta prod' })).body
    await t.db.update(schema.apiTokens).set({ name: 'Okta\tprod' }).where(eq(schema.apiTokens.id, token.id)) // named before the rule
    const kept = await admin.put(`${tokens}/${token.id}`, { name: 'Okta\tprod', sendInvitationEmail: false })
    expect([kept.status, kept.body.sendInvitationEmail]).toEqual([200, false])
    expect((await admin.put(`${tokens}/${token.id}`, { name: 'Okta\tstaging' })).status).toBe(400)
  })

  it('says what is wrong with an over-long sign-in email or password', async () => {
    const long = await t.http.send('POST', '/api/auth/login', { json: { email: `${'x'.repeat(300)}@example.com`, password: 'x' } })
    expect([long.status, long.body.errors?.email]).toEqual([400, 'At most 254 characters.'])
    const longPassword = await t.http.send('POST', '/api/auth/login', { json: { email: 'a@example.com', password: 'x'.repeat(1001) } })
    expect([longPassword.status, longPassword.body.errors?.password]).toEqual([400, 'At most 1000 characters.'])
  })
})

describe('forms that cannot be read', () => {
  it('asks to send again a form whose body is not a form (a multipart body without its boundary), rather than fail', async () => {
    for (const path of ['/password/forgot', '/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/sign-in', '/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const page = await t.http.send('POST', path, { body: 'x', headers: { 'content-type': 'multipart/form-data' } })
      expect(page.status, path).not.toBe(500)
      expect(page.headers.get('content-type'), path).toContain('text/html')
    }
    const forgot = await t.http.send('POST', '/password/forgot', { body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=nope' } })
    expect(forgot.status).toBe(403)
    expect(forgot.text).toContain('This form has expired. Please submit it again.')
  })

  it('refuses an email with control characters on "Forgot your password?", on the form', async () => {
    const page = await t.http.send('GET', '/password/forgot')
    const body = new URLSearchParams({ csrf: csrfOf(page.text), email: 'admin@acme.test\u0000' }).toString()
    const answer = await t.http.send('POST', '/password/forgot', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookie: cookieOf(page.headers) })
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('Enter the email you sign in with.')
  })
})

describe('methods', () => {
  it('answers 405 with Allow for a method a path does not take, and 404 for a path that does not exist', async () => {
    const users = `/api/accounts/${t.acme.accountId}/users`
    const cases: [string, string, string[]][] = [
      ['PATCH', `${users}/${t.acme.membershipId}`, ['GET', 'PUT', 'DELETE']],
      ['POST', `/api/accounts/${t.acme.accountId}/events`, ['GET']],
      ['DELETE', users, ['GET', 'POST']],
    ]
    for (const [method, path, allowed] of cases) {
      const response = await admin.send(method, path, { json: {} })
      expect(response.status, `${method} ${path}`).toBe(405)
      expect(response.body).toMatchObject({ code: 'method_not_allowed', requestId: expect.any(String) })
      for (const name of allowed) expect(response.headers.get('allow'), `${method} ${path}`).toContain(name)
    }
    const login = await t.http.send('GET', '/api/auth/login')
    expect([login.status, login.headers.get('allow')]).toEqual([405, 'POST'])
    for (const path of ['/api/nothing', `/api/accounts/${t.acme.accountId}/nothing`, `${users}/${t.acme.membershipId}/nothing`]) {
      expect((await admin.get(path)).status, path).toBe(404)
    }
  })
})

