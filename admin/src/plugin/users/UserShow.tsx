import DeleteIcon from '@mui/icons-material/PersonRemove'
import EditIcon from '@mui/icons-material/Edit'
import { Box, Button, Card, CardContent, Typography } from '@mui/material'
import { useState, type ReactNode } from 'react'
import {
  Link,
  Show,
  TopToolbar,
  useCreatePath,
  useGetManyAggregate,
  useLocation,
  useNavigate,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { InitialsAvatar } from '../common/InitialsAvatar'
import { formatDateTime, fullName } from '../common/format'
import { showSx } from '../common/tableSx'
import type { Group, User } from '../types'
import { InvitationPanel } from './InvitationPanel'
import { ProviderPanel } from './ProviderPanel'
import { isUserActionAllowed, USER_ACTION_LABELS } from './invitationActions'
import { RemoveUserDialog } from './RemoveUserDialog'
import { useIsSelf } from './useIsSelf'
import { useLeaveIfUserGone } from './useLeaveMissingUser'
import { useNotifyApiError } from '../common/useNotifyApiError'
import { UserHistory } from './UserHistory'
import { detailsOf } from './userDetails'
import { DetailRow, UserOverview } from './UserOverview'

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title} variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  )
}

function UserShowActions() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  const navigate = useNavigate()
  const createPath = useCreatePath()
  const location = useLocation()
  const [removing, setRemoving] = useState(false)
  const self = useIsSelf(user)
  if (!user) return <TopToolbar />
  return (
    <TopToolbar>
      <Button
        startIcon={<EditIcon />}
        disabled={!isUserActionAllowed(user.state, 'edit')}
        // Edit comes back here rather than to the list.
        onClick={() =>
          navigate(createPath({ resource: 'users', type: 'edit', id: user.id }), {
            state: { returnTo: location.pathname },
          })
        }
      >
        {translate(USER_ACTION_LABELS.edit)}
      </Button>
      <Button
        color="error"
        startIcon={<DeleteIcon />}
        disabled={!isUserActionAllowed(user.state, 'remove') || self}
        aria-describedby={self ? 'remove-self-reason' : undefined}
        onClick={() => setRemoving(true)}
      >
        {translate(USER_ACTION_LABELS.remove)}
      </Button>
      {/* Written out, not in a tooltip: a disabled button takes no hover, focus or tap. */}
      {self && (
        <Typography id="remove-self-reason" variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
          {translate('roster.users.remove.self')}
        </Typography>
      )}
      <RemoveUserDialog open={removing} user={user} onClose={() => setRemoving(false)} />
    </TopToolbar>
  )
}

function UserGroups() {
  const user = useRecordContext<User>()
  const createPath = useCreatePath()
  const { data: groups = [] } = useGetManyAggregate<Group>('groups', { ids: user?.groupIds ?? [] })
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
      {groups.map((group) => (
        <Box component="li" key={group.id} sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
          <InitialsAvatar name={group.name} />
          <Box>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Link to={createPath({ resource: 'groups', type: 'show', id: group.id })}>{group.name}</Link>
              {group.isDefault && <DefaultBadge />}
            </Box>
            <Typography variant="caption" color="text.secondary">
              {group.id}
            </Typography>
          </Box>
        </Box>
      ))}
    </Box>
  )
}

function UserShowLayout() {
  const user = useRecordContext<User>()
  const translate = useTranslate()
  if (!user) return null
  const name = fullName(user)
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <InitialsAvatar name={name} sx={{ width: 48, height: 48, fontSize: 18 }} />
        {/* A very long name or the id breaks rather than widen a phone's page. */}
        <Box sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Typography variant="h5" component="p">
            {name}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {user.id}
          </Typography>
        </Box>
      </Box>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Section title={translate('roster.users.sections.general')}>
            <UserOverview details={detailsOf(user)}>
              <DetailRow label={translate('resources.users.fields.lastSignInAt')}>
                {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : translate('roster.none')}
              </DetailRow>
            </UserOverview>
          </Section>
          <Section title={translate('resources.users.fields.groupIds')}>
            <UserGroups />
          </Section>
          {user.provider && (
            <Section title={translate('roster.users.sections.provider')}>
              <ProviderPanel />
            </Section>
          )}
        </Box>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Section title={translate('roster.users.sections.invitation')}>
            <InvitationPanel />
          </Section>
          <Section title={translate('roster.users.sections.history')}>
            <UserHistory />
          </Section>
        </Box>
      </Box>
    </Box>
  )
}

/** A user's details page: general data, groups, invitation and history. */
export function UserShow() {
  const leaveIfGone = useLeaveIfUserGone()
  const notifyError = useNotifyApiError()
  // Only a user who is gone sends the administrator back to the list: a failed reload (a network
  // blip after an action) leaves the page as it was, with the error said.
  const onError = (error: unknown) => {
    if (!leaveIfGone(error)) notifyError(error)
  }
  return (
    <Show<User>
      resource="users"
      sx={showSx}
      actions={<UserShowActions />}
      component="div"
      queryOptions={{ onError }}
    >
      <UserShowLayout />
    </Show>
  )
}
