import { fetchUtils, type AuthProvider, type UserIdentity } from 'react-admin'

export interface SessionPerson {
  id: string
  email: string
  firstName: string
  lastName: string
}

export interface Session {
  person: SessionPerson
  memberships: { accountId: string; accountName: string; state: string; isAdministrator: boolean }[]
  administeredAccounts: { id: string; name: string }[]
}

export interface RosterIdentity extends UserIdentity {
  email: string
  administeredAccounts: Session['administeredAccounts']
  /** Accounts the person is in, in any state; none for a Disabled person. */
  memberships: number
  /** The names of the accounts where the person is an Active member. */
  memberOf: string[]
}

/** What the signed-in person may do: administer accounts, or (none administered) only keep their profile. */
export interface RosterPermissions {
  administers: boolean
}

export interface RosterAuthProvider extends AuthProvider {
  /** The signed-in person and the accounts they administer (`GET /auth/me`), cached until logout. */
  getSession: () => Promise<Session>
  /** Drops the cached session, so that the next look-up reads the person anew (after a profile change). */
  forgetSession: () => void
}

type HttpClient = typeof fetchUtils.fetchJson

const statusOf = (error: unknown) => (error as { status?: unknown } | null)?.status

/** A react-admin auth provider for the Roster session API (HttpOnly cookie). */
export function rosterAuthProvider(apiUrl: string, httpClient: HttpClient = fetchUtils.fetchJson): RosterAuthProvider {
  const root = apiUrl.replace(/\/+$/, '')
  let session: Promise<Session> | undefined

  const getSession = (): Promise<Session> => {
    if (!session) {
      const pending = httpClient(`${root}/auth/me`).then(({ json }) => json as Session)
      // A failed look-up must not stay cached, or signing in afterwards would keep failing.
      pending.catch(() => {
        if (session === pending) session = undefined
      })
      session = pending
    }
    return session
  }

  return {
    getSession,
    forgetSession: () => {
      session = undefined
    },
    login: async (params: { email?: string; username?: string; password?: string }) => {
      session = undefined
      await httpClient(`${root}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: params.email ?? params.username, password: params.password }),
      })
      await getSession()
    },
    logout: async () => {
      const wasSignedIn = session !== undefined
      session = undefined
      if (!wasSignedIn) return
      // Signing out of an already expired session is not an error worth showing.
      await httpClient(`${root}/auth/logout`, { method: 'POST' }).catch(() => undefined)
    },
    checkAuth: async () => {
      await getSession()
    },
    checkError: async (error: unknown) => {
      if (statusOf(error) === 401) {
        session = undefined
        throw error
      }
    },
    getPermissions: async (): Promise<RosterPermissions> => {
      try {
        const { administeredAccounts } = await getSession()
        return { administers: administeredAccounts.length > 0 }
      } catch (error) {
        // Signed out is an answer, not a failure to retry: the sign-in page must not wait for it.
        if (statusOf(error) === 401) return { administers: false }
        throw error
      }
    },
    getIdentity: async (): Promise<RosterIdentity> => {
      const { person, memberships, administeredAccounts } = await getSession()
      return {
        id: person.id,
        fullName: `${person.firstName} ${person.lastName}`.trim() || person.email,
        email: person.email,
        administeredAccounts,
        memberships: memberships.length,
        memberOf: memberships.filter(({ state }) => state === 'active').map(({ accountName }) => accountName),
      }
    },
  }
}
