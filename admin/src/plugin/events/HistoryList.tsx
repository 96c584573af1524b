import { Alert, Box, Chip, Typography } from '@mui/material'
import { DataTable, List, SelectInput, useRecordContext, useTranslate, type RaRecord } from 'react-admin'
import { listSx, tableSx } from '../common/tableSx'
import { formatDate, formatTime } from '../common/format'
import { oneLineSx, TwoLines } from '../common/TwoLines'
import type { UserEvent, UserEventType } from '../types'
import { eventDetails } from './eventDetails'

const EVENT_TYPES: UserEventType[] = [
  'invited',
  'invitation_resent',
  'new_invitation_sent',
  'invitation_accepted',
  'invitation_declined',
  'invitation_expired',
  'groups_changed',
  'updated',
  'blocked',
  'unblocked',
  'removed',
]


const historyFilters = [
  <SelectInput
    key="type"
    source="type"
    label="roster.history.type"
    choices={EVENT_TYPES.map((type) => ({ id: type, name: `roster.events.types.${type}` }))}
    emptyText="roster.history.all_types"
    alwaysOn
  />,
]

function WhenField() {
  const event = useRecordContext<UserEvent>()
  if (!event) return null
  return <TwoLines first={formatDate(event.occurredAt)} second={formatTime(event.occurredAt)} whole />
}

/** The person, also after they left the account (then said so: their page is gone). */
function UserCell() {
  const event = useRecordContext<UserEvent>()
  const translate = useTranslate()
  if (!event?.user) return null
  const { name, email, current } = event.user
  const former = current ? undefined : (
    <Chip
      label={translate('roster.history.former')}
      size="small"
      variant="outlined"
      sx={{ height: 20, fontSize: 12, borderRadius: 1, '& .MuiChip-label': { px: 0.75 } }}
    />
  )
  // A former member is shown by the name the account entered for them, else by their address.
  return (
    <TwoLines
      first={name || email}
      second={name ? email : undefined}
      secondMaxWidth={{ xs: 110, sm: 160, lg: 240 }}
      badge={former}
      title={name ?? email}
      sx={{ minWidth: { xs: 80, lg: 140 }, maxWidth: { xs: 110, sm: 160, lg: 240 } }}
    />
  )
}

function WhatCell() {
  const event = useRecordContext<UserEvent>()
  const translate = useTranslate()
  if (!event) return null
  const details = eventDetails(event, translate)
  return (
    <Box sx={{ minWidth: { xs: 110, lg: 200 } }}>
      <Typography variant="body2">{translate(`roster.events.types.${event.type}`, { _: event.type })}</Typography>
      {details && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
          {details}
        </Typography>
      )}
      {/* On a phone the By column is hidden: who made the change goes under it. */}
      <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'block', sm: 'none' }, overflowWrap: 'anywhere' }}>
        {event.actor.label}
      </Typography>
    </Box>
  )
}

function ByCell() {
  const event = useRecordContext<UserEvent>()
  const translate = useTranslate()
  if (!event) return null
  return (
    <TwoLines
      first={<Box component="span" sx={{ ...oneLineSx }}>{event.actor.label}</Box>}
      second={translate(`roster.events.actors.${event.actor.type}`, { _: event.actor.type })}
      title={event.actor.label}
      sx={{ minWidth: { xs: 80, lg: 120 }, maxWidth: { xs: 140, lg: 220 } }}
    />
  )
}

function NoHistory() {
  const translate = useTranslate()
  return (
    <Alert severity="info" sx={{ m: 2 }}>
      {translate('roster.history.empty')}
    </Alert>
  )
}

const Column = DataTable.Col<UserEvent>

// On a phone, when, who and what fit without scrolling sideways; by whom goes under what.
const historyTableSx = { '& .column-actor': { display: { xs: 'none', sm: 'table-cell' } } } as const

// A member's line opens their page (their membership now, if they were invited again); a former
// member has none.
const openUser = (_id: unknown, _resource: string, record: RaRecord) => {
  const currentId = (record as UserEvent).user?.currentId
  return currentId ? `/users/${encodeURIComponent(currentId)}/show` : false
}

/**
 * Administration > History: every change to the account's memberships, newest first, with the
 * person each is about. Declined invitations and removed members stay here once their user is gone.
 */
export function HistoryList() {
  return (
    <List<UserEvent>
      resource="events"
      sx={listSx}
      filters={historyFilters}
      actions={false}
      sort={{ field: 'occurredAt', order: 'DESC' }}
      perPage={25}
      empty={<NoHistory />}
    >
      <DataTable<UserEvent> rowClick={openUser} bulkActionButtons={false} sx={[tableSx, historyTableSx]}>
        <Column source="occurredAt" field={WhenField} />
        <Column source="user" disableSort field={UserCell} />
        <Column source="type" disableSort field={WhatCell} />
        <Column source="actor" disableSort field={ByCell} />
      </DataTable>
    </List>
  )
}
