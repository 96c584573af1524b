import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memberships } from '../../../drizzle/schema.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { createToken, ENTERPRISE, filterQuery, GROUP, PATCH_OP, scimClient, USER, type ScimClient } from '../../support/scim.js'

let t: TestApp
let scim: ScimClient
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'

beforeAll(async () => {
  t = await createTestApp()
  scim = scimClient(t, (await createToken(t, await t.asAdmin())).token)
})
afterAll(() => t.close())

const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER], userName, emails: [{ value: userName, primary: true }], ...extra })

describe('discovery', () => {
  it('serves ServiceProviderConfig, ResourceTypes and Schemas, and answers 405 to writes', async () => {
    const config = await scim.get('/ServiceProviderConfig')
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 1000 }, etag: { supported: true } })
    const types = await scim.get('/ResourceTypes')
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group'])
    const schemas = await scim.get('/Schemas')
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual([USER, GROUP, ENTERPRISE])
    expect((await scim.get(`/Schemas/${USER}`)).body.attributes.some((a: { name: string }) => a.name === 'userName')).toBe(true)
    for (const path of ['/ServiceProviderConfig', '/Schemas', '/ResourceTypes']) {
      const response = await scim.post(path, {})
      expect(response.status).toBe(405)
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '405' })
    }
  })

  it('answers a method a resource does not take 405 with Allow: PATCH, PUT or DELETE of a collection, POST to one resource', async () => {
    const id = crypto.randomUUID()
    for (const [method, path, allow] of [
      ['PATCH', '/Users', 'GET, POST'],
      ['PUT', '/Groups', 'GET, POST'],
      ['DELETE', '/Users', 'GET, POST'],
      ['OPTIONS', '/Groups', 'GET, POST'],
      ['OPTIONS', `/Users/${id}`, 'GET, PUT, PATCH, DELETE'],
      ['POST', `/Users/${id}`, 'GET, PUT, PATCH, DELETE'],
      ['POST', `/Groups/${id}`, 'GET, PUT, PATCH, DELETE'],
    ]) {
      const response = await scim.send(method!, path!, method === 'DELETE' || method === 'OPTIONS' ? undefined : {})
      expect(response.status, `${method} ${path}`).toBe(405)
      expect(response.headers.get('allow')).toBe(allow)
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '405' })
    }
  })
})

describe('authentication', () => {
  it('answers every bad token with one and the same 401', async () => {
    const answers = await Promise.all(
      [undefined, 'Basic abc', 'Bearer', 'Bearer nope', `Bearer roster_scim_${'x'.repeat(43)}`].map((authorization) =>
        t.http.send('GET', '/scim/v2/Users', { headers: authorization ? { authorization } : {} }),
      ),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ schemas: [ERROR], status: '401', detail: 'Authentication failed: send a valid bearer token.' })
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="SCIM"')
    }
  })

  it('stops working once revoked', async () => {
    const admin = await t.asAdmin()
    const token = await createToken(t, admin)
    expect((await scimClient(t, token.token).get('/Users')).status).toBe(200)
    expect((await admin.delete(`/api/accounts/${t.acme.accountId}/api-tokens/${token.id}`)).status).toBe(200)
    const refused = await scimClient(t, token.token).get('/Users')
    expect(refused.status).toBe(401)
    const unknown = await scimClient(t, `roster_scim_${'y'.repeat(43)}`).get('/Users')
    expect(refused.text).toBe(unknown.text)

    // The account sees that its identity provider still calls with the revoked token.
    await t.settle()
    const log = await admin.get(`/api/accounts/${t.acme.accountId}/provisioning-log?filter=${encodeURIComponent(JSON.stringify({ tokenId: token.id }))}`)
    expect(log.body[0]).toMatchObject({ status: 401, method: 'GET', tokenName: token.name, summary: 'Refused: the token has been revoked.' })
  })
})

