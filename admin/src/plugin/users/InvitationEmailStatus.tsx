import { Chip, Tooltip } from '@mui/material'
import { useRecordContext, useTranslate } from 'react-admin'
import { formatDateTime } from '../common/format'
import type { EmailDeliveryStatus, User } from '../types'

const PROBLEMS: EmailDeliveryStatus[] = ['bounced', 'complained', 'failed']
const COLOR: Record<EmailDeliveryStatus, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  queued: 'info',
  sent: 'default',
  delivered: 'success',
  bounced: 'error',
  complained: 'warning',
  failed: 'error',
}

/**
 * The invitation email's fate as a chip with the time and the provider's reason. With
 * `problemsOnly` (the users list) it shows only what the administrator must act on.
 */
export function InvitationEmailStatus({ problemsOnly = false }: { problemsOnly?: boolean }) {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  const email = user?.invitationEmail
  if (!user || !email || user.state === 'active') return null
  if (problemsOnly && !PROBLEMS.includes(email.status)) return null
  const label = translate(`roster.users.email.${email.status}`)
  const details = [
    translate('roster.users.email.at', { status: label, date: formatDateTime(email.at) }),
    email.error,
    PROBLEMS.includes(email.status) ? translate('roster.users.email.advice') : null,
  ].filter(Boolean)
  return (
    <Tooltip title={details.join(' · ')}>
      <Chip
        size="small"
        variant={PROBLEMS.includes(email.status) ? 'filled' : 'outlined'}
        color={COLOR[email.status]}
        label={`${translate('roster.users.email.label')}: ${label}`}
        aria-label={details.join('. ')}
      />
    </Tooltip>
  )
}
