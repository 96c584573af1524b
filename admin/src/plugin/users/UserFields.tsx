import { Box, Tooltip, Typography } from '@mui/material'
import type { MouseEvent } from 'react'
import { Link, useCreatePath, useGetManyAggregate, useRecordContext, useTranslate } from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { InitialsAvatar } from '../common/InitialsAvatar'
import { TwoLines } from '../common/TwoLines'
import { InvitationEmailStatus } from './InvitationEmailStatus'
import { formatDate, formatDateTime, formatTime, fullName } from '../common/format'
import type { Group, User } from '../types'

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
      />
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
        <TwoLines first={translate(`roster.users.states.${user.state}`)} second={formatDateTime(date)} />
        <InvitationEmailStatus problemsOnly />
      </Box>
    )
  }
  if (!user.joinedAt) return <>{translate('roster.none')}</>
  return <TwoLines first={formatDate(user.joinedAt)} second={formatTime(user.joinedAt)} />
}

export function LastSignInField() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  if (!user) return null
  if (!user.lastSignInAt) return <>{translate('roster.none')}</>
  return <TwoLines first={formatDate(user.lastSignInAt)} second={formatTime(user.lastSignInAt)} />
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
            <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
              <Link to={createPath({ resource: 'groups', type: 'show', id: only.id })} onClick={stopRowClick}>
                {only.name}
              </Link>
              {only.isDefault && <DefaultBadge />}
            </Box>
          }
          second={only.id}
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
