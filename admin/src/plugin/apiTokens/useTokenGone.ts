import { useCallback } from 'react'
import { useNotify, useRedirect, useRefresh } from 'react-admin'
import { apiErrorCode } from '../errors'

/**
 * For a token the API no longer finds: it was revoked (in another tab, by another administrator;
 * tokens are never deleted). Says so, and shows the tokens as they are now. Returns false, doing
 * nothing, for any other failure.
 */
export function useTokenGone() {
  const notify = useNotify()
  const refresh = useRefresh()
  const redirect = useRedirect()
  return useCallback(
    (error: unknown, { leave = false }: { leave?: boolean } = {}) => {
      if (apiErrorCode(error) !== 'not_found') return false
      notify('roster.api_tokens.already_revoked', { type: 'warning' })
      if (leave) redirect('list', 'api-tokens')
      else refresh()
      return true
    },
    [notify, refresh, redirect],
  )
}
