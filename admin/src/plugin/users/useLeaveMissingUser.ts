import { useCallback } from 'react'
import { useCreatePath, useNavigate, useNotify } from 'react-admin'
import { useNotifyApiError } from '../common/useNotifyApiError'
import { apiErrorCode } from '../errors'

/**
 * A user's page or Edit that could not load them goes back to the list and says why. A user that
 * is not found was removed or declined (an old link, a bookmark, another administrator): their
 * lines stay in History, which the message points to.
 */
export function useLeaveMissingUser() {
  const notify = useNotify()
  const notifyError = useNotifyApiError()
  const navigate = useNavigate()
  const createPath = useCreatePath()
  return useCallback(
    (error: unknown) => {
      if (apiErrorCode(error) === 'not_found') notify('roster.users.gone', { type: 'warning' })
      else notifyError(error)
      navigate(createPath({ resource: 'users', type: 'list' }))
    },
    [notify, notifyError, navigate, createPath],
  )
}
