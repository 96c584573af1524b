import { Box } from '@mui/material'
import { CreateButton, DataTable, EditButton, List, SearchInput, TopToolbar, useRecordContext } from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import { InitialsAvatar } from '../common/InitialsAvatar'
import type { Group } from '../types'
import { listSx, tableSx } from '../common/tableSx'
import { TwoLines } from '../common/TwoLines'
import { DeleteGroupButton } from './DeleteGroupButton'

function GroupNameField() {
  const group = useRecordContext<Group>()
  if (!group) return null
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
      <InitialsAvatar name={group.name} />
      <TwoLines
        first={group.name}
        badge={group.isDefault && <DefaultBadge />}
        second={group.id}
        title={group.name}
        sx={{ minWidth: { xs: 90, lg: 120 }, maxWidth: 280 }}
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

// On a phone the table scrolls rather than squeeze descriptions to a word a line.
const groupsTableSx = { '& td.column-description': { minWidth: 180 } } as const

/** Settings > Groups: the account's groups, with their member counts. */
export function GroupList() {
  return (
    <List<Group>
      resource="groups"
      sx={listSx}
      filters={[<SearchInput key="q" source="q" alwaysOn />]}
      actions={
        <TopToolbar>
          <CreateButton variant="contained" />
        </TopToolbar>
      }
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
    >
      <DataTable<Group> rowClick="show" bulkActionButtons={false} sx={[tableSx, groupsTableSx]}>
        <Column source="name" field={GroupNameField} />
        <Column source="description" disableSort />
        <DataTable.NumberCol source="memberCount" />
        <Column source="actions" disableSort align="right" field={GroupRowActions} />
      </DataTable>
    </List>
  )
}
