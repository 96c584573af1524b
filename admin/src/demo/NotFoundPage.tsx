import { Navigate } from 'react-router-dom'
import { NotFound, usePermissions } from 'react-admin'
import type { RosterPermissions } from '../plugin'

/**
 * An address the app does not have. Someone who administers nothing (a bookmarked Users page of
 * an account they left, say) has only their profile: they land there rather than on "Not Found".
 */
export function NotFoundPage() {
  const { permissions, isPending } = usePermissions<RosterPermissions>()
  if (isPending) return null
  if (!permissions?.administers) return <Navigate to="/profile" replace />
  return <NotFound />
}
