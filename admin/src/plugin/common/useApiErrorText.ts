import { useCallback } from 'react'
import { useTranslate } from 'react-admin'
import { apiErrorMessage } from '../errors'

/** A failed call's message as a sentence to show in place (a dialog's alert), translated when it is a key. */
export function useApiErrorText() {
  const translate = useTranslate()
  return useCallback(
    (error: unknown) => {
      const message = apiErrorMessage(error, 'ra.notification.http_error')
      // `_` makes a server sentence its own translation instead of a missing key.
      return translate(message, { _: message })
    },
    [translate],
  )
}
