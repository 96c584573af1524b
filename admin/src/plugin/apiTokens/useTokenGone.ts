import { useCallback } from 'react'
import { useNotify, useRedirect, useRefresh } from 'react-admin'
import { apiErrorCode } from '../errors'

/**
 * For a token the API no longer has as live: revoked (in another tab, by another administrator;
 * the API says `gone`), or never in this account (`not_found`: a mistyped or pasted address).
 * Says which, and shows the tokens as they are now. Returns false, doing nothing, for any other failure.
 */
export function useTokenGone() {
  const notify = useNotify()
  const refresh = useRefresh()
  const redirect = useRedirect()
  return useCallback(
    (error: unknown, { leave = false }: { leave?: boolean } = {}) => {
      const code = apiErrorCode(error)
      if (code !== 'gone' && code !== 'not_found') return false
      notify(code === 'gone' ? 'roster.api_tokens.already_revoked' : 'roster.api_tokens.not_found', { type: 'warning' })
      if (leave) redirect('list', 'api-tokens')
      else refresh()
      return true
    },
    [notify, refresh, redirect],
  )
}
