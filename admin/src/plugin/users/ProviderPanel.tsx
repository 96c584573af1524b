import { Box, Typography } from '@mui/material'
import { useRecordContext, useTranslate } from 'react-admin'
import type { User } from '../types'
import { providerRows } from './providerAttributes'
import { DetailRow } from './UserOverview'

/**
 * What an identity provider keeps on the user: the userName the provisioning log names them by,
 * its externalId, and the attributes it set (title, its own emails and phones, enterprise ones).
 */
export function ProviderPanel() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  if (!user?.provider) return null
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('roster.users.provider.hint')}
      </Typography>
      <Box component="dl" sx={{ m: 0 }}>
        {providerRows(user.provider, translate).map((row) => (
          <DetailRow key={row.label} label={row.label}>
            {row.text}
          </DetailRow>
        ))}
      </Box>
    </Box>
  )
}