describe('resources', () => {
  it('answers 404 for ids that are not UUIDs or do not exist', async () => {
    for (const id of ['not-a-uuid', crypto.randomUUID(), "1' or '1'='1"]) {
      expect((await scim.get(`/Users/${encodeURIComponent(id)}`)).status).toBe(404)
      expect((await scim.get(`/Groups/${encodeURIComponent(id)}`)).status).toBe(404)
    }
  })

  it('finds an endpoint after a doubled slash (a tenant URL typed with a trailing slash) or in lower case', async () => {
    const created = await scim.post('//Users', user('doubled-slash@example.com'))
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toMatch(new RegExp(`/scim/v2/Users/${created.body.id}$`))
    for (const path of [`//Users/${created.body.id}`, `/users/${created.body.id}`, '//ServiceProviderConfig', '/serviceproviderconfig', '/groups']) {
      expect((await scim.get(path)).status).toBe(200)
    }
  })

  it('answers an unknown endpoint (a typo) 404 naming the path and the endpoints there are', async () => {
    for (const path of ['/User', '//Userz']) {
      const response = await scim.get(path)
      expect(response.status).toBe(404)
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '404' })
      expect(response.body.detail).toContain(`/scim/v2${path}.`)
      expect(response.body.detail).toContain('/Users, /Groups')
    }
  })

  it('answers 409 uniqueness for a taken userName, case-insensitively', async () => {
    expect((await scim.post('/Users', user('dup@example.com'))).status).toBe(201)
    const again = await scim.post('/Users', user('DUP@example.com'))
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' })
  })

  it('answers 409 uniqueness for a taken Group displayName, case-insensitively, as /Schemas declares', async () => {
    expect((await scim.post('/Groups', { schemas: [GROUP], displayName: 'Dup Group' })).status).toBe(201)
    const again = await scim.post('/Groups', { schemas: [GROUP], displayName: 'DUP group' })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' })
    const declared = (await scim.get(`/Schemas/${GROUP}`)).body.attributes.find((a: { name: string }) => a.name === 'displayName')
    expect(declared).toMatchObject({ uniqueness: 'server', caseExact: false })
  })

  it('validates bodies with RFC 7644 errors and writes nothing', async () => {
    const before = (await scim.get('/Users?count=0')).body.totalResults
    const cases: [unknown, string, number, string?][] = [
      [{ schemas: [USER] }, 'application/scim+json', 400, 'invalidValue'],
      [user('no-email-user', { emails: [] }), 'application/scim+json', 400, 'invalidValue'],
      // Not an address the admin UI would take: invitations are sent to it.
      [user('odd-email-user', { emails: [{ value: 'a@b.com>,<c@d.com', primary: true }] }), 'application/scim+json', 400, 'invalidValue'],
      ['{"userName": ', 'application/scim+json', 400, 'invalidSyntax'],
      [user('a@b.example', { active: 'maybe' }), 'application/scim+json', 400, 'invalidValue'],
      [user('x@y.example'), 'text/plain', 415],
      [user('x@y.example'), 'application/json-patch+json', 415],
      [user('x@y.example'), 'application/jsonx', 415],
      [[1, 2], 'application/json', 400, 'invalidSyntax'],
      // A lone surrogate: JSON allows it, UTF-8 cannot store it (it would come back as U+FFFD).
      [user('surrogate@y.example', { name: { givenName: 'A\ud800' } }), 'application/scim+json', 400, 'invalidValue'],
    ]
    for (const [body, type, status, scimType] of cases) {
      const response = await scim.send('POST', '/Users', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': type })
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(response.body.status).toBe(String(status))
      // RFC 7644 §3.12 defines scimType for 400 answers only.
      if (scimType) expect(response.body.scimType).toBe(scimType)
      else expect(response.body).not.toHaveProperty('scimType')
    }
    expect((await scim.get('/Users?count=0')).body.totalResults).toBe(before)
    const withCharset = await scim.send('POST', '/Users', JSON.stringify(user('charset@y.example')), { 'content-type': 'Application/JSON ; charset=utf-8' })
    expect(withCharset.status).toBe(201)
    const extension = await scim.post('/Users', user('extension@y.example', { [ENTERPRISE]: 'Sales' }))
    expect(extension.body).toMatchObject({ status: '400', scimType: 'invalidValue', detail: `${ENTERPRISE} must be an object of its attributes.` })
    const surrogate = await scim.post('/Users', user('surrogate@y.example', { name: { givenName: 'A\ud800' } }))
    expect(surrogate.body.detail).toBe('name.givenName holds a character that is not valid text (NUL, or half of a surrogate pair).')
    // An unknown attribute nested deep (well within the size limit) is ignored, not a stack overflow.
    const deep = JSON.stringify(user('deep@y.example')).replace(/}$/, `,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    expect((await scim.send('POST', '/Users', deep, { 'content-type': 'application/scim+json' })).status).toBe(201)
  })

  it('answers 413 for oversized bodies', async () => {
    const response = await scim.post('/Users', user('big@example.com', { title: 'x'.repeat(1_100_000) }))
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({ schemas: [ERROR], status: '413' })
  })

  it('keeps a user\'s attributes bounded: a value of at most 4,096 characters, 32 KiB in all', async () => {
    const long = await scim.post('/Users', user('long-title@example.com', { title: 'x'.repeat(4_097) }))
    expect(long.body).toMatchObject({ status: '400', scimType: 'invalidValue', detail: 'title is 4,097 characters long; a value is at most 4,096.' })
    expect((await scim.get(`/Users?${filterQuery('userName eq "long-title@example.com"')}`)).body.totalResults).toBe(0)

    const created = await scim.post('/Users', user('bounded@example.com', { title: 'x'.repeat(4_096) }))
    expect(created.status).toBe(201)
    const addresses = Array.from({ length: 10 }, (_, i) => ({ type: `t${i}`, streetAddress: 'y'.repeat(4_000) }))
    const grown = await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'addresses', value: addresses }] })
    expect(grown.body).toMatchObject({ status: '400', scimType: 'invalidValue' })
    expect(grown.body.detail).toContain('at most 32,768 are kept')
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Bounded', externalId: 'z'.repeat(4_097) })
    expect(group.body).toMatchObject({ status: '400', scimType: 'invalidValue' })
    expect((await scim.get(`/Users/${created.body.id}`)).body).not.toHaveProperty('addresses')

    // A user stored before the bounds can still be deactivated and changed: what is stored stays acceptable.
    const photos = [{ value: `https://photos.example/${'p'.repeat(5_000)}`, type: 'photo' }]
    await t.db.update(memberships).set({ scim: { title: 'Old', photos } }).where(eq(memberships.id, created.body.id))
    const off = await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false, title: 'New' } }] })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ active: false, title: 'New', photos })
  })

  it('honours If-Match with the ETag, and answers 412 for a stale one', async () => {
    const created = await scim.post('/Users', user('etag@example.com'))
    const etag = created.headers.get('etag')!
    const stale = 'W/"0"'
    const refused = await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'A' }] }, { 'if-match': stale })
    expect(refused.status).toBe(412)
    const ok = await scim.patch(`/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'B' }] }, { 'if-match': etag })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).not.toBe(etag)
  })

  it('keeps a user’s version on every read until something it shows changes, its groups included', async () => {
    const created = await scim.post('/Users', user('version@example.com'))
    const id = created.body.id
    const version = async () => {
      const [read, listed, again] = await Promise.all([
        scim.get(`/Users/${id}`),
        scim.get(`/Users?${filterQuery('userName eq "version@example.com"')}`),
        scim.get(`/Users/${id}`),
      ])
      expect(read.headers.get('etag')).toBe(read.body.meta.version)
      expect(listed.body.Resources[0].meta.version).toBe(read.body.meta.version)
      expect(again.body.meta.version).toBe(read.body.meta.version)
      return read.body.meta.version as string
    }
    const first = await version()
    expect(first).toBe(created.headers.get('etag'))

    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Version testers' })
    await scim.patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] })
    const joined = await version()
    expect(joined).not.toBe(first)

    await scim.patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Version checkers' }] })
    const renamed = await version()
    expect(renamed).not.toBe(joined)
    expect((await scim.get(`/Users/${id}`)).body.groups.map((g: { display: string }) => g.display)).toContain('Version checkers')

    // Groups come in display-name order whatever order they were joined in.
    const earlier = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Aardvarks', members: [{ value: id }] })
    expect(earlier.status).toBe(201)
    const inGroups = await version()
    expect((await scim.get(`/Users/${id}`)).body.groups.map((g: { display: string }) => g.display)).toEqual(['Aardvarks', 'Provisioned users', 'Version checkers'])
    expect(inGroups).not.toBe(renamed)
  })

  it('applies all operations of a PATCH, or none', async () => {
    const created = await scim.post('/Users', user('atomic@example.com', { title: 'Before' }))
    const failed = await scim.patch(`/Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'title', value: 'After' },
        { op: 'remove' },
      ],
    })
    expect(failed.status).toBe(400)
    expect(failed.body.scimType).toBe('noTarget')
    expect((await scim.get(`/Users/${created.body.id}`)).body.title).toBe('Before')
  })

  it('ignores schemas and meta in a path-less PATCH value that repeats what was read, and still refuses a path to meta', async () => {
    const created = await scim.post('/Users', user('read-back@example.com'))
    const id = created.body.id
    const readBack = { schemas: [USER], id, title: 'T4', meta: { resourceType: 'User', created: '2000-01-01T00:00:00Z' } }
    const patched = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: readBack }] })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ title: 'T4', meta: { created: created.body.meta.created } })
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Read back' })
    const groupBack = { schemas: [GROUP], id: group.body.id, displayName: 'Read back 2', meta: { resourceType: 'Group' } }
    const renamed = await scim.patch(`/Groups/${group.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: groupBack }] })
    expect(renamed.status).toBe(204)
    expect((await scim.get(`/Groups/${group.body.id}`)).body.displayName).toBe('Read back 2')
    const explicit = await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'meta.created', value: 'x' }] })
    expect(explicit.body).toMatchObject({ status: '400', scimType: 'mutability' })
  })

  it('supports attributes, excludedAttributes, sortBy and sortOrder', async () => {
    for (const name of ['sort-b@example.com', 'sort-a@example.com', 'sort-c@example.com']) await scim.post('/Users', user(name))
    const sorted = await scim.get(`/Users?${filterQuery('userName sw "sort-"')}&sortBy=userName&sortOrder=descending&attributes=userName`)
    expect(sorted.body.Resources).toEqual([
      { schemas: [USER], id: expect.any(String), userName: 'sort-c@example.com' },
      { schemas: [USER], id: expect.any(String), userName: 'sort-b@example.com' },
      { schemas: [USER], id: expect.any(String), userName: 'sort-a@example.com' },
    ])
    const excluded = await scim.get(`/Users?${filterQuery('userName eq "sort-a@example.com"')}&excludedAttributes=emails,meta,groups`)
    expect(excluded.body.Resources[0]).not.toHaveProperty('emails')
    expect(excluded.body.Resources[0]).not.toHaveProperty('meta')
    expect(excluded.body.Resources[0]).toHaveProperty('userName')
    expect((await scim.get(`/Users?${filterQuery('userName xx "a"')}`)).body).toMatchObject({ status: '400', scimType: 'invalidFilter' })
  })

  it('pages a filtered, sorted list, and past its end still tells the total', async () => {
    for (const name of ['page-d@example.com', 'page-e@example.com', 'page-f@example.com']) await scim.post('/Users', user(name))
    const query = `${filterQuery('userName sw "page-"')}&sortBy=userName&sortOrder=descending`
    const second = await scim.get(`/Users?${query}&startIndex=2&count=1`)
    expect(second.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 })
    expect(second.body.Resources.map((r: { userName: string }) => r.userName)).toEqual(['page-e@example.com'])
    const past = await scim.get(`/Users?${query}&startIndex=9&count=5`)
    expect(past.body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] })
    const farPast = await scim.get(`/Users?${query}&startIndex=99999999999&count=99999999999`)
    expect(farPast.status).toBe(200)
    expect(farPast.body).toMatchObject({ totalResults: 3, itemsPerPage: 0, startIndex: 2 ** 31 - 1 })
    const none = await scim.get(`/Users?${filterQuery('userName eq "nobody@example.com"')}`)
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] })
  })

  it('filters users by the display of their groups, and says meta.version cannot be filtered on', async () => {
    const member = await scim.post('/Users', user('group-display@example.com'))
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Display Filtered', members: [{ value: member.body.id }] })
    expect(group.status).toBe(201)
    for (const filter of ['groups.display eq "display filtered"', 'groups[display sw "DISPLAY F"]']) {
      const found = await scim.get(`/Users?${filterQuery(filter)}&attributes=userName`)
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ userName: 'group-display@example.com' }] })
    }
    const version = await scim.get(`/Users?${filterQuery('meta.version eq "W/\\"x\\""')}`)
    const refused = { status: '400', scimType: 'invalidFilter', detail: expect.stringContaining('meta.version is not supported') }
    expect(version.body).toMatchObject(refused)
  })

  it('a lookup by userName (one member at most) pages and counts like any list', async () => {
    await scim.post('/Users', user('Lookup-One@Example.com'))
    const lookup = (filter: string, page = '') => scim.get(`/Users?${filterQuery(filter)}${page}`)
    const found = await lookup('USERNAME eq "lookup-one@example.com"')
    expect(found.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 })
    expect(found.body.Resources[0]).toMatchObject({ userName: 'Lookup-One@Example.com', groups: [expect.objectContaining({ display: expect.any(String) })] })
    expect((await lookup('userName eq "lookup-one@example.com"', '&startIndex=2')).body).toMatchObject({ totalResults: 1, itemsPerPage: 0, Resources: [] })
    expect((await lookup('userName eq "lookup-one@example.com"', '&count=0')).body).toMatchObject({ totalResults: 1, itemsPerPage: 0 })
    expect((await lookup('userName eq "lookup-one@example.com" and active eq false')).body).toMatchObject({ totalResults: 0, Resources: [] })
    const byId = await lookup(`id eq "${found.body.Resources[0].id}" and userName eq "lookup-one@example.com"`, '&attributes=userName')
    expect(byId.body).toMatchObject({ totalResults: 1, Resources: [{ userName: 'Lookup-One@Example.com' }] })
    expect(byId.body.Resources[0].emails).toBeUndefined()
  })
})
