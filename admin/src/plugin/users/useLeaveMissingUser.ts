import { useCallback } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useCreatePath, useLocation, useNavigate, useNotify } from 'react-admin'
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
  const { pathname } = useLocation()
  return useCallback(
    (error: unknown) => {
      if (apiErrorCode(error) === 'not_found') notify('roster.users.gone', { type: 'warning' })
      else notifyError(error)
      const list = createPath({ resource: 'users', type: 'list' })
      // Already there (an action from a row): going again would drop the list's filters from the URL.
      if (pathname !== list) navigate(list)
    },
    [notify, notifyError, navigate, createPath, pathname],
  )
}

/**
 * For an action refused because another tab removed the user: says so as loading them would, on
 * the list without them. Returns false, doing nothing, for any other failure.
 */
export function useLeaveIfUserGone() {
  const leaveMissingUser = useLeaveMissingUser()
  const queryClient = useQueryClient()
  return useCallback(
    (error: unknown) => {
      if (apiErrorCode(error) !== 'not_found') return false
      // The lists only: reloading the user's own page, still open a moment, would say it all again.
      void queryClient.invalidateQueries({ queryKey: ['users', 'getList'] })
      leaveMissingUser(error)
      return true
    },
    [leaveMissingUser, queryClient],
  )
}
