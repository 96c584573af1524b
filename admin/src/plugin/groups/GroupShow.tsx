import { Box, Card, CardContent, Typography } from '@mui/material'
import {
  DataTable,
  EditButton,
  ReferenceManyField,
  Show,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { InitialsAvatar } from '../common/InitialsAvatar'
import { PagesWhenLong } from '../common/PagesWhenLong'
import { showSx, tableSx } from '../common/tableSx'
import type { Group, User } from '../types'
import { UserEmailField, UserNameField } from '../users/UserFields'
import { UserStateChip } from '../users/UserStateChip'
import { DeleteGroupButton } from './DeleteGroupButton'

function GroupShowActions() {
  return (
    <TopToolbar>
      <EditButton />
      <DeleteGroupButton />
    </TopToolbar>
  )
}

function GroupHeader() {
  const group = useRecordContext<Group>()
  const translate = useTranslate()
  if (!group) return null
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
      <InitialsAvatar name={group.name} sx={{ width: 48, height: 48, fontSize: 18 }} />
      <Box sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="h5" component="p">
            {group.name}
          </Typography>
          {group.isDefault && <DefaultBadge />}
        </Box>
        <Typography variant="body2" color="text.secondary">
          {group.id}
        </Typography>
        {group.description && <Typography sx={{ mt: 1 }}>{group.description}</Typography>}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {translate('roster.groups.member_count', { smart_count: group.memberCount })}
        </Typography>
      </Box>
    </Box>
  )
}

const Column = DataTable.Col<User>

/** A group's page: what it is, and who is in it. */
export function GroupShow() {
  const translate = useTranslate()
  return (
    <Show<Group> resource="groups" sx={showSx} actions={<GroupShowActions />} component="div">
      <GroupHeader />
      <Card variant="outlined" component="section" aria-label={translate('roster.groups.members')}>
        <CardContent>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
            {translate('roster.groups.members')}
          </Typography>
          <ReferenceManyField<Group, User>
            reference="users"
            target="groupId"
            sort={{ field: 'name', order: 'ASC' }}
            perPage={25}
            pagination={<PagesWhenLong />}
          >
            <DataTable<User> rowClick="show" bulkActionButtons={false} sx={tableSx} empty={<NoMembers />}>
              <Column source="name" field={UserNameField} />
              <Column source="email" field={UserEmailField} />
              <Column source="state" field={UserStateChip} />
            </DataTable>
          </ReferenceManyField>
        </CardContent>
      </Card>
    </Show>
  )
}

function NoMembers() {
  const translate = useTranslate()
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('roster.groups.no_members')}
    </Typography>
  )
}
