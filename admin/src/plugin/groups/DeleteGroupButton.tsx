import { Box, Tooltip } from '@mui/material'
import type { MouseEvent } from 'react'
import { DeleteWithConfirmButton, useRecordContext, useTranslate } from 'react-admin'
import type { Group } from '../types'

/** The translation key saying why a group cannot be deleted, or undefined when it can. */
export function groupDeletionBlocker(group: Group): string | undefined {
  if (group.isDefault) return 'roster.groups.delete_blocked.default'
  if (group.memberCount > 0) return 'roster.groups.delete_blocked.members'
  return undefined
}

/** Delete, disabled with the reason as tooltip for the default group and for groups with members. */
export function DeleteGroupButton() {
  const group = useRecordContext<Group>()
  const translate = useTranslate()
  if (!group) return null
  const blocker = groupDeletionBlocker(group)
  return (
    <Tooltip title={blocker ? translate(blocker, { smart_count: group.memberCount }) : ''}>
      {/* The wrapper keeps the tooltip working on a disabled button, and keeps clicks in the
          confirmation (a portal) from reaching the list row, which would open the group. */}
      <Box
        component="span"
        tabIndex={blocker ? 0 : undefined}
        sx={{ display: 'inline-block' }}
        onClick={(event: MouseEvent) => event.stopPropagation()}
      >
        <DeleteWithConfirmButton disabled={blocker !== undefined} mutationMode="pessimistic" />
      </Box>
    </Tooltip>
  )
}
