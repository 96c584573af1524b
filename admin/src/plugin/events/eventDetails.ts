import type { useTranslate } from 'react-admin'
import type { UserEvent } from '../types'
import { attributeLabel } from '../users/providerAttributes'

const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** What the event's data says changed, in a line: which attributes, which groups, which state. */
export function eventDetails(event: UserEvent, translate: ReturnType<typeof useTranslate>): string | undefined {
  const data = event.data ?? {}
  const list = (items: unknown) => names(items).join(', ')
  const lines: string[] = []
  const changed = names(data.changed).map((key) => attributeLabel(key, translate))
  if (event.type === 'updated' && changed.length) lines.push(translate('roster.events.details.changed', { attributes: changed.join(', ') }))
  if (list(data.added)) lines.push(translate('roster.events.details.added', { groups: list(data.added) }))
  if (list(data.removed)) lines.push(translate('roster.events.details.removed', { groups: list(data.removed) }))
  if (event.type === 'invited' && list(data.groups)) lines.push(translate('roster.events.details.groups', { groups: list(data.groups) }))
  if (event.type === 'unblocked' && typeof data.restored === 'string') {
    const state = translate(`roster.users.states.${data.restored}`, { _: data.restored })
    lines.push(translate('roster.events.details.restored', { state }))
  }
  return lines.length ? lines.join(' · ') : undefined
}
