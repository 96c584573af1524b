import BlockIcon from '@mui/icons-material/Block'
import { Box } from '@mui/material'
import { useState, type MouseEvent } from 'react'
import { Button, useDelete, useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin'
import { ConfirmDestructiveDialog } from '../common/ConfirmDestructiveDialog'
import { useNotifyApiError } from '../common/useNotifyApiError'
import type { ApiToken } from '../types'
import { useTokenGone } from './useTokenGone'

export interface RevokeTokenButtonProps {
  /** Where to go once revoked: the list from the edit page (the token is gone), nowhere from the list. */
  redirectTo?: 'list' | false
}

/** Revoke, after a confirmation naming the token: identity providers using it stop syncing at once. */
export function RevokeTokenButton({ redirectTo = false }: RevokeTokenButtonProps) {
  const token = useRecordContext<ApiToken>()
  const translate = useTranslate()
  const notify = useNotify()
  const notifyError = useNotifyApiError()
  const tokenGone = useTokenGone()
  const redirect = useRedirect()
  const [open, setOpen] = useState(false)
  const [revoke, { isPending }] = useDelete<ApiToken>()
  if (!token) return null

  const confirm = () =>
    revoke(
      'api-tokens',
      { id: token.id, previousData: token },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false)
          notify('roster.api_tokens.notifications.revoked', { type: 'success', messageArgs: { name: token.name } })
          if (redirectTo) redirect(redirectTo, 'api-tokens')
        },
        onError: (error) => {
          setOpen(false)
          if (!tokenGone(error, { leave: !!redirectTo })) notifyError(error)
        },
      },
    )

  return (
    // Clicks in the confirmation (a portal) would otherwise bubble to the list row and open the token.
    <Box component="span" onClick={(event: MouseEvent) => event.stopPropagation()}>
      <Button label="roster.api_tokens.actions.revoke" color="error" onClick={() => setOpen(true)} disabled={isPending}>
        <BlockIcon />
      </Button>
      <ConfirmDestructiveDialog
        open={open}
        title={translate('roster.api_tokens.revoke.title', { name: token.name })}
        content={translate('roster.api_tokens.revoke.content', { name: token.name })}
        confirmLabel={translate('roster.api_tokens.actions.revoke')}
        pending={isPending}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </Box>
  )
}
