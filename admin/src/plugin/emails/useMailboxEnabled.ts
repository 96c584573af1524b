import { useGetList } from 'react-admin'
import { apiErrorCode } from '../errors'
import type { MailboxEmail } from '../types'

export const MAILBOX_DISABLED = 'mailbox_disabled'

/**
 * Whether the API keeps sent emails in a development mailbox (it answers 404 `mailbox_disabled`
 * when a real provider sends them). Undefined while unknown.
 */
export function useMailboxEnabled(): boolean | undefined {
  const { error, isPending } = useGetList<MailboxEmail>(
    'emails',
    { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' } },
    { retry: false, staleTime: 5 * 60_000 },
  )
  if (isPending && !error) return undefined
  return !error
}

export const isMailboxDisabledError = (error: unknown) => apiErrorCode(error) === MAILBOX_DISABLED
