import simpleRestProvider from 'ra-data-simple-rest'
import { fetchUtils, HttpError, type DataProvider } from 'react-admin'
import { wordlessFailure } from './errors'
import type { EmailAvailability, RosterDataProvider, User } from './types'

type HttpClient = typeof fetchUtils.fetchJson

/** The account the provider talks to, or a function giving it (for apps where it is picked after sign-in). */
export type AccountIdSource = string | (() => string | Promise<string>)

// The contract documents these endpoints as plain arrays; tolerate a missing Content-Range
// instead of failing the whole page (simple-rest throws without it).
const PLAIN_ARRAY_RESOURCES = new Set(['emails', 'events'])

/** The signed-in person's profile (`/api/profile`), the one resource that belongs to no account. */
export const PROFILE = 'profile'


/**
 * Failures the API said nothing about, as the sentence to show (a translation key): react-admin
 * shows a failed load's message itself, which would otherwise be "Failed to fetch" or a proxy's
 * "Bad Gateway".
 */
const withWordedFailures =
  (httpClient: HttpClient): HttpClient =>
  async (url, options) => {
    try {
      return await httpClient(url, options)
    } catch (error) {
      const key = wordlessFailure(error)
      if (!key) throw error
      throw new HttpError(key, (error as { status?: number }).status ?? 0, (error as { body?: unknown }).body)
    }
  }

const withTotalFallback =
  (httpClient: HttpClient): HttpClient =>
  async (url, options) => {
    const response = await httpClient(url, options)
    if (!Array.isArray(response.json) || response.headers.has('Content-Range')) return response
    const headers = new Headers(response.headers)
    const count = response.json.length
    headers.set('Content-Range', `items 0-${Math.max(count - 1, 0)}/${count}`)
    return { ...response, headers }
  }

/**
 * A react-admin data provider for one account of the Roster API (ra-data-simple-rest dialect),
 * plus the invitation methods of the `users` resource.
 *
 * @example rosterDataProvider('/api', 'acc_123')
 */
export function rosterDataProvider(
  apiUrl: string,
  accountId: AccountIdSource,
  client: HttpClient = fetchUtils.fetchJson,
): RosterDataProvider {
  const httpClient = withWordedFailures(client)
  const root = apiUrl.replace(/\/+$/, '')
  const cache = new Map<string, { rest: DataProvider; arrays: DataProvider }>()

  async function accountUrl(): Promise<string> {
    const id = typeof accountId === 'function' ? await accountId() : accountId
    return `${root}/accounts/${encodeURIComponent(id)}`
  }

  async function restFor(resource: string): Promise<DataProvider> {
    const base = await accountUrl()
    let providers = cache.get(base)
    if (!providers) {
      providers = {
        rest: simpleRestProvider(base, httpClient),
        arrays: simpleRestProvider(base, withTotalFallback(httpClient)),
      }
      cache.set(base, providers)
    }
    return PLAIN_ARRAY_RESOURCES.has(resource) ? providers.arrays : providers.rest
  }

  async function userUrl(resource: string, id: string, action: string): Promise<string> {
    return `${await accountUrl()}/${resource}/${encodeURIComponent(id)}/${action}`
  }

  const post = async (url: string) => (await httpClient(url, { method: 'POST', body: '{}' })).json

  return {
    getList: async (resource, params) => (await restFor(resource)).getList(resource, params),
    // `profile` is the signed-in person's own, outside any account (whatever id is asked for).
    getOne: async (resource, params) =>
      resource === PROFILE
        ? { data: (await httpClient(`${root}/profile`)).json }
        : (await restFor(resource)).getOne(resource, params),
    getMany: async (resource, params) => (await restFor(resource)).getMany(resource, params),
    getManyReference: async (resource, params) => (await restFor(resource)).getManyReference(resource, params),
    create: async (resource, params) => (await restFor(resource)).create(resource, params),
    update: async (resource, params) =>
      resource === PROFILE
        ? { data: (await httpClient(`${root}/profile`, { method: 'PUT', body: JSON.stringify(params.data) })).json }
        : (await restFor(resource)).update(resource, params),
    updateMany: async (resource, params) => (await restFor(resource)).updateMany(resource, params),
    delete: async (resource, params) => (await restFor(resource)).delete(resource, params),
    deleteMany: async (resource, params) => (await restFor(resource)).deleteMany(resource, params),

    resendInvitation: async (resource, { id }) => ({
      data: (await post(await userUrl(resource, id, 'resend-invitation'))) as User,
    }),
    sendNewInvitation: async (resource, { id }) => ({
      data: (await post(await userUrl(resource, id, 'new-invitation'))) as User,
    }),
    getInvitationLink: async (resource, { id }) => {
      const { json } = await httpClient(await userUrl(resource, id, 'invitation-link'))
      return { data: json as { url: string } }
    },
    checkEmail: async (email) => {
      const query = new URLSearchParams({ email }).toString()
      const { json } = await httpClient(`${await accountUrl()}/users/check-email?${query}`)
      return json as EmailAvailability
    },
  }
}
