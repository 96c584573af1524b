import { Typography } from '@mui/material'
import {
  ColumnsButton,
  CreateButton,
  DataTable,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin'
import { tableSx } from '../common/tableSx'
import { USER_STATES, type User } from '../types'
import { UserActionsMenu } from './UserActionsMenu'
import { JoinedField, LastSignInField, UserGroupsField, UserNameField } from './UserFields'
import { UserStateChip } from './UserStateChip'

const stateChoices = USER_STATES.map((state) => ({ id: state, name: `roster.users.states.${state}` }))

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="state" source="state" choices={stateChoices} alwaysOn />,
  <ReferenceInput
    key="groupId"
    source="groupId"
    reference="groups"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={500}
    alwaysOn
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
]

function RowCount() {
  const { total } = useListContext()
  const translate = useTranslate()
  if (total === undefined) return null
  return (
    <Typography variant="body2" color="text.secondary" role="status" sx={{ alignSelf: 'center', mr: 1 }}>
      {translate('roster.row_count', { smart_count: total })}
    </Typography>
  )
}

function UserListActions() {
  return (
    <TopToolbar>
      <RowCount />
      <ColumnsButton />
      <CreateButton label="roster.users.actions.add" variant="contained" />
    </TopToolbar>
  )
}

const Column = DataTable.Col<User>

/** Settings > Users: who is in the account, in which state, with their groups. */
export function UserList() {
  return (
    <List<User>
      resource="users"
      filters={userFilters}
      actions={<UserListActions />}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
    >
      <DataTable<User> rowClick="show" bulkActionButtons={false} sx={tableSx}>
        <Column source="name" field={UserNameField} />
        <Column source="email" />
        <Column source="state" field={UserStateChip} />
        <Column source="joinedAt" field={JoinedField} />
        <Column source="lastSignInAt" field={LastSignInField} />
        <Column source="groupIds" field={UserGroupsField} disableSort />
        <Column source="actions" disableSort align="right" field={UserActionsMenu} />
      </DataTable>
    </List>
  )
}
