import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material'
import { useId } from 'react'
import { useDelete, useNotify, useRedirect, useTranslate } from 'react-admin'
import { fullName } from '../common/format'
import { useNotifyApiError } from '../common/useNotifyApiError'
import type { User } from '../types'

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
  const redirect = useRedirect()
  const titleId = useId()
  const textId = useId()
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
          notifyError(error)
          onClose()
        },
      },
    )

  return (
    <Dialog
      open={open}
      onClose={isPending ? undefined : onClose}
      aria-labelledby={titleId}
      aria-describedby={textId}
      maxWidth="xs"
      fullWidth
    >
      <DialogTitle id={titleId}>{translate('roster.users.remove.title')}</DialogTitle>
      <DialogContent dividers>
        <DialogContentText id={textId} sx={{ color: 'text.primary' }}>
          {translate('roster.users.remove.content', { name })}
        </DialogContentText>
      </DialogContent>
      <DialogActions sx={{ justifyContent: 'space-between', px: 3, py: 2 }}>
        <Button onClick={onClose} disabled={isPending} autoFocus>
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" color="error" onClick={confirm} disabled={isPending}>
          {translate('roster.users.actions.remove')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
