import { useDelete, useNotify, useRedirect, useTranslate } from 'react-admin'
import { ConfirmDestructiveDialog } from '../common/ConfirmDestructiveDialog'
import { fullName } from '../common/format'
import { useNotifyApiError } from '../common/useNotifyApiError'
import type { User } from '../types'
import { useLeaveIfUserGone } from './useLeaveMissingUser'

export interface RemoveUserDialogProps {
  open: boolean
  user: User
  onClose: () => void
  /** Where to go once removed; the list by default (the details page of a removed user is gone). */
  redirectTo?: 'list' | false
}

export function RemoveUserDialog({ open, user, onClose, redirectTo = 'list' }: RemoveUserDialogProps) {
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyApiError()
  const leaveIfGone = useLeaveIfUserGone()
  const redirect = useRedirect()
  const [remove, { isPending }] = useDelete<User>()
  const name = fullName(user)

  const confirm = () =>
    remove(
      'users',
      { id: user.id, previousData: user },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('roster.users.notifications.removed', { type: 'success', messageArgs: { name } })
          onClose()
          if (redirectTo) redirect(redirectTo, 'users')
        },
        onError: (error) => {
          if (!leaveIfGone(error)) notifyError(error)
          onClose()
        },
      },
    )

  return (
    <ConfirmDestructiveDialog
      open={open}
      title={translate('roster.users.remove.title')}
      content={translate('roster.users.remove.content', { name })}
      confirmLabel={translate('roster.users.actions.remove')}
      pending={isPending}
      onConfirm={confirm}
      onClose={onClose}
    />
  )
}
