import { Box } from '@mui/material'
import { CreateButton, DataTable, EditButton, List, SearchInput, TopToolbar, useRecordContext } from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { InitialsAvatar } from '../common/InitialsAvatar'
import type { Group } from '../types'
import { tableSx } from '../common/tableSx'
import { TwoLines } from '../common/TwoLines'
import { DeleteGroupButton } from './DeleteGroupButton'

function GroupNameField() {
  const group = useRecordContext<Group>()
  if (!group) return null
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
      <InitialsAvatar name={group.name} />
      <TwoLines
        first={
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
            {group.name}
            {group.isDefault && <DefaultBadge />}
          </Box>
        }
        second={group.id}
      />
    </Box>
  )
}

function GroupRowActions() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1 }}>
      <EditButton />
      <DeleteGroupButton />
    </Box>
  )
}

const Column = DataTable.Col<Group>

/** Settings > Groups: the account's groups, with their member counts. */
export function GroupList() {
  return (
    <List<Group>
      resource="groups"
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      actions={
        <TopToolbar>
          <CreateButton variant="contained" />
        </TopToolbar>
      }
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
    >
      <DataTable<Group> rowClick="show" bulkActionButtons={false} sx={tableSx}>
        <Column source="name" field={GroupNameField} />
        <Column source="description" disableSort />
        <DataTable.NumberCol source="memberCount" />
        <Column source="actions" disableSort align="right" field={GroupRowActions} />
      </DataTable>
    </List>
  )
}
