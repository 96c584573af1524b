import { HttpError } from 'react-admin'
import type { RosterAuthProvider } from '../plugin'

const STORAGE_KEY = 'roster.accountId'

export interface AccountSession {
  /** The account the admin works on: their choice if they still administer it, else the first one. */
  accountId: () => Promise<string>
  choose: (accountId: string) => void
}

export function createAccountSession(authProvider: RosterAuthProvider): AccountSession {
  let chosen = localStorage.getItem(STORAGE_KEY)
  return {
    accountId: async () => {
      const { administeredAccounts } = await authProvider.getSession()
      const account = administeredAccounts.find(({ id }) => id === chosen) ?? administeredAccounts[0]
      if (!account) {
        const message = 'demo.no_account'
        throw new HttpError(message, 403, { code: 'forbidden', message })
      }
      return account.id
    },
    choose: (accountId) => {
      chosen = accountId
      localStorage.setItem(STORAGE_KEY, accountId)
    },
  }
}
