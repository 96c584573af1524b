import { useGetIdentity } from 'react-admin'
import type { RosterIdentity } from '../authProvider'
import type { User } from '../types'

/**
 * Whether the user is the signed-in person (a person is their email): the server refuses that
 * person's own removal, so the UI says so before the confirmation, not after it.
 */
export function useIsSelf(user: User | undefined): boolean {
  const { identity } = useGetIdentity()
  const email = (identity as RosterIdentity | undefined)?.email
  return Boolean(user && email && email.trim().toLowerCase() === user.email.trim().toLowerCase())
}
