import { List, ListItem, ListItemText, Typography } from '@mui/material'
import { ReferenceManyField, useListContext, useTranslate } from 'react-admin'
import { formatDateTime } from '../common/format'
import type { UserEvent } from '../types'

const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** What the event's data says changed, in a line: which attributes, which groups, which state. */
function eventDetails(event: UserEvent, translate: ReturnType<typeof useTranslate>): string | undefined {
  const data = event.data ?? {}
  const list = (items: unknown) => names(items).join(', ')
  const lines: string[] = []
  if (event.type === 'updated' && list(data.changed)) lines.push(translate('roster.events.details.changed', { attributes: list(data.changed) }))
  if (list(data.added)) lines.push(translate('roster.events.details.added', { groups: list(data.added) }))
  if (list(data.removed)) lines.push(translate('roster.events.details.removed', { groups: list(data.removed) }))
  if (event.type === 'invited' && list(data.groups)) lines.push(translate('roster.events.details.groups', { groups: list(data.groups) }))
  if (event.type === 'unblocked' && typeof data.restored === 'string') {
    const state = translate(`roster.users.states.${data.restored}`, { _: data.restored })
    lines.push(translate('roster.events.details.restored', { state }))
  }
  return lines.length ? lines.join(' · ') : undefined
}

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
      perPage={100}
    >
      <EventList />
    </ReferenceManyField>
  )
}
