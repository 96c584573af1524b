import { List, ListItem, ListItemText, Typography } from '@mui/material'
import { ReferenceManyField, useListContext, useTranslate } from 'react-admin'
import { formatDateTime } from '../common/format'
import { PagesWhenLong } from '../common/PagesWhenLong'
import { eventDetails } from '../events/eventDetails'
import type { UserEvent } from '../types'

function EventList() {
  const { data, isPending, error } = useListContext<UserEvent>()
  const translate = useTranslate()
  if (isPending) return null
  if (error) {
    return (
      <Typography variant="body2" color="error">
        {translate('roster.users.history.error')}
      </Typography>
    )
  }
  if (!data?.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('roster.users.history.empty')}
      </Typography>
    )
  }
  return (
    <List dense disablePadding>
      {data.map((event) => {
        const details = eventDetails(event, translate)
        const byOn = translate('roster.users.history.by_on', {
          actor: event.actor.label,
          actorType: translate(`roster.events.actors.${event.actor.type}`, { _: event.actor.type }),
          date: formatDateTime(event.occurredAt),
        })
        return (
          <ListItem key={event.id} divider disableGutters>
            <ListItemText
              primary={translate(`roster.events.types.${event.type}`, { _: event.type })}
              secondary={
                <>
                  {details && (
                    <Typography component="span" variant="body2" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
                      {details}
                    </Typography>
                  )}
                  {byOn}
                </>
              }
            />
          </ListItem>
        )
      })}
    </List>
  )
}

/** What happened to this membership, by whom and when, newest first. */
export function UserHistory() {
  return (
    <ReferenceManyField<UserEvent>
      reference="events"
      target="userId"
      sort={{ field: 'occurredAt', order: 'DESC' }}
      perPage={25}
      pagination={<PagesWhenLong />}
    >
      <EventList />
    </ReferenceManyField>
  )
}
