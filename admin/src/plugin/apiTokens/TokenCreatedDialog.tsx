import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material'
import { useEffect, useId } from 'react'
import { useTranslate } from 'react-admin'
import { CopyableValue } from '../common/CopyableValue'
import type { CreatedApiToken } from '../types'
import { scimBaseUrl } from './scimBaseUrl'

export interface TokenCreatedDialogProps {
  token: CreatedApiToken
  onClose: () => void
}

/**
 * The one and only view of a new token's secret, beside the SCIM base URL. Neither Escape nor a
 * click beside it closes it: the administrator confirms having copied the token.
 */
export function TokenCreatedDialog({ token, onClose }: TokenCreatedDialogProps) {
  const translate = useTranslate()
  const titleId = useId()
  useKeepOnPage()
  return (
    <Dialog open aria-labelledby={titleId} maxWidth="sm" fullWidth onClose={() => undefined}>
      <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
        {translate('roster.api_tokens.created.title', { name: token.name })}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2.5 }}>
        <Alert severity="warning">{translate('roster.api_tokens.created.warning')}</Alert>
        <CopyableValue
          label={translate('roster.api_tokens.created.token')}
          value={token.token}
          copiedMessage="roster.api_tokens.notifications.token_copied"
        />
        <CopyableValue
          label={translate('roster.api_tokens.scim_url')}
          value={scimBaseUrl()}
          copiedMessage="roster.api_tokens.notifications.url_copied"
        />
        <Typography variant="body2" color="text.secondary">
          {translate('roster.api_tokens.created.help')}
        </Typography>
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 2 }}>
        <Button variant="contained" onClick={onClose}>
          {translate('roster.api_tokens.created.close')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}

/**
 * While the secret is on screen, the browser's Back button stays on this page (it steps back over
 * a copy of the current history entry, put back each time) and leaving or reloading the page asks
 * first: the secret cannot be shown again.
 */
function useKeepOnPage() {
  useEffect(() => {
    const hold = () => window.history.pushState(window.history.state, '', window.location.href)
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    hold()
    window.addEventListener('popstate', hold)
    window.addEventListener('beforeunload', warn)
    return () => {
      window.removeEventListener('popstate', hold)
      window.removeEventListener('beforeunload', warn)
    }
  }, [])
}
