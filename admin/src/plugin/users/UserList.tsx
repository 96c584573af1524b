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
import { listSx, tableSx } from '../common/tableSx'
import { twoLinesClasses } from '../common/TwoLines'
import { USER_STATES, type User } from '../types'
import { UserActionsMenu } from './UserActionsMenu'
import { JoinedField, LastSignInField, UserEmailField, UserGroupsField, UserNameField } from './UserFields'
import { UserStateChip } from './UserStateChip'

const stateChoices = USER_STATES.map((state) => ({ id: state, name: `roster.users.states.${state}` }))

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="state" source="state" choices={stateChoices} emptyText="roster.users.all_states" alwaysOn />,
  <ReferenceInput
    key="groupId"
    source="groupId"
    reference="groups"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={500}
    alwaysOn
  >
    <SelectInput optionText="name" emptyText="roster.users.all_groups" />
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

// So that every column fits a 1000 px window with the menu open: the state and invitation email chips
// take two lines when their column is narrow, an invitation's date and time is cut short, and the
// groups leave out their "Default" badge (it is on the Groups page) below a 1360 px window. (From
// `ROOMY_WINDOW` on, the roomier cells and avatars leave too little for them: at 1280 px the Actions
// column was cut.) Windows narrower than 900 px leave out the last sign-in (on the user's page).
const WIDE_WINDOW = '@media (min-width: 1360px)'
const wrappingChip = {
  '& .MuiChip-root': { height: 'auto', minHeight: 24 },
  '& .MuiChip-label': { whiteSpace: 'normal', textAlign: 'center' },
}
const usersTableSx = {
  '& .column-state, & .column-joinedAt': wrappingChip,
  '& .column-joinedAt .MuiTypography-caption': { [WIDE_WINDOW]: { maxWidth: 'none', whiteSpace: 'nowrap' } },
  [`& .column-groupIds .${twoLinesClasses.badge}`]: { display: 'none', [WIDE_WINDOW]: { display: 'flex' } },
  '& .column-lastSignInAt': { display: { xs: 'none', md: 'table-cell' } },
  // A phone shows who each row is, its state and its actions without scrolling sideways; the rest
  // is on the user's page.
  '& .column-email, & .column-joinedAt, & .column-groupIds': { display: { xs: 'none', sm: 'table-cell' } },
} as const

/** Settings > Users: who is in the account, in which state, with their groups. */
export function UserList() {
  return (
    <List<User>
      resource="users"
      // On a phone, room below the last row for the floating Add button, which would cover its "…".
      sx={{ ...listSx, pb: { xs: 10, sm: 0 } }}
      filters={userFilters}
      actions={<UserListActions />}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
    >
      <DataTable<User> rowClick="show" bulkActionButtons={false} sx={[tableSx, usersTableSx]}>
        <Column source="name" field={UserNameField} />
        <Column source="email" field={UserEmailField} />
        <Column source="state" field={UserStateChip} />
        <Column source="joinedAt" field={JoinedField} />
        <Column source="lastSignInAt" field={LastSignInField} />
        <Column source="groupIds" field={UserGroupsField} disableSort />
        <Column source="actions" disableSort align="right" field={UserActionsMenu} />
      </DataTable>
    </List>
  )
}
