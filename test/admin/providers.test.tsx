// @vitest-environment jsdom
import { HttpError, fetchUtils } from 'react-admin'
import { describe, expect, it, vi } from 'vitest'
import { rosterAuthProvider, rosterDataProvider } from '../../admin/src/plugin'

type Call = { url: string; options: fetchUtils.Options }

/** A stand-in for fetchJson that records requests and answers from a table of URL prefixes. */
function httpClient(answers: Record<string, { status?: number; json: unknown; headers?: Record<string, string> }>) {
  const calls: Call[] = []
  const client = vi.fn(async (url: string, options: fetchUtils.Options = {}) => {
    calls.push({ url, options })
    const key = Object.keys(answers).find((prefix) => url.startsWith(prefix))
    const answer = key === undefined ? undefined : answers[key]
    if (!answer) throw new HttpError('Not found', 404, { code: 'not_found', message: 'Not found' })
    if ((answer.status ?? 200) >= 400) {
      const body = answer.json as { message: string }
      throw new HttpError(body.message, answer.status, body)
    }
    return { status: 200, headers: new Headers(answer.headers), body: JSON.stringify(answer.json), json: answer.json }
  })
  return { client: client as unknown as typeof fetchUtils.fetchJson, calls }
}

describe('rosterDataProvider', () => {
  const base = '/api/accounts/acc%201'

  it('speaks simple-rest under the account, with the invitation methods beside', async () => {
    const { client, calls } = httpClient({
      [`${base}/users?`]: { json: [{ id: 'u1' }], headers: { 'Content-Range': 'users 0-0/319' } },
      [`${base}/users/u1/resend-invitation`]: { json: { id: 'u1', state: 'invited' } },
      [`${base}/users/u1/new-invitation`]: { json: { id: 'u1', state: 'invited' } },
      [`${base}/users/u1/invitation-link`]: { json: { url: 'https://x/invite/t' } },
      [`${base}/users/check-email`]: { json: { available: false, message: 'Taken' } },
    })
    const provider = rosterDataProvider('/api/', 'acc 1', client)

    const list = await provider.getList('users', {
      pagination: { page: 2, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
      filter: { q: 'x', state: 'invited' },
    })
    expect(list.total).toBe(319)
    const listUrl = new URL(calls[0]?.url ?? '', 'http://h')
    expect(listUrl.pathname).toBe(`${base}/users`)
    expect(listUrl.searchParams.get('range')).toBe('[25,49]')
    expect(listUrl.searchParams.get('sort')).toBe('["name","ASC"]')
    expect(JSON.parse(listUrl.searchParams.get('filter') ?? '')).toEqual({ q: 'x', state: 'invited' })

    expect((await provider.resendInvitation('users', { id: 'u1' })).data.state).toBe('invited')
    expect(calls[1]).toMatchObject({ url: `${base}/users/u1/resend-invitation`, options: { method: 'POST' } })
    await provider.sendNewInvitation('users', { id: 'u1' })
    expect(calls[2]).toMatchObject({ url: `${base}/users/u1/new-invitation`, options: { method: 'POST' } })
    expect(await provider.getInvitationLink('users', { id: 'u1' })).toEqual({ data: { url: 'https://x/invite/t' } })
    expect(await provider.checkEmail('A+b@x.example')).toEqual({ available: false, message: 'Taken' })
    expect(calls[4]?.url).toBe(`${base}/users/check-email?email=A%2Bb%40x.example`)
  })

  it('reads and saves the signed-in person’s profile outside any account', async () => {
    const profile = { id: 'p1', email: 'ada@x.example', firstName: 'Ada', lastName: 'Admin', countryCode: null, phone: null }
    const { client, calls } = httpClient({ '/api/profile': { json: profile } })
    const accountId = vi.fn(() => 'acc 1')
    const provider = rosterDataProvider('/api', accountId, client)

    expect((await provider.getOne('profile', { id: 'me' })).data).toEqual(profile)
    await provider.update('profile', { id: 'p1', data: { firstName: 'Ada', lastName: 'Lovelace' }, previousData: profile })
    expect(calls.map((call) => [call.url, call.options.method ?? 'GET'])).toEqual([
      ['/api/profile', 'GET'],
      ['/api/profile', 'PUT'],
    ])
    expect(JSON.parse(String(calls[1]?.options.body))).toEqual({ firstName: 'Ada', lastName: 'Lovelace' })
    expect(accountId).not.toHaveBeenCalled()
  })

  it('asks for the account id on every call, so an app can switch accounts', async () => {
    const { client, calls } = httpClient({ '/api/accounts/': { json: { id: 'g1' } } })
    let account = 'one'
    const provider = rosterDataProvider('/api', async () => account, client)

    await provider.getOne('groups', { id: 'g1' })
    account = 'two'
    await provider.getOne('groups', { id: 'g1' })
    expect(calls.map((call) => call.url)).toEqual(['/api/accounts/one/groups/g1', '/api/accounts/two/groups/g1'])
  })

  it('keeps the API error body on the error, for field errors and toasts', async () => {
    const body = { code: 'conflict', message: 'Taken', errors: { email: 'Taken' }, requestId: 'r1' }
    const { client } = httpClient({ '/api/accounts/a/users': { status: 409, json: body } })
    const provider = rosterDataProvider('/api', 'a', client)

    await expect(provider.create('users', { data: {} })).rejects.toMatchObject({ status: 409, body })
  })
})

describe('rosterAuthProvider', () => {
  const me = {
    person: { id: 'p1', email: 'ada@x.example', firstName: 'Ada', lastName: 'Admin' },
    memberships: [],
    administeredAccounts: [{ id: 'a1', name: 'Demo' }],
  }

  it('signs in with email and password, then knows who is signed in', async () => {
    const { client, calls } = httpClient({
      '/api/auth/login': { json: { person: me.person } },
      '/api/auth/me': { json: me },
    })
    const auth = rosterAuthProvider('/api', client)

    await auth.login({ email: 'ada@x.example', password: 'pw' })
    expect(calls[0]).toMatchObject({ url: '/api/auth/login', options: { method: 'POST' } })
    expect(JSON.parse(String(calls[0]?.options.body))).toEqual({ email: 'ada@x.example', password: 'pw' })
    await expect(auth.getIdentity?.()).resolves.toMatchObject({
      id: 'p1',
      fullName: 'Ada Admin',
      administeredAccounts: [{ id: 'a1' }],
      memberships: 0,
    })
    await auth.checkAuth({})
    expect(calls.filter((call) => call.url === '/api/auth/me')).toHaveLength(1)
  })

  it('names the accounts the person is an Active member of, for the profile page', async () => {
    const memberships = [
      { accountId: 'a1', accountName: 'Demo', state: 'active', isAdministrator: false },
      { accountId: 'a2', accountName: 'Globex', state: 'invited', isAdministrator: false },
      { accountId: 'a3', accountName: 'Initech', state: 'blocked', isAdministrator: false },
    ]
    const { client } = httpClient({ '/api/auth/me': { json: { ...me, memberships, administeredAccounts: [] } } })
    await expect(rosterAuthProvider('/api', client).getIdentity?.()).resolves.toMatchObject({ memberships: 3, memberOf: ['Demo'] })
  })

  it('gives administering permissions by the accounts administered, and reads the person anew once told', async () => {
    const { client, calls } = httpClient({ '/api/auth/me': { json: { ...me, administeredAccounts: [] } } })
    const auth = rosterAuthProvider('/api', client)
    await expect(auth.getPermissions?.({})).resolves.toEqual({ administers: false })
    await auth.getIdentity?.()
    expect(calls).toHaveLength(1)
    auth.forgetSession()
    await auth.getIdentity?.()
    expect(calls).toHaveLength(2)
  })

  it('treats 401 as signed out, and other errors as not an auth matter', async () => {
    const { client } = httpClient({})
    const auth = rosterAuthProvider('/api', client)
    // Signed out, permissions are an answer at once (react-admin would retry a failure for seconds).
    const signedOut = rosterAuthProvider('/api', httpClient({ '/api/auth/me': { status: 401, json: { message: 'Sign in' } } }).client)
    await expect(signedOut.getPermissions?.({})).resolves.toEqual({ administers: false })

    await expect(auth.checkAuth({})).rejects.toMatchObject({ status: 404 })
    await expect(auth.checkError(new HttpError('Unauthorized', 401, {}))).rejects.toBeTruthy()
    await expect(auth.checkError(new HttpError('Conflict', 409, {}))).resolves.toBeUndefined()
  })
})
