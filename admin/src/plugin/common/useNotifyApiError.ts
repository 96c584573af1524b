import { useCallback } from 'react'
import { useNotify } from 'react-admin'
import { apiErrorMessage } from '../errors'

/** Shows a failed call's server message in a toast (e.g. "You cannot remove yourself"). */
export function useNotifyApiError() {
  const notify = useNotify()
  return useCallback(
    (error: unknown) => {
      const message = apiErrorMessage(error, 'ra.notification.http_error')
      // `_` makes a server sentence its own translation instead of a missing key.
      notify(message, { type: 'error', messageArgs: { _: message } })
    },
    [notify],
  )
}
