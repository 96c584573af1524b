import { Box, Tooltip, Typography } from '@mui/material'
import type { MouseEvent } from 'react'
import { Link, useCreatePath, useGetManyAggregate, useRecordContext, useTranslate } from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { InitialsAvatar } from '../common/InitialsAvatar'
import { ROOMY_WINDOW } from '../common/tableSx'
import { oneLineSx, TwoLines } from '../common/TwoLines'
import { InvitationEmailStatus } from './InvitationEmailStatus'
import { formatDate, formatDateTime, formatTime, fullName } from '../common/format'
import type { Group, User } from '../types'

// The least (and most) of each long value the Users table shows before cutting it with an ellipsis:
// with every column at its least, the table fits a 1000 px window with the menu open.
const nameWidth = { minWidth: 90, maxWidth: 220, [ROOMY_WINDOW]: { minWidth: 140 } }
const emailWidth = { minWidth: 130, maxWidth: 280, [ROOMY_WINDOW]: { minWidth: 170 } }
const groupWidth = { minWidth: 80, maxWidth: 180, [ROOMY_WINDOW]: { minWidth: 90 } }

// Links inside a clickable row must not also trigger the row's own navigation.
const stopRowClick = (event: MouseEvent) => event.stopPropagation()

/** Avatar with initials, the name linking to the user's page, and the id below. */
export function UserNameField() {
  const user = useRecordContext<User>()
  const createPath = useCreatePath()
  if (!user) return null
  const name = fullName(user)
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
      <InitialsAvatar name={name} />
      <TwoLines
        first={
          <Link to={createPath({ resource: 'users', type: 'show', id: user.id })} onClick={stopRowClick}>
            {name}
          </Link>
        }
        second={user.id}
        title={name}
        sx={nameWidth}
      />
    </Box>
  )
}

/** The email address; cut with an ellipsis (whole in its tooltip) when the column is narrow. */
export function UserEmailField() {
  const user = useRecordContext<User>()
  if (!user) return null
  return (
    <Box sx={{ ...oneLineSx, ...emailWidth }} title={user.email}>
      {user.email}
    </Box>
  )
}

/** Date and time joined; for those who have not joined, the invitation's state and date. */
export function JoinedField() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  if (!user) return null
  if (user.state === 'invited' || user.state === 'invitation_expired') {
    const date = user.state === 'invited' ? user.invitedAt : user.expiresAt
    return (
      <Box>
        <TwoLines first={translate(`roster.users.states.${user.state}`)} second={formatDateTime(date)} whole />
        <InvitationEmailStatus problemsOnly />
      </Box>
    )
  }
  if (!user.joinedAt) return <>{translate('roster.none')}</>
  return <TwoLines first={formatDate(user.joinedAt)} second={formatTime(user.joinedAt)} whole />
}

export function LastSignInField() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  if (!user) return null
  if (!user.lastSignInAt) return <>{translate('roster.none')}</>
  return <TwoLines first={formatDate(user.lastSignInAt)} second={formatTime(user.lastSignInAt)} whole />
}

/** The group's name (and id), or "N groups" with their names in a tooltip. */
export function UserGroupsField() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  const createPath = useCreatePath()
  const ids = user?.groupIds ?? []
  // Aggregated: one request for the groups of every row on the page.
  const { data: groups = [], isPending } = useGetManyAggregate<Group>('groups', { ids }, { enabled: ids.length > 0 })
  if (!user || ids.length === 0) return <>{translate('roster.none')}</>
  if (isPending) return null

  const only = ids.length === 1 ? groups[0] : undefined
  if (only) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
        <InitialsAvatar name={only.name} />
        <TwoLines
          first={
            <Link to={createPath({ resource: 'groups', type: 'show', id: only.id })} onClick={stopRowClick}>
              {only.name}
            </Link>
          }
          badge={only.isDefault && <DefaultBadge />}
          second={only.id}
          title={only.name}
          sx={groupWidth}
        />
      </Box>
    )
  }
  const label = translate('roster.users.groups_count', { smart_count: ids.length })
  return (
    <Tooltip title={groups.map((group) => group.name).join(', ')} describeChild>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }} tabIndex={0}>
        <InitialsAvatar name={label} text={`+${ids.length}`} />
        <Typography variant="body2">{label}</Typography>
      </Box>
    </Tooltip>
  )
}
