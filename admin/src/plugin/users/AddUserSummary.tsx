import CheckCircleIcon from '@mui/icons-material/CheckCircle'
import { Box, Typography } from '@mui/material'
import { useTranslate } from 'react-admin'
import { formatDateTime, fullName } from '../common/format'
import type { User } from '../types'

/** The wizard's last step: what happened, once the user was added. */
export function AddUserSummary({ user }: { user: User }) {
  const translate = useTranslate()
  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }} role="status">
      <CheckCircleIcon color="success" sx={{ fontSize: 40 }} aria-hidden />
      <Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {translate('roster.users.wizard.added', { name: fullName(user) })}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('roster.users.wizard.invitation_sent', { email: user.email })}
        </Typography>
        {user.expiresAt && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('roster.users.wizard.expires', { date: formatDateTime(user.expiresAt) })}
          </Typography>
        )}
      </Box>
    </Box>
  )
}
