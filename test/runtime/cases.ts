import http from 'node:http'
import { expect } from 'vitest'
import { pagePolicy } from '../../api/middleware/content-security.js'
import {
  chunkedPost,
  client,
  defaultGroupId,
  expectStatus,
  filterParam,
  hugeUser,
  plainGet,
  signIn,
  unique,
  waitForEmail,
  type RuntimeCase,
} from './harness.js'

export type { Target } from './harness.js'

// The HTTP cases that run unchanged against every runtime: Node with postgres.js, and workerd
// through wrangler dev and Hyperdrive.
export const MEMBER_PASSWORD = 'Str0ng-enough!'
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'
const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

export const cases: RuntimeCase[] = [
  {
    name: 'health answers ok',
    async run(target) {
      const answer = await client(target.baseUrl).get('/health')
      expectStatus(answer, 200, 'GET /health')
      expect(answer.headers.get('content-type')).toContain('application/json')
      expect(answer.body).toEqual({ ok: true })
    },
  },

  {
    name: 'sign-in with the right password sets an HttpOnly session cookie that works',
    async run(target) {
      const session = client(target.baseUrl)
      const answer = await session.post('/api/auth/login', { email: ` ${target.admin.email.toUpperCase()} `, password: target.admin.password })
      expectStatus(answer, 200, 'sign-in')
      expect(answer.body.person).toMatchObject({ email: target.admin.email })
      const setCookie = answer.headers.getSetCookie().find((line) => line.startsWith('roster_session='))
      expect(setCookie).toMatch(/^roster_session=[A-Za-z0-9_-]{43};/)
      expect(setCookie).toMatch(/HttpOnly/i)
      expect(setCookie).toMatch(/SameSite=Lax/i)

      const me = await session.get('/api/auth/me')
      expectStatus(me, 200, 'GET /api/auth/me')
      expect(me.body.person.email).toBe(target.admin.email)
      expect(me.body.administeredAccounts).toEqual([{ id: target.accountId, name: expect.any(String) }])
      expect(me.body.memberships).toEqual([expect.objectContaining({ accountId: target.accountId, state: 'active', isAdministrator: true })])
    },
  },

  {
    name: 'sign-in with a wrong password is a 401 with the JSON error shape and no cookie',
    async run(target) {
      const session = client(target.baseUrl)
      const answer = await session.post('/api/auth/login', { email: target.admin.email, password: 'Not-the-password-1!' })
      expectStatus(answer, 401, 'sign-in with a wrong password')
      expect(answer.headers.get('content-type')).toContain('application/json')
      expect(answer.body).toEqual({ code: 'invalid_credentials', message: expect.any(String), requestId: expect.any(String) })
      expect(answer.body.message.length).toBeGreaterThan(0)
      expect(answer.headers.getSetCookie()).toEqual([])
      expect((await session.get('/api/auth/me')).status).toBe(401)
    },
  },

  {
    // On Workers the request's database client is new, and this form's first statement opens a
    // transaction: postgres.js's reserve() on a cold pool hung there (patches/postgres+3.4.9.patch).
    name: '"Forgot your password?" answers alike for any address, and its emailed link sets the password',
    async run(target) {
      const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1]
      const browser = client(target.baseUrl)
      for (const email of [unique('nobody'), target.admin.email]) {
        const form = await browser.get('/password/forgot')
        expectStatus(form, 200, 'open the forgot-password form')
        expect(csrfOf(form.text), 'a csrf field in the form').toMatch(/^[A-Za-z0-9_-]{43}$/)
        const posted = await browser.send('POST', '/password/forgot', { form: { csrf: csrfOf(form.text)!, email }, headers: { origin: target.baseUrl } })
        expectStatus(posted, 303, `ask for a reset link for ${email}`)
        const sent = await browser.get(posted.headers.get('location')!)
        expectStatus(sent, 200, 'open the page that says a link went out')
        expect(sent.text).toContain('Check your email')
      }
      // The email goes out after the response (waitUntil on Workers).
      let link: string | undefined
      for (let tries = 0; tries < 100 && !link; tries++) {
        link = await target.latestLink(target.admin.email, /https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/)
        if (!link) await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(link, 'a reset link in the mailbox').toBeDefined()
      const path = new URL(link!).pathname
      const page = await browser.get(path)
      expectStatus(page, 200, 'open the reset link')
      // The same password again: the cases after this one sign in with it.
      const password = target.admin.password
      const changed = await browser.send('POST', path, { form: { csrf: csrfOf(page.text)!, password, confirmPassword: password }, headers: { origin: target.baseUrl } })
      expectStatus(changed, 303, 'choose the new password')
      const done = await browser.get(changed.headers.get('location')!)
      expectStatus(done, 200, 'the page after choosing it')
      expect(done.text).toContain('Your password was changed')
      expect((await browser.get(path)).status).toBe(404) // the link works once
      await signIn(target, target.admin.email, password)
    },
  },
  {
    name: 'an invited user gets the email, accepts through the invite pages and signs in',
    async run(target) {
      const admin = await signIn(target, target.admin.email, target.admin.password)
      const users = `/api/accounts/${target.accountId}/users`
      const email = unique('invitee')
      const groupId = await defaultGroupId(target, admin)

      const invited = await admin.post(users, { firstName: 'Grace', lastName: 'Hopper', email, groupIds: [groupId] })
      expectStatus(invited, 201, 'invite a user')
      expect(invited.body).toMatchObject({ email, firstName: 'Grace', lastName: 'Hopper', state: 'invited', groupIds: [groupId], joinedAt: null })
      const userId = invited.body.id as string

      const message = await waitForEmail(target, admin, email)
      expect(message).toMatchObject({ to: email, subject: 'Invitation to Roster', kind: 'invitation' })
      const link = message.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0]
      expect(link, `an invitation link in:\n${message.text}`).toBeDefined()
      // The link points at this server's public URL.
      expect(new URL(link!).origin).toBe(new URL(target.baseUrl).origin)
      const path = new URL(link!).pathname

      // The invitee's browser: its own cookies.
      const invitee = client(target.baseUrl)
      const welcome = await invitee.get(path)
      expectStatus(welcome, 200, 'open the invitation link')
      expect(welcome.headers.get('content-type')).toContain('text/html')
      expect(welcome.text).toContain(`This invitation has been sent to ${email}`)

      const register = await invitee.get(`${path}/register`)
      expectStatus(register, 200, 'open the register page')
      const csrf = register.text.match(/name="csrf" value="([^"]+)"/)?.[1]
      expect(csrf, 'a csrf field in the register form').toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(invitee.cookies.get('roster_invite_csrf')).toBe(csrf)

      // Without the CSRF cookie the form is refused and nothing is accepted.
      const stranger = client(target.baseUrl)
      const forged = await stranger.send('POST', `${path}/accept`, {
        form: { csrf: csrf!, firstName: 'Grace', lastName: 'Hopper', password: MEMBER_PASSWORD, confirmPassword: MEMBER_PASSWORD, acceptTerms: 'on' },
      })
      expectStatus(forged, 403, 'accept without the csrf cookie')

      const accepted = await invitee.send('POST', `${path}/accept`, {
        form: { csrf: csrf!, firstName: 'Grace', lastName: 'Hopper', password: MEMBER_PASSWORD, confirmPassword: MEMBER_PASSWORD, acceptTerms: 'on' },
      })
      expectStatus(accepted, 303, 'accept the invitation')
      const joined = await invitee.send('GET', accepted.headers.get('location')!)
      expectStatus(joined, 200, 'the page after accepting')
      expect(joined.text).toContain('Your invitation is accepted.')
      expect(joined.text).toContain(`Sign in with ${email}`)

      // The link is spent: opened again, it leads to the page that says it was accepted.
      const again = await client(target.baseUrl).get(path)
      expect([again.status, again.headers.get('location')]).toEqual([303, `${path}/accepted`])

      const member = await signIn(target, email, MEMBER_PASSWORD)
      const me = await member.get('/api/auth/me')
      expectStatus(me, 200, 'GET /api/auth/me as the new member')
      expect(me.body.person).toMatchObject({ email, firstName: 'Grace', lastName: 'Hopper' })
      expect(me.body.memberships).toEqual([expect.objectContaining({ accountId: target.accountId, state: 'active' })])

      const record = await admin.get(`${users}/${userId}`)
      expectStatus(record, 200, 'read the user as the administrator')
      expect(record.body).toMatchObject({ id: userId, state: 'active', joinedAt: expect.any(String) })
    },
  },

  {
    name: 'SCIM: a token made over REST creates, finds, deactivates and reads a user',
    async run(target) {
      const admin = await signIn(target, target.admin.email, target.admin.password)
      const made = await admin.post(`/api/accounts/${target.accountId}/api-tokens`, { name: `runtime-${crypto.randomUUID().slice(0, 6)}` })
      expectStatus(made, 201, 'create an API token')
      expect(made.body.token).toEqual(expect.any(String))
      const scimHeaders = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${made.body.token}`, ...extra })
      const scim = client(target.baseUrl)
      const json = { 'content-type': 'application/scim+json' }

      const userName = unique('scim')
      const created = await scim.send('POST', '/scim/v2/Users', {
        headers: scimHeaders(json),
        body: JSON.stringify({
          schemas: [SCIM_USER],
          userName,
          name: { givenName: 'Sam', familyName: 'Scim' },
          emails: [{ value: userName, primary: true, type: 'work' }],
          active: true,
        }),
      })
      expectStatus(created, 201, 'SCIM POST /Users')
      expect(created.headers.get('content-type')).toContain('application/scim+json')
      const id = created.body.id as string
      expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(created.headers.get('location')).toBe(`${target.baseUrl}/scim/v2/Users/${id}`)
      expect(created.body).toMatchObject({
        schemas: expect.arrayContaining([SCIM_USER]),
        userName,
        active: true,
        name: { givenName: 'Sam', familyName: 'Scim' },
        meta: { resourceType: 'User', location: `${target.baseUrl}/scim/v2/Users/${id}` },
      })

      const found = await scim.send('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`, { headers: scimHeaders() })
      expectStatus(found, 200, 'SCIM filter by userName')
      expect(found.body).toMatchObject({ schemas: [SCIM_LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 })
      expect(found.body.Resources).toHaveLength(1)
      expect(found.body.Resources[0]).toMatchObject({ id, userName, active: true })

      const deactivated = await scim.send('PATCH', `/scim/v2/Users/${id}`, {
        headers: scimHeaders(json),
        body: JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }),
      })
      expectStatus(deactivated, 200, 'SCIM PATCH active=false')
      expect(deactivated.body).toMatchObject({ id, userName, active: false })

      const read = await scim.send('GET', `/scim/v2/Users/${id}`, { headers: scimHeaders() })
      expectStatus(read, 200, 'SCIM GET /Users/:id')
      expect(read.body).toMatchObject({ id, userName, active: false })
      expect(read.headers.get('etag')).toBe(read.body.meta.version)

      // And the admin API agrees: the membership is blocked.
      const user = await admin.get(`/api/accounts/${target.accountId}/users/${id}`)
      expectStatus(user, 200, 'read the SCIM user over REST')
      expect(user.body.state).toBe('blocked')

      // The provisioning log has each request, written after its response.
      const logged = async () => {
        const log = await admin.get(`/api/accounts/${target.accountId}/provisioning-log?range=${encodeURIComponent('[0,99]')}`)
        expectStatus(log, 200, 'read the provisioning log')
        return (log.body as { tokenName: string; method: string; status: number }[]).filter((entry) => entry.tokenName === made.body.name)
      }
      for (let attempt = 0; attempt < 50 && (await logged()).length < 4; attempt++) await new Promise((r) => setTimeout(r, 100))
      expect((await logged()).map((entry) => `${entry.method} ${entry.status}`).sort()).toEqual(['GET 200', 'GET 200', 'PATCH 200', 'POST 201'])
    },
  },

  {
    // A chunked body has no length to refuse it by: it is counted as it comes, and what is left of it
    // must not be taken for the next request on the same kept-alive connection.
    name: 'SCIM: a chunked body over the limit is a 413, and the connection serves the next request',
    async run(target) {
      const admin = await signIn(target, target.admin.email, target.admin.password)
      const made = await admin.post(`/api/accounts/${target.accountId}/api-tokens`, { name: `runtime-${crypto.randomUUID().slice(0, 6)}` })
      expectStatus(made, 201, 'create an API token')
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      try {
        const big = await chunkedPost(agent, `${target.baseUrl}/scim/v2/Users`, made.body.token, hugeUser(1_200_000))
        expect(big.status).toBe(413)
        expect(JSON.parse(big.text)).toMatchObject({ schemas: [SCIM_ERROR], status: '413' })
        const next = await plainGet(agent, `${target.baseUrl}/health`)
        expect(next.status).toBe(200)
        // Within the limit, a chunked body is read whole.
        const userName = unique('chunked')
        const body = JSON.stringify({ schemas: [SCIM_USER], userName, emails: [{ value: userName, primary: true }] })
        const created = await chunkedPost(agent, `${target.baseUrl}/scim/v2/Users`, made.body.token, [body.slice(0, 20), body.slice(20)])
        expect(created.status, created.text).toBe(201)
        expect(JSON.parse(created.text)).toMatchObject({ userName })
      } finally {
        agent.destroy()
      }
    },
  },

  {
    name: 'SCIM: a create whose email is a member invited in the admin takes that member over; another userName then gets 409',
    async run(target) {
      const admin = await signIn(target, target.admin.email, target.admin.password)
      const email = unique('taken-over')
      const invited = await admin.post(`/api/accounts/${target.accountId}/users`, { firstName: 'Lena', lastName: 'Frei', email, groupIds: [await defaultGroupId(target, admin)] })
      expectStatus(invited, 201, 'invite a user')
      const made = await admin.post(`/api/accounts/${target.accountId}/api-tokens`, { name: `runtime-${crypto.randomUUID().slice(0, 6)}` })
      expectStatus(made, 201, 'create an API token')
      const scim = client(target.baseUrl)
      const create = (userName: string) =>
        scim.send('POST', '/scim/v2/Users', {
          headers: { authorization: `Bearer ${made.body.token}`, 'content-type': 'application/scim+json' },
          body: JSON.stringify({ schemas: [SCIM_USER], userName, externalId: userName, emails: [{ value: email, primary: true, type: 'work' }] }),
        })
      const upn = `upn-${email}`
      const taken = await create(upn)
      expectStatus(taken, 201, 'SCIM POST /Users of an invited member')
      expect(taken.body).toMatchObject({ id: invited.body.id, userName: upn, active: true })
      const again = await create(`other-${email}`)
      expectStatus(again, 409, 'SCIM POST /Users of a member a provider holds')
      expect(again.body).toMatchObject({ schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness', detail: expect.stringContaining(upn) })
    },
  },

  {
    name: 'SCIM: a bad token gets the RFC 7644 401 body',
    async run(target) {
      const scim = client(target.baseUrl)
      for (const authorization of [undefined, 'Bearer nope', `Bearer roster_scim_${'x'.repeat(43)}`]) {
        const answer = await scim.send('GET', '/scim/v2/Users', { headers: authorization ? { authorization } : {} })
        expectStatus(answer, 401, `SCIM with ${authorization ?? 'no authorization'}`)
        expect(answer.headers.get('content-type')).toContain('application/scim+json')
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="SCIM"')
        expect(answer.body).toEqual({ schemas: [SCIM_ERROR], status: '401', detail: 'Authentication failed: send a valid bearer token.' })
      }
    },
  },

  {
    name: 'the admin UI is served with the page policy and may not be framed',
    async run(target) {
      const page = await client(target.baseUrl).send('GET', '/')
      expectStatus(page, 200, 'GET /')
      expect(page.text).toContain('<div id="root">')
      expect(page.headers.get('content-security-policy')).toBe(pagePolicy())
      expect(page.headers.get('x-frame-options')).toBe('DENY')
      expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    },
  },

  {
    name: 'SCIM: a base URL without /v2, or with /v2.0, gets a SCIM 404, not the admin page',
    async run(target) {
      const scim = client(target.baseUrl)
      for (const path of ['/scim/Users', '/scim/v2.0/Users', '/scim/ServiceProviderConfig']) {
        const answer = await scim.send('GET', path, { headers: { authorization: `Bearer roster_scim_${'x'.repeat(43)}` } })
        expectStatus(answer, 404, `GET ${path}`)
        expect(answer.headers.get('content-type')).toContain('application/scim+json')
        expect(answer.body).toMatchObject({ schemas: [SCIM_ERROR], status: '404', detail: expect.stringContaining('/scim/v2') })
      }
    },
  },
]
