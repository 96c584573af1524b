import { Box, Button, Typography } from '@mui/material'
import { useRecordContext, useTranslate } from 'react-admin'
import { formatDateTime } from '../common/format'
import type { User } from '../types'
import { INVITATION_ACTIONS, USER_ACTION_LABELS, isUserActionAllowed } from './invitationActions'
import { useInvitationActions } from './useInvitationActions'
import { InvitationEmailStatus } from './InvitationEmailStatus'
import { UserStateChip } from './UserStateChip'

function statusLine(user: User, translate: ReturnType<typeof useTranslate>): string {
  switch (user.state) {
    case 'invited':
      // Nobody waits for an answer to a link that was never sent (a token that sends no emails).
      return translate(user.invitationEmail === null ? 'roster.users.invitation.pending_unsent' : 'roster.users.invitation.pending', {
        date: formatDateTime(user.expiresAt),
      })
    case 'invitation_expired':
      return translate('roster.users.invitation.expired', { date: formatDateTime(user.expiresAt) })
    case 'active':
      return translate('roster.users.invitation.accepted', { date: formatDateTime(user.joinedAt) })
    case 'blocked':
      return translate('roster.users.invitation.blocked')
  }
}

function invitedLine(user: User): string {
  if (user.state === 'blocked' || user.state === 'active') return 'roster.users.invitation.invited_on'
  if (user.invitationEmail !== null) return 'roster.users.invitation.invited_by'
  // An expired link can be neither copied nor resent: Send new invitation says what to do.
  return user.state === 'invitation_expired' ? 'roster.users.invitation.invited_without_email_expired' : 'roster.users.invitation.invited_without_email'
}

/** The invitation's state and the actions that apply to it (same table as the actions menu). */
export function InvitationPanel() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  const { run, pending } = useInvitationActions()
  if (!user) return null
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <UserStateChip />
        <Typography variant="body2">{statusLine(user, translate)}</Typography>
      </Box>
      <Box sx={{ mb: 1 }}>
        <InvitationEmailStatus />
      </Box>
      {user.invitedAt && (
        <Typography variant="body2" color="text.secondary">
          {/* A token that sends no emails, or a user provisioned inactive: no link went out. A
              blocked member's link has ended: what was once emailed no longer counts either way. */}
          {translate(invitedLine(user), {
            date: formatDateTime(user.invitedAt),
            name: user.invitedBy?.name ?? translate('roster.users.invitation.unknown_inviter'),
          })}
        </Typography>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 2 }}>
        {INVITATION_ACTIONS.map((action) => (
          <Button
            key={action}
            variant="outlined"
            size="small"
            disabled={!isUserActionAllowed(user.state, action) || pending !== null}
            onClick={() => void run(action, user)}
          >
            {translate(USER_ACTION_LABELS[action])}
          </Button>
        ))}
      </Box>
    </Box>
  )
}
