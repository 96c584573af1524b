import { Card, CardContent, Typography } from '@mui/material'
import { useTranslate } from 'react-admin'
import { CopyableValue } from '../common/CopyableValue'
import { scimBaseUrl } from './scimBaseUrl'

/** The header of the API tokens page: the URL an identity provider needs besides a token. */
export function ScimUrlCard() {
  const translate = useTranslate()
  const label = translate('roster.api_tokens.scim_url')
  const title = translate('roster.api_tokens.scim_title')
  return (
    <Card variant="outlined" component="section" aria-label={title} sx={{ mt: 2, mb: 1 }}>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, maxWidth: 720 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <CopyableValue label={label} value={scimBaseUrl()} copiedMessage="roster.api_tokens.notifications.url_copied" />
        <Typography variant="body2" color="text.secondary">
          {translate('roster.api_tokens.scim_url_help')}
        </Typography>
      </CardContent>
    </Card>
  )
}
