import CheckCircleIcon from '@mui/icons-material/CheckCircle'
import CheckIcon from '@mui/icons-material/Check'
import { Box, Typography } from '@mui/material'
import { useTranslate } from 'react-admin'
import { formatDateTime, fullName } from '../common/format'
import type { User } from '../types'
import type { InvitationOutcome } from './useInvitationActions'

const monospace = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'

/**
 * The wizard's last step: what happened, once the user was added; and, after "Copy invitation link",
 * how that went (`linkOutcome`).
 */
export function AddUserSummary({
  user,
  linkOutcome,
}: {
  user: User
  linkOutcome?: InvitationOutcome | null
}) {
  const translate = useTranslate()
  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }} role="status">
        <CheckCircleIcon color="success" sx={{ fontSize: 40 }} aria-hidden />
        <Box>
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
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
      <LinkOutcome outcome={linkOutcome} />
    </>
  )
}

/**
 * "Link copied" (or the link, when the browser refused the clipboard), said inside the dialog: the
 * toast that says it too is hidden from screen readers while the dialog is open. The status line is
 * always there, empty until the first copy, so that screen readers announce what appears in it.
 */
function LinkOutcome({ outcome }: { outcome?: InvitationOutcome | null }) {
  const translate = useTranslate()
  return (
    // Lined up with the summary's text, right of its 40 px icon.
    <Box role="status" sx={{ mt: 2, ml: 7 }}>
      {outcome?.status === 'link_copied' && (
        <Typography variant="body2" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <CheckIcon color="success" fontSize="small" aria-hidden />
          {translate('roster.users.notifications.link_copied')}
        </Typography>
      )}
      {outcome?.status === 'link_not_copied' && (
        <>
          <Typography variant="body2">{translate('roster.users.wizard.link_not_copied')}</Typography>
          <Box
            component="code"
            sx={{
              display: 'block',
              mt: 1,
              p: 1,
              borderRadius: 1,
              bgcolor: 'action.hover',
              fontFamily: monospace,
              fontSize: 13,
              overflowWrap: 'anywhere',
              // One click selects the whole link, to copy it by hand.
              userSelect: 'all',
            }}
          >
            {outcome.url}
          </Box>
        </>
      )}
      {outcome?.status === 'failed' && (
        <Typography variant="body2" color="error">
          {translate(outcome.message, { _: outcome.message })}
        </Typography>
      )}
    </Box>
  )
}
